import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { ApiKeyService, bearerToken } from './auth/api-key.service.js';
import { AuthModule } from './auth/auth.module.js';
import { formatGraphQLErrors } from './common/errors/graphql-error-formatter.js';
import { graphqlInputChecks } from './common/input/graphql-input-checks.js';

/**
 * GraphQL code-first on Mercurius: `/graphql`, GraphiQL outside production, subscriptions over WebSocket
 * (graphql-ws protocol) authenticated by the `Authorization` field of connection_init's payload.
 *
 * The schema is built in memory (`autoSchemaFile: true`, sorted): the gateway never writes a file at runtime. The
 * committed apps/gateway/schema.gql is written by `npm run docs:api` only, and a test fails when it drifts.
 * Errors: see formatGraphQLErrors (every error has an `extensions.code`; bad requests are BAD_USER_INPUT / 4xx).
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
      errorFormatter: formatGraphQLErrors,
      hooks: graphqlInputChecks,
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
