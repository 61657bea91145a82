import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AdminModule } from './admin/admin.module.js';
import { destroyHangingSockets, registerProviderScope } from './core/provider-scope.js';
import { DEFAULT_CONFIG, SimCore, type SimulatorConfig } from './core/sim-core.js';
import { SIM_PROVIDERS } from './providers/index.js';

export interface SimulatorApp {
  app: NestFastifyApplication;
  core: SimCore;
}

/** Builds the simulator: every provider under its prefix, the control API under /__admin, Swagger at /docs. */
export async function createSimulatorApp(overrides: Partial<SimulatorConfig> = {}): Promise<SimulatorApp> {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const core = new SimCore(config);
  for (const make of SIM_PROVIDERS) core.addProvider(make());
  core.accounts.resetAll();

  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Reject absurd URLs and keep slow clients from holding sockets forever.
    routerOptions: { maxParamLength: 500 },
    requestTimeout: 120_000,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AdminModule.forCore(core), adapter, {
    logger: ['error', 'warn'],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );

  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('simAccountId', null);
  fastify.decorateRequest('simResponseBody', null);
  for (const provider of core.providers.values()) await registerProviderScope(fastify, core, provider);
  fastify.addHook('onClose', (_instance, done) => {
    core.clock.stop();
    destroyHangingSockets();
    done();
  });

  setupSwagger(app, core);
  await app.init();
  return { app, core };
}

function setupSwagger(app: INestApplication, core: SimCore): void {
  const builder = new DocumentBuilder()
    .setTitle('WhatsApp providers simulator')
    .setDescription(
      'Faithful simulations of Washeej, Wutt.net, Watsal, Wessaal and WaMessenger, each under its own prefix, ' +
        'plus the control API under /__admin.',
    )
    .setVersion('1.0')
    .addTag('control', 'The simulator control API')
    // Swagger UI never sends an `Authorization` header parameter, so Watsal's Bearer key is a security scheme.
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Watsal API key, e.g. watsal-demo-key' },
      'watsalBearer',
    );
  for (const provider of core.providers.values())
    builder.addTag(provider.id, `${provider.name} (prefix /${provider.id})`);
  const document = SwaggerModule.createDocument(app, builder.build());
  for (const provider of core.providers.values()) {
    for (const [path, item] of Object.entries(provider.openApiPaths())) {
      if (provider.id === 'watsal') {
        for (const operation of Object.values(item)) {
          if (operation && typeof operation === 'object')
            (operation as { security?: unknown }).security = [{ watsalBearer: [] }];
        }
      }
      document.paths[`/${provider.id}${path}`] = item as (typeof document.paths)[string];
    }
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

export interface StartedSimulator {
  url: string;
  core: SimCore;
  close(): Promise<void>;
}

/** In-process simulator for test suites: `const sim = await startSimulator({ port: 0 })`. */
export async function startSimulator(
  options: Partial<SimulatorConfig> & { port?: number; host?: string } = {},
): Promise<StartedSimulator> {
  const { port = 0, host = '127.0.0.1', ...config } = options;
  const { app, core } = await createSimulatorApp(config);
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${actualPort}`, core, close: () => app.close() };
}
