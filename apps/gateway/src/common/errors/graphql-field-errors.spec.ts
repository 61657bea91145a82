import { buildSchema, graphql } from 'graphql';
import { fieldsFromGraphQLMessage } from './graphql-field-errors.js';

/** The messages come from graphql-js itself, so a wording change upstream fails here, not in production. */
const schema = buildSchema(`
  input Media { url: String! }
  input SendInput { to: String!, media: Media, tags: [String!] }
  enum Status { SENT READ }
  type Query { send(input: SendInput!, first: Int, status: Status): Int }
`);

async function fieldsOf(source: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({ schema, source, variableValues });
  expect(result.errors?.length).toBeGreaterThan(0);
  return result.errors!.map((e) => fieldsFromGraphQLMessage(e.message));
}

describe('fieldsFromGraphQLMessage', () => {
  const query =
    'query($input: SendInput!, $first: Int, $status: Status) { send(input: $input, first: $first, status: $status) }';

  it('names the path inside a variable', async () => {
    expect(await fieldsOf(query, { input: { to: 5 } })).toEqual([
      { 'input.to': ['String cannot represent a non string value: 5'] },
    ]);
    expect(await fieldsOf(query, { input: { to: '+1', media: { url: null } } })).toEqual([
      { 'input.media.url': [expect.stringContaining('not to be null')] },
    ]);
  });

  it('names a missing or unknown input field, a missing variable, a wrong scalar or enum', async () => {
    expect(await fieldsOf(query, { input: {} })).toEqual([
      { 'input.to': ['Field "to" of required type "String!" was not provided.'] },
    ]);
    expect(await fieldsOf(query, { input: { to: '+1', colour: 'red' } })).toEqual([
      { 'input.colour': [expect.stringContaining('"colour" is not defined')] },
    ]);
    expect(await fieldsOf(query, {})).toEqual([{ input: [expect.stringContaining('was not provided')] }]);
    expect(await fieldsOf(query, { input: { to: '+1' }, first: 'abc' })).toEqual([
      { first: [expect.stringContaining('Int cannot represent')] },
    ]);
    expect(await fieldsOf(query, { input: { to: '+1' }, status: 'LOST' })).toEqual([
      { status: [expect.stringContaining('LOST')] },
    ]);
  });

  it('names the field of inline literals too', async () => {
    expect(await fieldsOf('{ send(input: { tags: [] }) }')).toEqual([
      { to: ['Field "SendInput.to" of required type "String!" was not provided.'] },
    ]);
    expect(await fieldsOf('{ send(input: { to: "+1", colour: "red" }) }')).toEqual([
      { colour: [expect.stringContaining('is not defined')] },
    ]);
    expect(await fieldsOf('{ send(input: { to: "+1" }, page: 2) }')).toEqual([
      { page: [expect.stringContaining('Unknown argument')] },
    ]);
  });

  it('leaves errors that name no field alone', () => {
    expect(fieldsFromGraphQLMessage('Syntax Error: Expected Name, found "}".')).toBeUndefined();
  });
});
