import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { EventsModule } from './events/events.module.js';
import { graphqlModuleOptions } from './graphql.config.js';
import { HealthController } from './health.controller.js';
import { InboundModule } from './inbound/inbound.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { ProvidersController, ProvidersResolver } from './providers/providers.js';
import { ResourcesModule } from './resources/resources.module.js';
import { VerificationsModule } from './verifications/verifications.module.js';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        GraphQLModule.forRootAsync(
          graphqlModuleOptions(
            config.NODE_ENV === 'production',
            config.GATEWAY_GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
          ),
        ),
        AuthModule,
        EventsModule,
        ConnectionsModule,
        MessagesModule,
        VerificationsModule,
        InboundModule,
        ResourcesModule,
      ],
      controllers: [HealthController, ProvidersController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, ProvidersResolver],
      exports: [GATEWAY_CONFIG],
    };
  }
}
