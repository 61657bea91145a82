import type { z } from 'zod';
import {
  HttpClient,
  pathOf,
  type FormFields,
  type HttpRequest,
  type HttpResponse,
  type RequestBody,
} from '../core/http-client.js';
import { ProviderError } from '../core/provider-error.js';
import { parseResponse } from '../core/response-schema.js';
import {
  WAMESSENGER_PROVIDER_ID,
  isWaMessengerErrorResponse,
  redactProviderError,
  toWaMessengerError,
  waMessengerRefusal,
} from './wamessenger.errors.js';
import { createRedactor, type Redactor } from './wamessenger.redact.js';
import {
  waMessengerGroupSendResultSchema,
  waMessengerMessageStatusSchema,
  waMessengerPendingSchema,
  waMessengerReceivedPageSchema,
  waMessengerSendResultSchema,
  waMessengerSentPageSchema,
  waMessengerSettingSchema,
  waMessengerWebhookQueueSchema,
  waMessengerWebhookSetSchema,
  type WaMessengerGroupSendResult,
  type WaMessengerMessageStatus,
  type WaMessengerPendingItem,
  type WaMessengerReceivedPage,
  type WaMessengerSentPage,
  type WaMessengerSetting,
  type WaMessengerWebhookQueue,
  type WaMessengerWebhookSet,
} from './wamessenger.schemas.js';

/** The original service reads form fields; its renamed successor reads JSON bodies. */
export type WaMessengerBodyEncoding = 'form' | 'json';

export interface WaMessengerClientConfig {
  baseUrl: string;
  /** Secret: sent as a URL path segment on every call, so it is redacted from every error. */
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Default 'form'. */
  bodyEncoding?: WaMessengerBodyEncoding;
}

export interface WaMessengerSendMessageParams {
  /** Digits without `+`, e.g. 989121234567. */
  phonenumber: string;
  text: string;
  /** Public link of a media file or document. */
  url?: string;
}

export interface WaMessengerSendGroupMessageParams {
  phonenumber: string[];
  text: string;
  /** Documented as required for the group send, but a text-only group send has nothing to put here. */
  url?: string;
}

export interface WaMessengerPageParams {
  /** Default 1; 100 items per page. */
  page?: number;
  /** A number or its prefix, e.g. 0935 or 98912. */
  phonenumber?: string;
}

export type WaMessengerSwitch = 'on' | 'off';

const NO_PENDING_MESSAGE = /^no pending message/i;

/** WaMessenger (api.wamessenger.ir): one method per documented endpoint. Throws ProviderError; never retries. */
export class WaMessengerClient {
  private readonly http: HttpClient;
  private readonly redact: Redactor;
  private readonly apiKey: string;
  private readonly bodyEncoding: WaMessengerBodyEncoding;

  constructor(config: WaMessengerClientConfig) {
    this.apiKey = config.apiKey;
    this.bodyEncoding = config.bodyEncoding ?? 'form';
    this.redact = createRedactor(config.apiKey);
    this.http = new HttpClient({
      provider: WAMESSENGER_PROVIDER_ID,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      fetch: config.fetch,
    });
  }

  /** POST sendMessage/{apikey}: one recipient. Answers the new message's id. */
  async sendMessage(params: WaMessengerSendMessageParams): Promise<string> {
    const response = await this.call('sendMessage', {
      method: 'POST',
      path: pathOf`sendMessage/${this.apiKey}`,
      body: this.body({ phonenumber: params.phonenumber, text: params.text, url: params.url }),
    });
    // The id comes as bare text (`80379458`), which reads as a JSON number, or as a JSON string.
    const value = response.json ?? response.text.trim();
    return this.parse(waMessengerSendResultSchema, response, 'sendMessage', value);
  }

  /** POST sendMessage/{apikey} with `phonenumber[i]` fields: one tracking code per recipient. */
  async sendGroupMessage(params: WaMessengerSendGroupMessageParams): Promise<WaMessengerGroupSendResult> {
    const response = await this.call('sendMessage (group)', {
      method: 'POST',
      path: pathOf`sendMessage/${this.apiKey}`,
      body: this.body({ phonenumber: params.phonenumber, text: params.text, url: params.url }),
    });
    return this.parse(waMessengerGroupSendResultSchema, response, 'sendMessage (group)');
  }

  /** GET getStatus/{apikey}?id= */
  async getStatus(id: string): Promise<WaMessengerMessageStatus> {
    const response = await this.get('getStatus', pathOf`getStatus/${this.apiKey}`, { id });
    return this.parse(waMessengerMessageStatusSchema, response, 'getStatus');
  }

  /** GET showAllMessages/{apikey}?page=&phonenumber= : sent messages with their status. */
  async showAllMessages(params: WaMessengerPageParams = {}): Promise<WaMessengerSentPage> {
    const response = await this.get('showAllMessages', pathOf`showAllMessages/${this.apiKey}`, {
      page: params.page,
      phonenumber: params.phonenumber,
    });
    return this.parse(waMessengerSentPageSchema, response, 'showAllMessages');
  }

