import {
  ProviderError,
  ProviderErrorCode,
  codeForHttpStatus,
  isProviderError,
  parseRetryAfter,
} from './provider-error.js';

describe('codeForHttpStatus', () => {
  it.each([
    [401, ProviderErrorCode.AUTH_FAILED],
    [402, ProviderErrorCode.INSUFFICIENT_CREDITS],
    [403, ProviderErrorCode.PERMISSION_DENIED],
    [404, ProviderErrorCode.NOT_FOUND],
    [410, ProviderErrorCode.GONE],
    [422, ProviderErrorCode.VALIDATION_FAILED],
    [400, ProviderErrorCode.VALIDATION_FAILED],
    [429, ProviderErrorCode.RATE_LIMITED],
    [500, ProviderErrorCode.PROVIDER_UNAVAILABLE],
    [503, ProviderErrorCode.PROVIDER_UNAVAILABLE],
    [418, ProviderErrorCode.UNEXPECTED_RESPONSE],
  ])('%d → %s', (status, code) => expect(codeForHttpStatus(status)).toBe(code));
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => expect(parseRetryAfter('120')).toBe(120));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', () => now)).toBe(30);
  });
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('ProviderError', () => {
  it('keeps provider, status, raw body and marks transient codes', () => {
    const error = new ProviderError(ProviderErrorCode.RATE_LIMITED, {
      provider: 'wessaal',
      message: 'slow down',
      httpStatus: 429,
      rawBody: { success: false },
      retryAfterSeconds: 5,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.transient).toBe(true);
    expect(isProviderError(error, ProviderErrorCode.RATE_LIMITED)).toBe(true);
    expect(isProviderError(error, ProviderErrorCode.GONE)).toBe(false);
    expect(error.toJSON()).toMatchObject({
      code: 'RATE_LIMITED',
      provider: 'wessaal',
      httpStatus: 429,
      retryAfterSeconds: 5,
    });
    expect(new ProviderError(ProviderErrorCode.GONE, { provider: 'x', message: 'gone' }).transient).toBe(
      false,
    );
  });
});
