import { pathOf } from '../core/http-client.js';
import type * as req from './wessaal.requests.js';
import * as res from './wessaal.resource-schemas.js';
import * as msg from './wessaal.schemas.js';
import { WessaalTransport, type WessaalTransportConfig } from './wessaal.transport.js';

export interface WessaalClientConfig extends WessaalTransportConfig {
  /** `https://app.wessaal.com/integration/v1`, or the simulator. */
  baseUrl: string;
  /** `sk_live_…`, sent as `X-API-Key`. */
  apiKey: string;
}

/** Ids are integers in the doc; instances are also addressed by name. */
type Id = string | number;

/**
 * One method per endpoint of the Wessaal Integration API (wessaal.txt), each returning the parsed body. Failures
 * reject with ProviderError (see WessaalTransport).
 */
export class WessaalClient {
  private readonly transport: WessaalTransport;

  constructor(config: WessaalClientConfig) {
    this.transport = new WessaalTransport(config);
  }

  // --- account (any valid key) ---

  /** GET ping: no side effect. */
  ping(): Promise<msg.WessaalPingResponse> {
    return this.transport.get('ping', msg.wessaalPingResponseSchema);
  }

  /** GET me: the account, the key's permissions and the credit pockets. */
  me(): Promise<msg.WessaalMeResponse> {
    return this.transport.get('me', msg.wessaalMeResponseSchema);
  }

  // --- sending (scope send_message) ---

  /** POST messages/send: 202, one credit charged when queued. */
  sendMessage(params: req.WessaalSendMessageParams): Promise<msg.WessaalSendMessageResponse> {
    return this.transport.post('messages/send', params, msg.wessaalSendMessageResponseSchema);
  }

  /** POST messages/send-bulk: 200 with per-item results (partial success), 1–100 messages. */
  sendBulk(params: req.WessaalSendBulkParams): Promise<msg.WessaalSendBulkResponse> {
    return this.transport.post('messages/send-bulk', params, msg.wessaalSendBulkResponseSchema);
  }

  /** POST messages/send-status: a WhatsApp Status (story), not a delivery-status query. */
  sendStatus(params: req.WessaalSendStatusParams): Promise<msg.WessaalQueuedResponse> {
    return this.transport.post('messages/send-status', params, msg.wessaalQueuedResponseSchema);
  }

  /** POST messages/send-location. */
  sendLocation(params: req.WessaalSendLocationParams): Promise<msg.WessaalQueuedResponse> {
    return this.transport.post('messages/send-location', params, msg.wessaalQueuedResponseSchema);
  }

  /** POST messages/send-contact: vCards. */
  sendContact(params: req.WessaalSendContactParams): Promise<msg.WessaalQueuedResponse> {
    return this.transport.post('messages/send-contact', params, msg.wessaalQueuedResponseSchema);
  }

  /** POST messages/send-poll. */
  sendPoll(params: req.WessaalSendPollParams): Promise<msg.WessaalQueuedResponse> {
    return this.transport.post('messages/send-poll', params, msg.wessaalQueuedResponseSchema);
  }

  /** POST messages/send-buttons. */
  sendButtons(params: req.WessaalSendButtonsParams): Promise<msg.WessaalQueuedResponse> {
    return this.transport.post('messages/send-buttons', params, msg.wessaalQueuedResponseSchema);
  }

  /** POST messages/send-reaction: permanently disabled. Always rejects: GONE on the documented 410. */
  sendReaction(body: req.WessaalDisabledEndpointBody = {}): Promise<never> {
    return this.transport.postToDisabled('messages/send-reaction', body);
  }

  /** POST messages/send-list: permanently disabled (WhatsApp deprecated lists). Always rejects: GONE on 410. */
  sendList(body: req.WessaalDisabledEndpointBody = {}): Promise<never> {
    return this.transport.postToDisabled('messages/send-list', body);
  }

  // --- message records ---

