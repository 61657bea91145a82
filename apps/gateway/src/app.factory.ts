import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter, toProblem } from './common/errors/all-exceptions.filter.js';
import { GatewayErrorCode } from './common/errors/error-codes.js';
import { GatewayError } from './common/errors/gateway-error.js';
import { validationErrorFactory } from './common/errors/validation-error.factory.js';
import type { GatewayConfig } from './config/gateway-config.js';

export interface GatewayApp {
  app: NestFastifyApplication;
  openApi: OpenAPIObject;
}

/** Builds the gateway (not listening): GraphQL at /graphql, REST under /v1, Swagger at /docs, health at /health. */
export async function createGatewayApp(config: GatewayConfig, databaseUrl: string): Promise<GatewayApp> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    new FastifyAdapter({ trustProxy: config.GATEWAY_TRUST_PROXY, bodyLimit: 25 * 1024 * 1024 }),
    { logger: ['error', 'warn'] },
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationErrorFactory,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  const logger = new Logger('Gateway');
  // Errors Fastify raises before Nest sees the request (malformed JSON, body too large, bad content type) still
  // answer problem+json with a 4xx.
  app
    .getHttpAdapter()
    .getInstance()
    .setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      let gatewayError = new GatewayError(GatewayErrorCode.BAD_USER_INPUT, error.message);
      if (status === 500) {
        const errorId = randomUUID();
        logger.error(`internal error ${errorId}`, error.stack);
        gatewayError = new GatewayError(
          GatewayErrorCode.INTERNAL_SERVER_ERROR,
          `internal error; reference ${errorId}`,
          { errorId },
        );
      }
      void reply
        .status(status)
        .type('application/problem+json')
        .send({ ...toProblem(gatewayError, request.url), status });
    });
  app.enableShutdownHooks();
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WhatsApp gateway')
      .setDescription(
        'One REST API over Washeej, Wutt.net, Watsal, Wessaal and WaMessenger. Errors are RFC 9457 problem+json.',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Gateway API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return { app, openApi };
}