  /** GET pending/{apikey}: the send queue; the plain text `No Pending Message` means it is empty. */
  async pending(): Promise<WaMessengerPendingItem[]> {
    const response = await this.get('pending', pathOf`pending/${this.apiKey}`);
    if (response.json === undefined && NO_PENDING_MESSAGE.test(response.text.trim())) return [];
    return this.parse(waMessengerPendingSchema, response, 'pending');
  }

  /** GET showAllGetMessages/{apikey}?page=&phonenumber= : received messages. */
  async showAllGetMessages(params: WaMessengerPageParams = {}): Promise<WaMessengerReceivedPage> {
    const response = await this.get('showAllGetMessages', pathOf`showAllGetMessages/${this.apiKey}`, {
      page: params.page,
      phonenumber: params.phonenumber,
    });
    return this.parse(waMessengerReceivedPageSchema, response, 'showAllGetMessages');
  }

  /** GET webhook/set/{apikey}?url= */
  async setWebhook(url: string): Promise<WaMessengerWebhookSet> {
    const response = await this.get('webhook/set', pathOf`webhook/set/${this.apiKey}`, { url });
    return this.confirmed(
      this.parse(waMessengerWebhookSetSchema, response, 'webhook/set'),
      response,
      'webhook/set',
    );
  }

  /** GET webhook/remove/{apikey} */
  async removeWebhook(): Promise<WaMessengerWebhookSet> {
    const response = await this.get('webhook/remove', pathOf`webhook/remove/${this.apiKey}`);
    const parsed = this.parse(waMessengerWebhookSetSchema, response, 'webhook/remove');
    return this.confirmed(parsed, response, 'webhook/remove');
  }

  /** GET webhook/pending/{apikey}: how many events wait for a webhook that failed (kept 48 h). */
  async webhookPending(): Promise<WaMessengerWebhookQueue> {
    const response = await this.get('webhook/pending', pathOf`webhook/pending/${this.apiKey}`);
    return this.parse(waMessengerWebhookQueueSchema, response, 'webhook/pending');
  }

  /** GET webhook/resend/{apikey}: pushes the queued events to the webhook again. */
  async webhookResend(): Promise<WaMessengerWebhookQueue> {
    const response = await this.get('webhook/resend', pathOf`webhook/resend/${this.apiKey}`);
    return this.parse(waMessengerWebhookQueueSchema, response, 'webhook/resend');
  }

  /** GET sendSeen/{apikey}?seen=on|off (default off; takes about 30 s to apply). */
  async sendSeen(seen: WaMessengerSwitch): Promise<WaMessengerSetting> {
    const response = await this.get('sendSeen', pathOf`sendSeen/${this.apiKey}`, { seen });
    return this.confirmed(this.parse(waMessengerSettingSchema, response, 'sendSeen'), response, 'sendSeen');
  }

  /** GET receive/{apikey}?receive=on|off (receiving is off by default; takes about 30 s to apply). */
  async receive(receive: WaMessengerSwitch): Promise<WaMessengerSetting> {
    const response = await this.get('receive', pathOf`receive/${this.apiKey}`, { receive });
    return this.confirmed(this.parse(waMessengerSettingSchema, response, 'receive'), response, 'receive');
  }

  private get(endpoint: string, path: string, query?: HttpRequest['query']): Promise<HttpResponse> {
    return this.call(endpoint, { method: 'GET', path, query });
  }

  private async call(endpoint: string, request: HttpRequest): Promise<HttpResponse> {
    let response: HttpResponse;
    try {
      response = await this.http.request(request);
    } catch (error) {
      // Transport errors name the request path, which holds the key.
      throw error instanceof ProviderError ? redactProviderError(error, this.redact) : error;
    }
    if (isWaMessengerErrorResponse(response)) throw toWaMessengerError(response, endpoint, this.redact);
    return response;
  }

  private parse<S extends z.ZodType>(
    schema: S,
    response: HttpResponse,
    what: string,
    value: unknown = response.json,
  ): z.output<S> {
    try {
      return parseResponse(WAMESSENGER_PROVIDER_ID, schema, response, what, value);
    } catch (error) {
      // The webhook queue echoes the key as `hash`: a malformed one must not leak it through rawBody.
      throw error instanceof ProviderError ? redactProviderError(error, this.redact) : error;
    }
  }

  private confirmed<T extends { set: boolean; message: string }>(
    result: T,
    response: HttpResponse,
    endpoint: string,
  ): T {
    if (!result.set) throw waMessengerRefusal(response, endpoint, result.message, this.redact);
    return result;
  }

  private body(fields: FormFields): RequestBody {
    if (this.bodyEncoding === 'form') return { kind: 'form', fields };
    // JSON.stringify drops the undefined optional fields, as the form encoder does.
    return { kind: 'json', value: fields };
  }
}
