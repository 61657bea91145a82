import type { z } from 'zod';
import { HttpClient, pathOf, type HttpRequest } from '../core/http-client.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { parseResponse } from '../core/response-schema.js';
import { WATSAL_CODE_LENGTH, WATSAL_PROVIDER_ID } from './watsal.constants.js';
import { isWatsalErrorResponse, watsalErrorFrom } from './watsal.errors.js';
import {
  watsalMessageResponseSchema,
  watsalNotificationSendResponseSchema,
  watsalVerifyCheckResponseSchema,
  watsalVerifySendResponseSchema,
  type WatsalMessageResponse,
  type WatsalNotificationSendResponse,
  type WatsalVerifyCheckResponse,
  type WatsalVerifySendResponse,
} from './watsal.schemas.js';

export interface WatsalClientConfig {
  /** `https://api.watsal.com`, or the simulator's Watsal base URL. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface WatsalVerifySendParams {
  /** E.164, e.g. `+201012345678`. */
  phone: string;
  /** Code length, 4 to 8 digits; Watsal's default is 6. */
  length?: number;
  /** Shown in the message template. */
  brandName?: string;
}

export interface WatsalVerifyCheckParams {
  requestId: string;
  code: string;
}

export interface WatsalNotificationsSendParams {
  /** E.164. */
  phone: string;
  /** The template's slug, e.g. `order_confirmed`. */
  template: string;
  variables?: Record<string, string>;
}

function validationError(field: string, why: string): ProviderError {
  return new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
    provider: WATSAL_PROVIDER_ID,
    message: `${WATSAL_PROVIDER_ID}: ${field}: ${why}`,
    fieldErrors: { [field]: [why] },
  });
}

/** One method per documented endpoint of the Watsal API. Throws ProviderError; never retries. */
export class WatsalClient {
  private readonly http: HttpClient;

  constructor(config: WatsalClientConfig) {
    this.http = new HttpClient({
      provider: WATSAL_PROVIDER_ID,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      fetch: config.fetch,
      headers: { authorization: `Bearer ${config.apiKey}` },
    });
  }

  /** POST /v1/verify/send: generates an OTP and sends it over WhatsApp. */
  async verifySend(params: WatsalVerifySendParams): Promise<WatsalVerifySendResponse> {
    const { length } = params;
    if (
      length !== undefined &&
      (!Number.isInteger(length) || length < WATSAL_CODE_LENGTH.min || length > WATSAL_CODE_LENGTH.max)
    ) {
      throw validationError(
        'length',
        `must be an integer from ${WATSAL_CODE_LENGTH.min} to ${WATSAL_CODE_LENGTH.max}, got ${length}`,
      );
    }
    const body = { phone: params.phone, length, brand_name: params.brandName };
    return this.call(
      { method: 'POST', path: 'v1/verify/send', body: { kind: 'json', value: body } },
      watsalVerifySendResponseSchema,
      'verify/send',
    );
  }

  /** POST /v1/verify/check: checks the code the user typed against the request id. */
  async verifyCheck(params: WatsalVerifyCheckParams): Promise<WatsalVerifyCheckResponse> {
    const body = { request_id: params.requestId, code: params.code };
    return this.call(
      { method: 'POST', path: 'v1/verify/check', body: { kind: 'json', value: body } },
      watsalVerifyCheckResponseSchema,
      'verify/check',
    );
  }

  /** GET /v1/messages/{id}: delivery status of a message (notification or OTP, both `req_…`). */
  async getMessage(id: string): Promise<WatsalMessageResponse> {
    // An empty id would silently become GET /v1/messages/, another route altogether.
    if (id.trim() === '') throw validationError('id', 'must not be empty');
    return this.call(
      { method: 'GET', path: pathOf`v1/messages/${id}` },
      watsalMessageResponseSchema,
      'messages/{id}',
    );
  }

  /** POST /v1/notifications/send: sends a template (by slug) with named variables. */
  async notificationsSend(params: WatsalNotificationsSendParams): Promise<WatsalNotificationSendResponse> {
    const body = { phone: params.phone, template: params.template, variables: params.variables };
    return this.call(
      { method: 'POST', path: 'v1/notifications/send', body: { kind: 'json', value: body } },
      watsalNotificationSendResponseSchema,
      'notifications/send',
    );
  }

  private async call<Schema extends z.ZodType>(
    request: HttpRequest,
    schema: Schema,
    what: string,
  ): Promise<z.output<Schema>> {
    const response = await this.http.request(request);
    if (isWatsalErrorResponse(response)) throw watsalErrorFrom(response);
    return parseResponse(WATSAL_PROVIDER_ID, schema, response, what);
  }
}
