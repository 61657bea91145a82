export { GraphQLJSONObject, GraphQLJSON } from 'graphql-type-json';
