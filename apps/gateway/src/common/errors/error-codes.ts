import { ProviderErrorCode } from '@app/providers';

/** The gateway's own codes; provider codes (ProviderErrorCode) pass through unchanged. */
export enum GatewayOwnErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The API key is valid but lacks the scope the operation needs (named in the message and `scopes`). */
  FORBIDDEN = 'FORBIDDEN',
  /**
   * The request is wrong, naming the field: REST validation (problem+json `errors`), class-validator on GraphQL
   * inputs (`extensions.fields`), and every GraphQL request error too (syntax, unknown field, wrong variable or enum
   * type, missing required input field, malformed JSON body): clients see one code, not Apollo's
   * GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED.
   */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One enum for every error a gateway client can see. */
export const GatewayErrorCode = { ...ProviderErrorCode, ...GatewayOwnErrorCode } as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** HTTP status of each code on the REST API. Provider-side refusals that are not the caller's fault answer 502. */
export const HTTP_STATUS: Record<GatewayErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  INTERNAL_SERVER_ERROR: 500,
  UNSUPPORTED_CAPABILITY: 422,
  VALIDATION_FAILED: 422,
  CONTACT_BLOCKED: 422,
  REJECTED: 422,
  GONE: 410,
  RATE_LIMITED: 429,
  INSUFFICIENT_CREDITS: 402,
  AUTH_FAILED: 502,
  IP_NOT_WHITELISTED: 502,
  PERMISSION_DENIED: 502,
  SUBSCRIPTION_REQUIRED: 502,
  UNEXPECTED_RESPONSE: 502,
  PROVIDER_UNAVAILABLE: 503,
};
