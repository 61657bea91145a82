import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter, toProblem } from './common/errors/all-exceptions.filter.js';
import { GatewayErrorCode } from './common/errors/error-codes.js';
import { GatewayError } from './common/errors/gateway-error.js';
import { validationErrorFactory } from './common/errors/validation-error.factory.js';
import { corsOptions } from './common/http/cors.js';
import { methodNotAllowedOr, type NotFoundHandler } from './common/http/method-not-allowed.js';
import { RouteTable } from './common/http/route-table.js';
import { clientErrorStatus, refusedRequestHandlers } from './common/input/http-errors.js';
import { registerInputChecks } from './common/input/rest-input-checks.js';
import { loadGatewayConfig, type GatewayConfig } from './config/gateway-config.js';
import { installHttpObservability } from './observability/http-observability.js';
import { createLogger, PinoNestLogger } from './observability/logger.js';
import { requestIdOf } from './observability/request-id.js';
import { registerGraphiql } from './graphiql/graphiql.routes.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { SocketKeyWatch } from './auth/socket-key-watch.js';
import { installGraphqlWsGuard } from './common/graphql/graphql-ws-guard.js';
import { applyApiConventions } from './openapi/api-conventions.js';
import { DEMO_API_KEY } from './seed/demo-seed.js';

export interface GatewayApp {
  app: NestFastifyApplication;
  openApi: OpenAPIObject;
  logger: PinoLogger;
}

export interface GatewayAppOptions {
  /** See AppModuleOptions.migrate (default true). */
  migrate?: boolean;
  /** Where the JSON log lines go (tests read them); default stdout. */
  logDestination?: DestinationStream;
}

/**
 * The gateway installs its own Fastify error handler (below). Nest would install a second one at init, on top of it,
 * and Fastify warns about the override (FSTWRN004) on every start; controller and resolver errors never pass through
 * either (Nest's router catches them for AllExceptionsFilter), so Nest's is not installed.
 */
class GatewayFastifyAdapter extends FastifyAdapter {
  /** Every route registered on the instance (Nest's, GraphQL's, Swagger's), for 405 answers. */
  private readonly routes = new RouteTable();

  constructor(options: FastifyServerOptions) {
    super(options);
    this.getInstance().addHook('onRoute', (route) => this.routes.add(route.url, route.method));
  }

  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's own signature
  override setNotFoundHandler(handler: Function): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return super.setNotFoundHandler(methodNotAllowedOr(this.routes, handler as NotFoundHandler));
  }
}

/** Builds the gateway (not listening): GraphQL at /graphql, REST under /v1, Swagger at /docs, health at /health. */
export async function createGatewayApp(
  config: GatewayConfig,
  databaseUrl: string,
  options: GatewayAppOptions = {},
): Promise<GatewayApp> {
  const logger = createLogger(config, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, { migrate: options.migrate, logger }),
    new GatewayFastifyAdapter({
      trustProxy: config.GATEWAY_TRUST_PROXY,
      bodyLimit: 25 * 1024 * 1024,
      genReqId: requestIdOf,
      ...refusedRequestHandlers(),
    }),
    { logger: new PinoNestLogger(logger) },
  );
  installHttpObservability(app.getHttpAdapter().getInstance(), logger);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationErrorFactory,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  const cors = corsOptions(config.GATEWAY_CORS_ORIGINS);
  if (cors) app.enableCors(cors);
  if (config.NODE_ENV !== 'production') {
    registerGraphiql(app.getHttpAdapter().getInstance(), {
      endpoint: '/graphql',
      apiKey: DEMO_API_KEY,
    });
  }
  const nestLogger = new Logger('Gateway');
  // Errors Fastify raises before Nest sees the request (malformed JSON, body too large, bad content type) answer
  // problem+json with a 4xx; anything else an internal error with its id.
  app
    .getHttpAdapter()
    .getInstance()
    .setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const status = clientErrorStatus(error) ?? 500;
      let gatewayError = new GatewayError(GatewayErrorCode.BAD_USER_INPUT, error.message);
      if (status === 500) {
        const errorId = randomUUID();
        nestLogger.error(`internal error ${errorId}`, error.stack);
        gatewayError = new GatewayError(
          GatewayErrorCode.INTERNAL_SERVER_ERROR,
          `internal error; reference ${errorId}`,
          { errorId },
        );
      }
      void reply
        .status(status)
        .type('application/problem+json')
        .send({ ...toProblem(gatewayError, request.url), status, requestId: request.id });
    });
  registerInputChecks(app.getHttpAdapter().getInstance());
  installGraphqlWsGuard(app.getHttpAdapter().getInstance(), {
    accessLog: logger,
    keys: app.get(ApiKeyService),
    watch: app.get(SocketKeyWatch),
    introspection: config.GATEWAY_GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
  });
  // No enableShutdownHooks(): Nest would close on SIGTERM and then re-raise the signal, killing the process before
  // the programs that host the gateway (scripts/start.ts, the bench) stop the simulator and the database after it.
  const openApi = openApiDocument(app);
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return { app, openApi, logger };
}

/** The OpenAPI document of the REST API, as served at /docs-json and committed as apps/gateway/openapi.json. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return applyApiConventions(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('WhatsApp gateway')
        .setDescription(
          'One REST API over Washeej, Wutt.net, Watsal, Wessaal and WaMessenger. Errors are RFC 9457 problem+json (`Problem`).',
        )
        .setVersion('1.0')
        .addServer('/', 'This gateway: the origin that serves this document')
        .addServer('http://localhost:3000', 'Local: the gateway `npm start` runs')
        .addBearerAuth({
          type: 'http',
          scheme: 'bearer',
          description: 'Gateway API key (opaque, e.g. gw_demo_key)',
        })
        .build(),
    ),
  );
}

/** The committed API artifacts, by file name under apps/gateway/. */
export interface ApiArtifacts {
  'schema.gql': string;
  'openapi.json': string;
}

const SCHEMA_HEADER =
  '# Generated from the code by `npm run docs:api`; do not edit. test/e2e/gateway/api-artifacts.e2e-spec.ts fails\n' +
  '# when it drifts. The gateway builds its schema in memory at runtime and never writes this file.\n\n';

/** The exact text of both artifacts: the sorted SDL with a header, and 2-space JSON with a trailing newline. */
export function renderApiArtifacts(schema: GraphQLSchema, openApi: OpenAPIObject): ApiArtifacts {
  return {
    'schema.gql': `${SCHEMA_HEADER}${printSchema(schema)}\n`,
    'openapi.json': `${JSON.stringify(openApi, null, 2)}\n`,
  };
}

/**
 * Both artifacts from the code alone, without a database: the app module is built in Nest's preview mode, where no
 * provider is instantiated (so TypeORM never connects and no poller starts) but GraphQLModule, which @nestjs/graphql
 * allows on preview, still builds the schema the running gateway serves (sortSchema is on).
 */
export async function generateApiArtifacts(): Promise<ApiArtifacts> {
  // The defaults; neither artifact depends on the environment.
  const config = loadGatewayConfig({});
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'),
    new FastifyAdapter(),
    { preview: true, logger: ['error'], abortOnError: false },
  );
  try {
    await app.init();
    return renderApiArtifacts(app.get(GraphQLSchemaHost).schema, openApiDocument(app));
  } finally {
    await app.close();
  }
}
