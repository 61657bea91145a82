import type { GraphQLSchema } from 'graphql';

/**
 * Descriptions of the root types, which code-first has no decorator for (Nest builds Query, Mutation and
 * Subscription from the resolvers). Applied as GraphQLModule's `transformSchema`, so the served schema and the
 * committed schema.gql both carry them.
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const roots: Array<[ReturnType<GraphQLSchema['getQueryType']>, string]> = [
    [
      schema.getQueryType(),
      'Reads: lists are Relay connections, lookups by id are null plus NOT_FOUND when unknown',
    ],
    [schema.getMutationType(), 'Writes: sends, verifications, connections and provider resources'],
    [
      schema.getSubscriptionType(),
      'Live events over graphql-ws (ws://<gateway>/graphql), scoped to your tenant',
    ],
  ];
  for (const [type, description] of roots) if (type && !type.description) type.description = description;
  return schema;
}
