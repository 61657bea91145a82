import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { formatGraphQLErrors } from './graphql-error-formatter.js';

describe('formatGraphQLErrors', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('hides an execution error without a code (a bug) behind an error id, keeping its path', () => {
    const bug = new GraphQLError('Cannot return null for non-nullable field Query.providers.', {
      path: ['providers'],
    });
    const { statusCode, response } = formatGraphQLErrors({ data: null, errors: [bug] });
    expect(statusCode).toBe(200);
    const [error] = response.errors;
    expect(error).toEqual({
      message: expect.stringMatching(/^internal error; reference [0-9a-f-]{36}$/),
      path: ['providers'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) },
    });
    expect(error!.message).toContain(error!.extensions!.errorId as string);
  });

  it('answers 500 with an error id for a transport failure that is not the caller’s', () => {
    const crash = Object.assign(new Error('ECONNRESET somewhere'), { statusCode: 500 });
    const { statusCode, response } = formatGraphQLErrors({
      errors: [new GraphQLError(crash.message, { originalError: crash })],
    });
    expect(statusCode).toBe(500);
    expect(response.errors[0]!.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      errorId: expect.any(String),
    });
    expect(JSON.stringify(response)).not.toContain('ECONNRESET');
  });

  it('unwraps Mercurius validation errors: each BAD_USER_INPUT, 400', () => {
    const wrapper = Object.assign(new Error('Graphql validation error'), {
      statusCode: 400,
      errors: [
        new GraphQLError('Cannot query field "a" on type "Query".'),
        new GraphQLError('Cannot query field "b".'),
      ],
    });
    const { statusCode, response } = formatGraphQLErrors({
      errors: [new GraphQLError(wrapper.message, { originalError: wrapper })],
    });
    expect(statusCode).toBe(400);
    expect(response.errors.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Cannot query field "a" on type "Query".', 'BAD_USER_INPUT'],
      ['Cannot query field "b".', 'BAD_USER_INPUT'],
    ]);
  });

  it('keeps partial data at 200 and leaves coded errors as they are', () => {
    const coded = new GraphQLError('connection "x" not found', {
      path: ['connection'],
      extensions: { code: 'NOT_FOUND' },
    });
    const { statusCode, response } = formatGraphQLErrors({ data: { providers: [] }, errors: [coded] });
    expect(statusCode).toBe(200);
    expect(response).toEqual({
      data: { providers: [] },
      errors: [
        { message: 'connection "x" not found', path: ['connection'], extensions: { code: 'NOT_FOUND' } },
      ],
    });
  });

  it('answers a mutation over GET with 405 and Allow: POST, not a 500', () => {
    const headers: Record<string, string> = {};
    const reply = {
      request: { headers: {} },
      header: (name: string, value: string) => (headers[name] = value),
      type: () => undefined,
    };
    const wrapper = Object.assign(new Error('Method Not Allowed'), {
      statusCode: 405,
      errors: [new Error('Operation cannot be performed via a GET request')],
    });
    const { statusCode, response } = formatGraphQLErrors(
      { errors: [new GraphQLError(wrapper.message, { originalError: wrapper })] },
      { reply },
    );
    expect(statusCode).toBe(405);
    expect(headers).toEqual({ allow: 'POST' });
    expect(response.errors[0]).toMatchObject({
      message: 'Operation cannot be performed via a GET request',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers a request refused for its key with 401 and WWW-Authenticate, in the media type asked for', () => {
    const headers: Record<string, string> = {};
    let contentType = '';
    const reply = {
      request: { headers: { accept: 'application/graphql-response+json' } },
      header: (name: string, value: string) => (headers[name] = value),
      type: (value: string) => (contentType = value),
    };
    const refused = new GraphQLError('invalid API key', { extensions: { code: 'UNAUTHENTICATED' } });
    const { statusCode } = formatGraphQLErrors({ errors: [refused] }, { reply });
    expect(statusCode).toBe(401);
    expect(headers).toEqual({ 'www-authenticate': 'Bearer' });
    expect(contentType).toContain('application/graphql-response+json');
  });

  it('names the field of a variable coercion error in extensions.fields', () => {
    const coercion = new GraphQLError(
      'Variable "$input" got invalid value 5 at "input.to"; String cannot represent a non string value: 5',
    );
    const { statusCode, response } = formatGraphQLErrors({ errors: [coercion] });
    expect(statusCode).toBe(400);
    expect(response.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { 'input.to': ['String cannot represent a non string value: 5'] },
    });
  });
});
