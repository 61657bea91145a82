import { buildSchema, parse, validate } from 'graphql';
import { checkAliases, checkCost, countAliases, GRAPHQL_LIMITS, limitValidationRules } from './limits.js';

const schema = buildSchema(`
  type Item { id: ID!, tags: [String!]! }
  type ItemConnection { nodes: [Item!]!, totalCount: Int }
  type Query { items(first: Int, last: Int): ItemConnection!, one: Item }
`);

describe('GraphQL limits', () => {
  it('counts aliases and refuses more than the limit, naming it', () => {
    const many = parse(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: one { id }`).join(' ')} }`);
    expect(countAliases(many)).toBe(31);
    expect(() => checkAliases(many)).toThrow(
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          limit: { name: 'maxAliases', max: GRAPHQL_LIMITS.maxAliases, actual: 31 },
        },
      }) as Error,
    );
    expect(() => checkAliases(parse('{ a: one { id } b: one { id } }'))).not.toThrow();
  });

  it('costs a connection by its page size, from arguments or variables, 20 by default', () => {
    const cost = (query: string, variables?: Record<string, unknown>) =>
      checkCost(schema, parse(query), variables, undefined);
    expect(cost('{ items(first: 10) { nodes { id tags } } }')).toBe(1 + 3 * 10);
    expect(cost('query($n: Int) { items(last: $n) { nodes { id } } }', { n: 50 })).toBe(1 + 2 * 50);
    expect(cost('{ items { nodes { id } totalCount } }')).toBe(1 + 3 * 20);
    // Over the page cap: priced at the cap, so the argument's own validation names `first`.
    expect(cost('{ items(first: 1000) { nodes { id } } }')).toBe(1 + 2 * 100);
    expect(() =>
      cost(
        '{ a: items(first: 100) { nodes { id tags } } b: items(first: 100) { nodes { id tags } } c: items(first: 100) { nodes { id tags } } d: items(first: 100) { nodes { id tags } } e: items(first: 100) { nodes { id tags } } f: items(first: 100) { nodes { id tags } } g: items(first: 100) { nodes { id tags } } h: items(first: 100) { nodes { id tags } } i: items(first: 100) { nodes { id tags } } j: items(first: 100) { nodes { id tags } } k: items(first: 100) { nodes { id tags } } l: items(first: 100) { nodes { id tags } } m: items(first: 100) { nodes { id tags } } n: items(first: 100) { nodes { id tags } } o: items(first: 100) { nodes { id tags } } p: items(first: 100) { nodes { id tags } } q: items(first: 100) { nodes { id tags } } }',
      ),
    ).toThrow(/at most 5000/);
  });

  it('refuses introspection only when configured off', () => {
    const introspection = parse('{ __schema { queryType { name } } }');
    expect(validate(schema, introspection, limitValidationRules(true))).toEqual([]);
    expect(validate(schema, introspection, limitValidationRules(false))[0]?.message).toMatch(
      /introspection/i,
    );
  });
});