  /** GET messages/{id}/status (scope send_message). */
  getMessageStatus(messageId: Id): Promise<msg.WessaalMessageStatusResponse> {
    return this.transport.get(pathOf`messages/${messageId}/status`, msg.wessaalMessageStatusResponseSchema);
  }

  /** GET messages/{id} (scope read_messages). */
  getMessage(messageId: Id): Promise<msg.WessaalMessageDetailResponse> {
    return this.transport.get(pathOf`messages/${messageId}`, msg.wessaalMessageDetailResponseSchema);
  }

  /** GET messages: a Laravel paginator (scope read_messages). */
  listMessages(query: req.WessaalListMessagesQuery = {}): Promise<msg.WessaalListMessagesResponse> {
    return this.transport.get('messages', msg.wessaalListMessagesResponseSchema, { ...query });
  }

  // --- instances (scope manage_instances) ---

  /** GET instances. */
  listInstances(): Promise<res.WessaalListInstancesResponse> {
    return this.transport.get('instances', res.wessaalListInstancesResponseSchema);
  }

  /** GET instances/{id}: by id or name. */
  getInstance(instanceId: Id): Promise<res.WessaalInstanceDetailResponse> {
    return this.transport.get(pathOf`instances/${instanceId}`, res.wessaalInstanceDetailResponseSchema);
  }

  /** GET instances/{id}/status: asks the WhatsApp gateway live. */
  getInstanceStatus(instanceId: Id): Promise<res.WessaalInstanceStatusResponse> {
    return this.transport.get(
      pathOf`instances/${instanceId}/status`,
      res.wessaalInstanceStatusResponseSchema,
    );
  }

  // --- contacts (scope manage_contacts) ---

  /** GET contacts. */
  listContacts(query: req.WessaalPageQuery = {}): Promise<res.WessaalListContactsResponse> {
    return this.transport.get('contacts', res.wessaalListContactsResponseSchema, { ...query });
  }

  /** POST contacts. */
  createContact(params: req.WessaalCreateContactParams): Promise<res.WessaalContactResponse> {
    return this.transport.post('contacts', params, res.wessaalContactResponseSchema);
  }

  /** GET contacts/{id}. */
  getContact(contactId: Id): Promise<res.WessaalContactResponse> {
    return this.transport.get(pathOf`contacts/${contactId}`, res.wessaalContactResponseSchema);
  }

  /** PUT contacts/{id}: only the fields to change. */
  updateContact(contactId: Id, params: req.WessaalUpdateContactParams): Promise<res.WessaalContactResponse> {
    return this.transport.put(pathOf`contacts/${contactId}`, params, res.wessaalContactResponseSchema);
  }

  /** DELETE contacts/{id}: irreversible. */
  deleteContact(contactId: Id): Promise<res.WessaalDeleteResponse> {
    return this.transport.delete(pathOf`contacts/${contactId}`, res.wessaalDeleteResponseSchema, {
      success: true,
    });
  }

  // --- templates (scope manage_templates) ---

  /** POST templates: 201. */
  createTemplate(params: req.WessaalCreateTemplateParams): Promise<res.WessaalCreateTemplateResponse> {
    return this.transport.post('templates', params, res.wessaalCreateTemplateResponseSchema);
  }

  /** GET templates. */
  listTemplates(query: req.WessaalPageQuery = {}): Promise<res.WessaalListTemplatesResponse> {
    return this.transport.get('templates', res.wessaalListTemplatesResponseSchema, { ...query });
  }

  // --- workspaces (scope manage_workspaces) ---

  /** GET workspaces. */
  listWorkspaces(): Promise<res.WessaalListWorkspacesResponse> {
    return this.transport.get('workspaces', res.wessaalListWorkspacesResponseSchema);
  }

  /** GET workspaces/{id}. */
  getWorkspace(workspaceId: Id): Promise<res.WessaalWorkspaceResponse> {
    return this.transport.get(pathOf`workspaces/${workspaceId}`, res.wessaalWorkspaceResponseSchema);
  }
}
