import { registerEnumType } from '@nestjs/graphql';
import { ProviderErrorCode } from '@app/providers';
import { GatewayErrorCode, HTTP_STATUS } from '../errors/error-codes.js';

/** What each provider code means to a caller (the REST status is HTTP_STATUS's). */
export const PROVIDER_ERROR_CODE_DESCRIPTIONS: Record<ProviderErrorCode, string> = {
  AUTH_FAILED: "The provider refused the connection's credentials",
  IP_NOT_WHITELISTED: "The provider accepts calls only from IP addresses on the account's allow-list",
  PERMISSION_DENIED: 'The credentials are valid but may not do this',
  INSUFFICIENT_CREDITS: 'The provider account has no credit (or quota) left for this',
  VALIDATION_FAILED: 'The provider refused a field of the request; `fields` names it',
  NOT_FOUND: 'The thing named does not exist, or is not yours',
  RATE_LIMITED: 'Too many requests; retry after `retryAfterSeconds` when given',
  GONE: 'It existed but is gone (expired or deleted)',
  SUBSCRIPTION_REQUIRED: "The provider account's plan does not include this",
  CONTACT_BLOCKED: 'The recipient blocked the sender, or cannot be reached on WhatsApp',
  REJECTED:
    'The provider understood the request and refused it by a business rule (24 h window, sender type, ...)',
  PROVIDER_UNAVAILABLE: 'The provider failed or timed out (5xx, reset); worth retrying later',
  UNEXPECTED_RESPONSE: 'The provider answered something its contract does not allow; its body is kept',
  UNSUPPORTED_CAPABILITY: "The connection's provider cannot do this; `capability` names what is missing",
};

/** The gateway's own codes; a code added to error-codes.ts without a line here is still described (fallback). */
const GATEWAY_OWN_DESCRIPTIONS: Partial<Record<GatewayErrorCode, string>> = {
  UNAUTHENTICATED: 'No API key, or one the gateway does not know (HTTP 401)',
  BAD_USER_INPUT:
    'The request is wrong: a syntax or validation error, a bad variable, a limit exceeded; `fields` names the fields',
  CONFLICT: 'The request conflicts with what exists (a connection name already taken)',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used with a different input within 24 h',
  INTERNAL_SERVER_ERROR: 'A gateway fault; `errorId` is the reference under which it was logged',
};

export function describeErrorCode(code: GatewayErrorCode): string {
  return (
    (PROVIDER_ERROR_CODE_DESCRIPTIONS as Partial<Record<string, string>>)[code] ??
    GATEWAY_OWN_DESCRIPTIONS[code] ??
    `${code.toLowerCase().replace(/_/g, ' ')} (HTTP ${HTTP_STATUS[code] ?? 500} on REST)`
  );
}

/**
 * `ErrorCode`: every value of `extensions.code` (and of `MessageError.code`), derived from GatewayErrorCode so a
 * code added there appears here without another edit.
 */
registerEnumType(GatewayErrorCode, {
  name: 'ErrorCode',
  description:
    "Every value of `errors[].extensions.code` (and `MessageError.code`): the gateway's one code list, " +
    'provider codes included (REST answers the same code in problem+json `code`)',
  valuesMap: Object.fromEntries(
    Object.values(GatewayErrorCode).map((code) => [code, { description: describeErrorCode(code) }]),
  ),
});

/** `ProviderErrorCode`: the subset of ErrorCode that a provider's refusal maps to. */
registerEnumType(ProviderErrorCode, {
  name: 'ProviderErrorCode',
  description: "What a provider's refusal maps to: the ErrorCode values a provider call can give",
  valuesMap: Object.fromEntries(
    Object.values(ProviderErrorCode).map((code) => [
      code,
      { description: PROVIDER_ERROR_CODE_DESCRIPTIONS[code] },
    ]),
  ),
});

export { GatewayErrorCode as ErrorCode, ProviderErrorCode };

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(GatewayErrorCode));

/** A code read back from storage (jsonb): itself when the list still has it, else INTERNAL_SERVER_ERROR. */
export function asErrorCode(code: string): GatewayErrorCode {
  return KNOWN_CODES.has(code) ? (code as GatewayErrorCode) : GatewayErrorCode.INTERNAL_SERVER_ERROR;
}
