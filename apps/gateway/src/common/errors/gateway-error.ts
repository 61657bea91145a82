import { ProviderError } from '@app/providers';
import { GatewayErrorCode, HTTP_STATUS } from './error-codes.js';

export interface GatewayErrorDetails {
  /** Field path → messages (BAD_USER_INPUT, VALIDATION_FAILED). */
  fields?: Record<string, string[]>;
  provider?: string;
  providerHttpStatus?: number;
  providerCode?: string;
  providerBody?: unknown;
  retryAfterSeconds?: number;
  capability?: string;
  /** Internal errors: the id under which the details were logged. */
  errorId?: string;
}

/** A domain error with a code from the one enum; one mapper per transport turns it into GraphQL or problem+json. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: GatewayErrorDetails = {},
  ) {
    super(message);
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code] ?? 500;
  }

  static badInput(field: string, message: string): GatewayError {
    return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, `${field}: ${message}`, {
      fields: { [field]: [message] },
    });
  }

  static notFound(what: string, id: string): GatewayError {
    return new GatewayError(GatewayErrorCode.NOT_FOUND, `${what} "${id}" not found`);
  }

  static fromProvider(error: ProviderError): GatewayError {
    return new GatewayError(error.code, error.message, {
      fields: error.fieldErrors,
      provider: error.provider,
      providerHttpStatus: error.httpStatus,
      providerCode: error.providerCode,
      providerBody: error.rawBody,
      retryAfterSeconds: error.retryAfterSeconds,
      capability: error.capability,
    });
  }
}

/** Provider errors thrown through the service layer become gateway errors with the same code. */
export function toGatewayError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof ProviderError) return GatewayError.fromProvider(error);
  return undefined;
}
