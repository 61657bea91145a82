import { buildSchema } from 'graphql';
import { checkSocketOperation } from './graphql-ws-checks.js';

const schema = buildSchema(`
  type Node { id: ID, child: Node }
  type Query { node(id: ID): Node, echo(text: String): String }
  type Subscription { changed(id: ID): Node }
`);

/** The codes (and limit names) a payload is refused with; [] when it passes. */
const refusals = async (payload: unknown, introspection = true) =>
  (await checkSocketOperation(schema, payload, introspection)).map((e) => ({
    code: e.extensions.code,
    limit: (e.extensions.limit as { name?: string } | undefined)?.name,
    message: e.message,
  }));

describe('checkSocketOperation', () => {
  it('lets a valid query, mutation-free document or subscription through', async () => {
    expect(await refusals({ query: '{ node(id: "1") { id child { id } } }' })).toEqual([]);
    expect(
      await refusals({ query: 'subscription($id: ID) { changed(id: $id) { id } }', variables: { id: '1' } }),
    ).toEqual([]);
  });

  it.each([
    ['a payload that is not an object', 'nope', /payload/],
    ['a query that is not a string', { query: 42 }, /query/],
    ['variables that are not an object', { query: '{ echo }', variables: [1] }, /variables/],
    ['a syntax error', { query: '{ node( }' }, /Syntax Error/],
    ['an unknown field', { query: 'subscription { changed { nope } }' }, /nope/],
    ['an operation name not in the document', { query: 'query A { echo }', operationName: 'B' }, /"B"/],
    ['two operations without a name', { query: 'query A { echo } query B { echo }' }, /operationName/],
    [
      'a NUL byte in a variable',
      { query: 'query($t: String) { echo(text: $t) }', variables: { t: 'a\u0000' } },
      /text/,
    ],
    ['a NUL byte in a literal', { query: '{ echo(text: "a\\u0000") }' }, /text/],
    ['a document nested past the parser limit', { query: `{ echo ${'['.repeat(500)} }` }, /nests deeper/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, payload, message) => {
    const found = await refusals(payload);
    expect(found.length).toBeGreaterThan(0);
    for (const refusal of found) expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(found.map((r) => r.message).join(' ')).toMatch(message);
  });

  it('applies the abuse limits: aliases, depth, and introspection when it is off', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: echo`).join(' ')} }`;
    expect(await refusals({ query: aliases })).toEqual([expect.objectContaining({ limit: 'maxAliases' })]);
    const deep = `subscription { changed { ${'child { '.repeat(11)}id ${'} '.repeat(11)}} }`;
    expect(await refusals({ query: deep })).toEqual([expect.objectContaining({ limit: 'maxDepth' })]);
    const fragments =
      'fragment F on Node { child { ...G } } fragment G on Node { child { id } } { node { ...F } }';
    expect(await refusals({ query: fragments })).toEqual([]);
    const introspection = await refusals({ query: '{ __schema { types { name } } }' }, false);
    expect(introspection.length).toBeGreaterThan(0);
    for (const refusal of introspection)
      expect(refusal).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/introspection/i),
      });
  });
});
