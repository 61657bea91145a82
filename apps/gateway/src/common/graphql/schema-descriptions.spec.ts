import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { generateApiArtifacts } from '../../app.factory.js';

/** Every type, field, argument and enum value that lacks a description, by schema coordinate. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : [])
          if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isEnumType(type))
      for (const value of type.getValues())
        if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe('GraphQL schema descriptions', () => {
  jest.setTimeout(60_000);

  it('describes every type, field, argument and enum value of the schema the gateway serves', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    // Built as `npm run docs:api` builds it: the app module in preview mode, no database.
    const artifacts = await generateApiArtifacts();
    const schema = buildSchema(artifacts['schema.gql']);
    expect(Object.keys(schema.getTypeMap()).length).toBeGreaterThan(50);
    expect(undescribed(schema)).toEqual([]);
  });

  it('finds what lacks a description (the check itself can fail)', () => {
    const schema = buildSchema('"""Q""" type Query { a(x: Int): Int, """b""" b: E } """E""" enum E { ONE }');
    expect(undescribed(schema)).toEqual(['Query.a', 'Query.a(x:)', 'E.ONE']);
  });
});
