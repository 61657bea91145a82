/** One error vocabulary for every provider. The gateway maps these codes onto its own API errors. */
export enum ProviderErrorCode {
  AUTH_FAILED = 'AUTH_FAILED',
  IP_NOT_WHITELISTED = 'IP_NOT_WHITELISTED',
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  GONE = 'GONE',
  SUBSCRIPTION_REQUIRED = 'SUBSCRIPTION_REQUIRED',
  CONTACT_BLOCKED = 'CONTACT_BLOCKED',
  /** The provider understood the request and refused it by a business rule (24 h window, sender type, ...). */
  REJECTED = 'REJECTED',
  /** 5xx, timeouts, connection resets and the platform's own "exception" answers: worth retrying later. */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  /** The provider answered something its contract does not allow: the body is kept for debugging. */
  UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE',
  /** The adapter's provider cannot do what was asked (see its capability table). */
  UNSUPPORTED_CAPABILITY = 'UNSUPPORTED_CAPABILITY',
}

/** Codes after which the same request may succeed if simply tried again later. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<ProviderErrorCode> = new Set([
  ProviderErrorCode.PROVIDER_UNAVAILABLE,
  ProviderErrorCode.RATE_LIMITED,
]);

/** Field name → the provider's own messages for it. `_` holds messages that name no field. */
export type FieldErrors = Record<string, string[]>;

export interface ProviderErrorDetails {
  provider: string;
  message: string;
  httpStatus?: number;
  /** The body exactly as the provider sent it (parsed JSON when it was JSON, else the text). */
  rawBody?: unknown;
  /** The provider's own error label (Washeej `remark`, Wessaal `error_code`, Watsal `error.code`). */
  providerCode?: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
  capability?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly httpStatus: number | undefined;
  readonly rawBody: unknown;
  readonly providerCode: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly capability: string | undefined;

  constructor(code: ProviderErrorCode, details: ProviderErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.provider = details.provider;
    this.httpStatus = details.httpStatus;
    this.rawBody = details.rawBody;
    this.providerCode = details.providerCode;
    this.fieldErrors = details.fieldErrors;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.capability = details.capability;
  }

  get transient(): boolean {
    return TRANSIENT_ERROR_CODES.has(this.code);
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      provider: this.provider,
      message: this.message,
      httpStatus: this.httpStatus,
      providerCode: this.providerCode,
      fieldErrors: this.fieldErrors,
      retryAfterSeconds: this.retryAfterSeconds,
      capability: this.capability,
      rawBody: this.rawBody,
    };
  }
}

export function isProviderError(error: unknown, code?: ProviderErrorCode): error is ProviderError {
  return error instanceof ProviderError && (code === undefined || error.code === code);
}

/** Default mapping of an HTTP status to a code, for providers whose bodies say nothing more specific. */
export function codeForHttpStatus(status: number): ProviderErrorCode {
  if (status === 401) return ProviderErrorCode.AUTH_FAILED;
  if (status === 402) return ProviderErrorCode.INSUFFICIENT_CREDITS;
  if (status === 403) return ProviderErrorCode.PERMISSION_DENIED;
  if (status === 404) return ProviderErrorCode.NOT_FOUND;
  if (status === 410) return ProviderErrorCode.GONE;
  if (status === 429) return ProviderErrorCode.RATE_LIMITED;
  if (status === 400 || status === 409 || status === 413 || status === 415 || status === 422)
    return ProviderErrorCode.VALIDATION_FAILED;
  if (status >= 500 || status === 408) return ProviderErrorCode.PROVIDER_UNAVAILABLE;
  return ProviderErrorCode.UNEXPECTED_RESPONSE;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | null | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now()) / 1000));
}
