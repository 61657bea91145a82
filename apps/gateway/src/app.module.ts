import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { EventsModule } from './events/events.module.js';
import { graphqlModuleOptions } from './graphql.config.js';
import { HealthController } from './health.controller.js';
import { InboundModule } from './inbound/inbound.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { createLogger, GATEWAY_LOGGER } from './observability/logger.js';
import { MetricsController } from './observability/metrics.controller.js';
import { MetricsService } from './observability/metrics.service.js';
import { ProvidersController, ProvidersResolver } from './providers/providers.js';
import { ResourcesModule } from './resources/resources.module.js';
import { PartitionsModule } from './partitions/partitions.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RoutesModule } from './routes/routes.module.js';
import { VerificationsModule } from './verifications/verifications.module.js';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module.js';

export interface AppModuleOptions {
  /**
   * Apply pending migrations at boot (the demo, the tests). The standalone gateway (`npm run gateway`) does not:
   * it refuses to start on a database that is behind, and `npm run migrate` applies them.
   */
  migrate?: boolean;
  /** Where log lines go; default a logger from the config (see createLogger). */
  logger?: Logger;
}

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, databaseUrl: string, options: AppModuleOptions = {}): DynamicModule {
    const logger = options.logger ?? createLogger(config);
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: options.migrate ?? true }),
        GraphQLModule.forRootAsync(
          graphqlModuleOptions(config.GATEWAY_GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production'),
        ),
        AuthModule,
        EventsModule,
        ConnectionsModule,
        RoutesModule,
        DispatchModule,
        MessagesModule,
        VerificationsModule,
        InboundModule,
        ResourcesModule,
        WebhookEndpointsModule,
        RetentionModule,
        PartitionsModule,
      ],
      controllers: [HealthController, MetricsController, ProvidersController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: logger },
        MetricsService,
        ProvidersResolver,
      ],
      exports: [GATEWAY_CONFIG, GATEWAY_LOGGER],
    };
  }
}
