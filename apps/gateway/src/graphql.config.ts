import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { ApiKeyService, bearerToken } from './auth/api-key.service.js';
import { AuthModule } from './auth/auth.module.js';

/**
 * GraphQL code-first on Mercurius: `/graphql`, GraphiQL outside production, subscriptions over WebSocket
 * (graphql-ws protocol) authenticated by the `Authorization` field of connection_init's payload.
 */
export function graphqlModuleOptions(production: boolean) {
  return {
    driver: MercuriusDriver,
    imports: [AuthModule],
    inject: [ApiKeyService],
    useFactory: (keys: ApiKeyService): MercuriusDriverConfig => ({
      autoSchemaFile: true,
      sortSchema: true,
      path: '/graphql',
      graphiql: !production,
      subscription: {
        onConnect: async ({ payload }: { payload?: Record<string, unknown> }) => {
          const header = payload?.authorization ?? payload?.Authorization;
          const token = bearerToken(header);
          const tenantId = token ? await keys.tenantFor(token) : null;
          return tenantId ? { tenantId } : false;
        },
      },
    }),
  };
}
