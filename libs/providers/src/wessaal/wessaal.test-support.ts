import nock from 'nock';
import { ProviderError } from '../core/provider-error.js';

/* Shared by the Wessaal specs only (jest picks up *.spec.ts, not this file). */

export const WESSAAL_TEST_BASE_URL = 'https://app.wessaal.com/integration/v1';
export const WESSAAL_TEST_PREFIX = '/integration/v1';
export const WESSAAL_TEST_API_KEY = 'sk_live_your_api_key_here';
const ORIGIN = 'https://app.wessaal.com';

/** A POST/PUT scope: the key, and a JSON body declared as such. */
export function wessaalJsonApi(): nock.Scope {
  return nock(ORIGIN, {
    reqheaders: { 'x-api-key': WESSAAL_TEST_API_KEY, 'content-type': 'application/json' },
  });
}

/** A GET/DELETE scope: the key, and no body type at all. */
export function wessaalBodylessApi(): nock.Scope {
  return nock(ORIGIN, { reqheaders: { 'x-api-key': WESSAAL_TEST_API_KEY }, badheaders: ['content-type'] });
}

/** A scope that checks nothing about the request, for error-mapping specs. */
export function wessaalAnyApi(): nock.Scope {
  return nock(ORIGIN);
}

export async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
