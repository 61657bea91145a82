import { wantsGraphQLResponse } from './graphql-http.js';

describe('wantsGraphQLResponse', () => {
  it('is true when the client prefers or only takes application/graphql-response+json', () => {
    expect(wantsGraphQLResponse('application/graphql-response+json')).toBe(true);
    expect(wantsGraphQLResponse('application/graphql-response+json, application/json;q=0.9')).toBe(true);
    expect(wantsGraphQLResponse(['application/graphql-response+json; charset=utf-8'])).toBe(true);
  });

  it('keeps application/json for clients that ask for it first, or say nothing', () => {
    expect(wantsGraphQLResponse('application/json, application/graphql-response+json')).toBe(false);
    expect(wantsGraphQLResponse('*/*')).toBe(false);
    expect(wantsGraphQLResponse(undefined)).toBe(false);
  });
});
