import { BaseMessagingProvider } from '../core/base-adapter.js';
import { capabilityTable } from '../core/capabilities.js';
import { SEND_TYPE_CAPABILITY } from '../core/messaging-provider.js';
import { parseE164 } from '../core/phone.js';
import { ProviderError, ProviderErrorCode, isProviderError } from '../core/provider-error.js';
import type {
  MessageStatusResult,
  SendRequest,
  SendResult,
  TemplateMessage,
  VerificationCheck,
  VerificationFailure,
  VerificationStart,
  VerificationStarted,
} from '../core/unified.js';
import type { WatsalClient } from './watsal.client.js';
import { WATSAL_PROVIDER_ID } from './watsal.constants.js';
import { watsalStatusReading } from './watsal.status.js';

/** Watsal sends templates by slug, reports a message's status, and runs OTP verifications; nothing else. */
export const WATSAL_CAPABILITIES = capabilityTable(['template', 'message_status', 'otp']);

/**
 * Watsal has no ping endpoint, so testConnection looks up a message id that cannot exist. Watsal's own
 * `not_found` answer means the request got past authentication; a 401 surfaces as AUTH_FAILED.
 */
const CONNECTION_TEST_MESSAGE_ID = 'req_connection_test';

/** Verification errors that are an answer about the code rather than a failure of the call. */
const FAILURE_BY_WATSAL_CODE: ReadonlyMap<string, VerificationFailure> = new Map([
  ['invalid_code', 'INVALID_CODE'],
  ['code_expired', 'EXPIRED'],
  ['too_many_attempts', 'TOO_MANY_ATTEMPTS'],
  // A second check of a verified request: an answer about the code too (the gateway keeps it VERIFIED).
  ['already_verified', 'ALREADY_VERIFIED'],
]);

function verificationFailureOf(error: ProviderError): VerificationFailure | undefined {
  const byProviderCode = error.providerCode ? FAILURE_BY_WATSAL_CODE.get(error.providerCode) : undefined;
  if (byProviderCode) return byProviderCode;
  return error.code === ProviderErrorCode.NOT_FOUND ? 'NOT_FOUND' : undefined;
}

export class WatsalAdapter extends BaseMessagingProvider {
  readonly id = WATSAL_PROVIDER_ID;
  readonly capabilities = WATSAL_CAPABILITIES;

  constructor(private readonly client: WatsalClient) {
    super();
  }

  async testConnection(): Promise<void> {
    try {
      await this.client.getMessage(CONNECTION_TEST_MESSAGE_ID);
    } catch (error) {
      // Only Watsal's own not_found body proves we reached Watsal with an accepted key: a 404 HTML or framework
      // page means the base URL points somewhere else, which is what testConnection exists to catch.
      if (isProviderError(error, ProviderErrorCode.NOT_FOUND) && error.providerCode === 'not_found') return;
      throw error;
    }
  }

  protected async sendSupported(request: SendRequest): Promise<SendResult> {
    // The base class only lets through types in the capability table; this guard keeps the narrowing honest.
    if (request.type !== 'template') this.unsupported(SEND_TYPE_CAPABILITY[request.type]);
    return this.sendTemplate(request);
  }

  /** `from` is ignored: Watsal sends from the account's own number and has no sender selection. */
  private async sendTemplate(request: TemplateMessage): Promise<SendResult> {
    if (request.bodyVariables?.length || request.headerVariables?.length) {
      const why = 'Watsal templates take named variables only; use `variables`';
      throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
        provider: this.id,
        message: `${this.id}: ${why}`,
        fieldErrors: { [request.bodyVariables?.length ? 'bodyVariables' : 'headerVariables']: [why] },
      });
    }
    const { e164 } = parseE164(request.to, this.id);
    const response = await this.client.notificationsSend({
      phone: e164,
      template: request.template,
      variables: request.variables,
    });
    return {
      providerMessageId: response.data.request_id,
      ...watsalStatusReading(response.data.status),
      raw: response,
    };
  }

  override async getMessageStatus(providerMessageId: string): Promise<MessageStatusResult> {
    const response = await this.client.getMessage(providerMessageId);
    return {
      providerMessageId: response.data.id,
      ...watsalStatusReading(response.data.status),
      updatedAt: response.data.timestamp,
      raw: response,
    };
  }

  override async startVerification(request: VerificationStart): Promise<VerificationStarted> {
    const { e164 } = parseE164(request.to, this.id);
    const response = await this.client.verifySend({
      phone: e164,
      length: request.codeLength,
      brandName: request.brandName,
    });
    return {
      requestId: response.data.request_id,
      status: response.data.status,
      expiresInSeconds: response.data.expires_in,
      raw: response,
    };
  }

  override async checkVerification(requestId: string, code: string): Promise<VerificationCheck> {
    try {
      const response = await this.client.verifyCheck({ requestId, code });
      return { verified: response.data.verified, checkedAt: response.data.timestamp, raw: response };
    } catch (error) {
      if (!isProviderError(error)) throw error;
      const reason = verificationFailureOf(error);
      if (!reason) throw error;
      return { verified: false, reason, raw: error.rawBody };
    }
  }
}
