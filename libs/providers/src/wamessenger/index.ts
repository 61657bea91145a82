import { z } from 'zod';
import { defineProvider, type ProviderDefinition } from '../core/provider-definition.js';
import { WAMESSENGER_CAPABILITIES, WaMessengerAdapter } from './wamessenger.adapter.js';
import { WaMessengerClient } from './wamessenger.client.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';

export { WaMessengerClient } from './wamessenger.client.js';
export type {
  WaMessengerBodyEncoding,
  WaMessengerClientConfig,
  WaMessengerPageParams,
  WaMessengerSendGroupMessageParams,
  WaMessengerSendMessageParams,
  WaMessengerSwitch,
} from './wamessenger.client.js';
export { WaMessengerAdapter, WAMESSENGER_CAPABILITIES } from './wamessenger.adapter.js';
export type { WaMessengerAdapterOptions } from './wamessenger.adapter.js';
export { waMessengerReportStatus, waMessengerWebhookDeliveryStatus } from './wamessenger.status.js';
export type {
  WaMessengerDeliveryWebhook,
  WaMessengerGroupSendItem,
  WaMessengerGroupSendResult,
  WaMessengerInboundWebhook,
  WaMessengerMessageStatus,
  WaMessengerPendingItem,
  WaMessengerReceivedMessage,
  WaMessengerReceivedPage,
  WaMessengerSentPage,
  WaMessengerSetting,
  WaMessengerWebhookQueue,
  WaMessengerWebhookSet,
} from './wamessenger.schemas.js';

export const waMessengerCredentialsSchema = z.object({
  apiKey: z.string().trim().min(1, 'the WaMessenger api key is required'),
  /**
   * How the account's service reads request bodies: the original reads form fields; its renamed successor reads
   * JSON (provider-docs README: "a client should accept a base URL and both body encodings"). Not a secret, but
   * part of how the account is reached, so it travels with the key.
   */
  bodyEncoding: z.enum(['form', 'json']).default('form'),
});
// The input shape: a connection stored before `bodyEncoding` existed has none, and the client defaults to form.
export type WaMessengerCredentials = z.input<typeof waMessengerCredentialsSchema>;

const WAMESSENGER_BASE_URL = 'https://api.wamessenger.ir';

export const wamessengerProvider: ProviderDefinition<WaMessengerCredentials> =
  defineProvider<WaMessengerCredentials>({
    id: WAMESSENGER_PROVIDER_ID,
    name: 'WaMessenger',
    defaultBaseUrl: WAMESSENGER_BASE_URL,
    capabilities: WAMESSENGER_CAPABILITIES,
    credentialsSchema: waMessengerCredentialsSchema,
    secretFields: ['apiKey'],
    create(config) {
      const client = new WaMessengerClient({
        baseUrl: config.baseUrl ?? WAMESSENGER_BASE_URL,
        apiKey: config.credentials.apiKey,
        timeoutMs: config.timeoutMs,
        fetch: config.fetch,
        bodyEncoding: config.credentials.bodyEncoding,
      });
      return new WaMessengerAdapter(client, { apiKey: config.credentials.apiKey });
    },
  });
