import type { z } from 'zod';
import { HttpClient, pathOf, type HttpRequest } from '../core/http-client.js';
import { parseResponse } from '../core/response-schema.js';
import { isWasheejErrorResponse, washeejErrorFrom } from './washeej.errors.js';
import {
  contactBody,
  conversationStatusBody,
  sendMessageBody,
  sendTemplateBody,
  type WasheejContactFields,
  type WasheejContactStoreParams,
  type WasheejConversationListQuery,
  type WasheejListQuery,
  type WasheejSendMessageParams,
  type WasheejSendTemplateParams,
} from './washeej.requests.js';
import {
  washeejAcknowledgementSchema,
  washeejContactListResponseSchema,
  washeejContactResponseSchema,
  washeejConversationDetailsResponseSchema,
  washeejConversationListResponseSchema,
  washeejSendMessageResponseSchema,
  washeejSendTemplateResponseSchema,
  washeejTemplateListResponseSchema,
  type WasheejAcknowledgement,
  type WasheejContactListResponse,
  type WasheejContactResponse,
  type WasheejConversationDetailsResponse,
  type WasheejConversationListResponse,
  type WasheejSendMessageResponse,
  type WasheejSendTemplateResponse,
  type WasheejTemplateListResponse,
} from './washeej.schemas.js';

export interface WasheejClientConfig {
  /** e.g. `https://app.washeej.com/external-api` (Wutt.net: `https://www.wutt.net/external-api`) or a simulator. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The provider id errors carry: Washeej and Wutt.net run the same platform under two ids. Default `washeej`. */
  providerId?: string;
}

/**
 * One method per documented endpoint of the Washeej / Wutt.net external API. Every POST is multipart, as the
 * docs' samples send it (`-F`, CURLOPT_POSTFIELDS arrays). Errors arrive as HTTP 200 with `status: "error"` as often
 * as with an HTTP error, so every answer's envelope is checked before its data is parsed. No retries here.
 */
export class WasheejClient {
  readonly providerId: string;
  private readonly http: HttpClient;

  constructor(config: WasheejClientConfig) {
    this.providerId = config.providerId ?? 'washeej';
    this.http = new HttpClient({
      provider: this.providerId,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      fetch: config.fetch,
      headers: { 'client-id': config.clientId, 'client-secret': config.clientSecret },
    });
  }

  /** GET contact/list: newest first; `data.contacts` is a Laravel paginator. */
  async contactList(query: WasheejListQuery = {}): Promise<WasheejContactListResponse> {
    return this.call(
      { method: 'GET', path: 'contact/list', query: { ...query } },
      washeejContactListResponseSchema,
      'contact list',
    );
  }

  /** POST contact/store: firstname, lastname, mobile_code and mobile are required; profile_image is a file. */
  async contactStore(params: WasheejContactStoreParams): Promise<WasheejContactResponse> {
    return this.call(
      { method: 'POST', path: 'contact/store', body: contactBody(this.providerId, params, true) },
      washeejContactResponseSchema,
      'contact store',
    );
  }

  /** POST contact/update/{id}: only the fields given are sent; an unknown id answers `unknown_contact`. */
  async contactUpdate(
    contactId: number | string,
    fields: WasheejContactFields,
  ): Promise<WasheejContactResponse> {
    return this.call(
      {
        method: 'POST',
        path: pathOf`contact/update/${contactId}`,
        body: contactBody(this.providerId, fields, false),
      },
      washeejContactResponseSchema,
      'contact update',
    );
  }

  /**
   * DELETE contact/delete/{id}: refused (`contact_error`) for a contact with messages or a blocked one. The docs'
   * sample sends contact fields as a body, which the server ignores; none is sent here.
   */
  async contactDelete(contactId: number | string): Promise<WasheejAcknowledgement> {
    return this.call(
      { method: 'DELETE', path: pathOf`contact/delete/${contactId}` },
      washeejAcknowledgementSchema,
      'contact delete',
    );
  }

  /** GET inbox/conversation-list: `data.conversation` is a paginator, newest message first. */
  async conversationList(query: WasheejConversationListQuery = {}): Promise<WasheejConversationListResponse> {
    return this.call(
      { method: 'GET', path: 'inbox/conversation-list', query: { ...query } },
      washeejConversationListResponseSchema,
      'conversation list',
    );
  }

  /** POST inbox/change-conversation-status/{id}: the server accepts 0..3 (4, unread, is a list filter only). */
  async changeConversationStatus(
    conversationId: number | string,
    status: number,
  ): Promise<WasheejAcknowledgement> {
    return this.call(
      {
        method: 'POST',
        path: pathOf`inbox/change-conversation-status/${conversationId}`,
        body: conversationStatusBody(this.providerId, status),
      },
      washeejAcknowledgementSchema,
      'change conversation status',
    );
  }

  /** GET inbox/conversation-details/{id}: the conversation with contact, notes, tags and lists. */
  async conversationDetails(conversationId: number | string): Promise<WasheejConversationDetailsResponse> {
    return this.call(
      { method: 'GET', path: pathOf`inbox/conversation-details/${conversationId}` },
      washeejConversationDetailsResponseSchema,
      'conversation details',
    );
  }

  /** POST inbox/send-message: text, one media file, a location or a dashboard-configured interactive message. */
  async sendMessage(params: WasheejSendMessageParams): Promise<WasheejSendMessageResponse> {
    return this.call(
      { method: 'POST', path: 'inbox/send-message', body: sendMessageBody(this.providerId, params) },
      washeejSendMessageResponseSchema,
      'send message',
    );
  }

  /** POST inbox/send-template-message: an approved template; success remark `template_sent`. */
  async sendTemplateMessage(params: WasheejSendTemplateParams): Promise<WasheejSendTemplateResponse> {
    return this.call(
      {
        method: 'POST',
        path: 'inbox/send-template-message',
        body: sendTemplateBody(this.providerId, params),
      },
      washeejSendTemplateResponseSchema,
      'send template message',
    );
  }

  /** GET inbox/template-list: every template of the account as a paginator in `data.templates`. */
  async templateList(
    query: Pick<WasheejListQuery, 'page' | 'paginate'> = {},
  ): Promise<WasheejTemplateListResponse> {
    return this.call(
      { method: 'GET', path: 'inbox/template-list', query: { page: query.page, paginate: query.paginate } },
      washeejTemplateListResponseSchema,
      'template list',
    );
  }

  private async call<S extends z.ZodType>(
    request: HttpRequest,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    const response = await this.http.request(request);
    if (isWasheejErrorResponse(response)) throw washeejErrorFrom(response, this.providerId);
    return parseResponse(this.providerId, schema, response, what);
  }
}
