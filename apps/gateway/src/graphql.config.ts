import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { ApiKeyService, bearerToken } from './auth/api-key.service.js';
import { AuthModule } from './auth/auth.module.js';
import { describeRootTypes } from './common/graphql/root-descriptions.js';
import { closeRefusedConnectionsWith4403 } from './common/graphql/graphql-ws.js';
import { formatGraphQLErrors } from './common/errors/graphql-error-formatter.js';
import { checkAliases, checkCost, GRAPHQL_LIMITS, limitValidationRules } from './common/graphql/limits.js';
import {
  assertDocument,
  negotiateMediaType,
  unauthenticated,
  type GraphQLHttpContext,
} from './common/graphql/graphql-http.js';
import { rejectDeepDocuments, rejectUnstorableArguments } from './common/input/graphql-input-checks.js';

/**
 * GraphQL code-first on Mercurius: `/graphql` (GraphiQL is our own offline page, graphiql/), subscriptions over WebSocket
 * (graphql-ws protocol) authenticated by the `Authorization` field of connection_init's payload.
 *
 * The schema is built in memory (`autoSchemaFile: true`, sorted): the gateway never writes a file at runtime. The
 * committed apps/gateway/schema.gql is written by `npm run docs:api` only, and a test fails when it drifts.
 * Errors: see formatGraphQLErrors (every error has an `extensions.code`; bad requests are BAD_USER_INPUT / 4xx).
 */
export function graphqlModuleOptions(introspection: boolean) {
  return {
    driver: MercuriusDriver,
    imports: [AuthModule],
    inject: [ApiKeyService],
    useFactory: (keys: ApiKeyService): MercuriusDriverConfig => ({
      autoSchemaFile: true,
      sortSchema: true,
      transformSchema: describeRootTypes,
      path: '/graphql',
      graphiql: false, // the gateway serves its own, offline: src/graphiql/graphiql.routes.ts
      errorFormatter: formatGraphQLErrors,
      // Abuse limits (common/graphql/limits.ts): depth here, aliases before validation, cost before execution.
      queryDepth: GRAPHQL_LIMITS.maxDepth,
      validationRules: limitValidationRules(introspection),
      hooks: {
        // HTTP: the key is checked before the document is even parsed (an anonymous client learns nothing of the
        // schema), and a refusal is HTTP 401 (see formatGraphQLErrors). The guard then finds the tenant set.
        // Then a document nested too deep for graphql-js's recursive parser is refused (common/input/).
        preParsing: async (schema, source, context) => {
          const reply = (context as GraphQLHttpContext).reply;
          if (reply && !reply.request.ws) {
            const token = bearerToken(reply.request.headers.authorization);
            if (!token) throw unauthenticated('missing Authorization: Bearer <API key>');
            const principal = await keys.authenticate(token);
            if (!principal) throw unauthenticated('invalid, revoked or expired API key');
            // The guard finds both set and only checks the operation's scopes.
            reply.request.tenantId = principal.tenantId;
            reply.request.scopes = principal.scopes;
          }
          await rejectDeepDocuments(schema, source);
        },
        preValidation: async (_schema, document) => {
          assertDocument(document);
          checkAliases(document);
        },
        // Strings PostgreSQL cannot store (NUL bytes, lone surrogates) and over-deep variables, then the cost budget.
        preExecution: async (schema, document, context, variables) => {
          await rejectUnstorableArguments(schema, document, context, variables);
          const body = (context as GraphQLHttpContext).reply?.request.body as
            { operationName?: string } | undefined;
          checkCost(schema, document, variables, body?.operationName ?? undefined);
        },
        onResolution: async (_execution, context) => negotiateMediaType(context as GraphQLHttpContext),
      },
      subscription: {
        // graphql-ws: queries and mutations over the socket too, and a refused connection_init closes with 4403.
        fullWsTransport: true,
        context: (socket: Parameters<typeof closeRefusedConnectionsWith4403>[0]) => {
          closeRefusedConnectionsWith4403(socket);
          return {};
        },
        onConnect: async ({ payload }: { payload?: Record<string, unknown> }) => {
          const header = payload?.authorization ?? payload?.Authorization;
          const token = bearerToken(header);
          const principal = token ? await keys.authenticate(token) : null;
          return principal ? { tenantId: principal.tenantId, scopes: principal.scopes } : false;
        },
      },
    }),
  };
}
