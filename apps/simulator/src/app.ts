import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import Fastify, { LogController } from 'fastify';
import { createServer, type RequestListener } from 'node:http';
import { AdminModule } from './admin/admin.module.js';
import { clientErrorHandler, ClientFaultFilter, providerFrameworkErrors } from './core/client-errors.js';
import { rejectDeepBodies } from './core/body-depth.js';
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

  // The providers live on a bare Fastify instance of their own, and the HTTP server hands it every request under a
  // provider prefix: Nest's adapter and middie put request hooks on the root of the instance Nest serves (middleware
  // runner, CORS, security headers, 503-on-closing, versioning, ...) and Fastify copies root hooks into every child
  // scope, so mounted there each provider request would run them all. Only /__admin and /docs go through Nest.
  const providers = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Reject absurd URLs and keep slow clients from holding sockets forever.
    // `compile`: find-my-way turns the route tree into generated lookups (same matching, fewer steps per request).
    routerOptions: { maxParamLength: 500, compile: true },
    return503OnClosing: true,
    // The providers' error handlers log a 5xx's stack through `request.log`: without a logger it would go nowhere.
    logger: { level: 'warn', ...(config.logStream ? { stream: config.logStream } : {}) },
    // Only warnings and errors are ever written, so every request shares the root logger (a pino child per request,
    // its bindings serialised, cost ~1 µs of each send) and skips the info-level request lines.
    childLoggerFactory: (logger) => logger,
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: providerFrameworkErrors(core),
  });
  providers.decorateRequest('simAccountId', null);
  for (const provider of core.providers.values()) await registerProviderScope(providers, core, provider);
  providers.addHook('onClose', (_instance, done) => {
    core.clock.stop();
    destroyHangingSockets();
    done();
  });
  await providers.ready();
  const prefixes = new Set([...core.providers.keys()].map((id) => `/${id}`));

  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
    clientErrorHandler: clientErrorHandler(core),
    serverFactory: (nestHandler: RequestListener) => {
      const server = createServer((request, response) => {
        if (prefixes.has(firstSegment(request.url))) providers.routing(request, response);
        else nestHandler(request, response);
      });
      // What Fastify sets on a server it creates itself.
      server.requestTimeout = 120_000;
      server.keepAliveTimeout = 72_000;
      return server;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AdminModule.forCore(core), adapter, {
    logger: ['error', 'warn'],
  });
  // Closing the simulator closes the providers first: their routes answer 503, the clock stops, hung sockets go.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', () => providers.close());
  app.useGlobalFilters(new ClientFaultFilter(app.getHttpAdapter()));
  rejectDeepBodies(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );

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

/** `/wessaal` of `/wessaal/integration/v1/...?x` (the router's prefix match, without allocating more than that). */
function firstSegment(url: string | undefined): string {
  if (url === undefined || url.charCodeAt(0) !== 47) return '';
  let end = 1;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // '/', '?', '#'
    end++;
  }
  return url.slice(0, end);
}
