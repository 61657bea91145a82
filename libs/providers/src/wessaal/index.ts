import { z } from 'zod';
import { MessageStatus } from '../core/message-status.js';
import { defineProvider } from '../core/provider-definition.js';
import { WESSAAL_CAPABILITIES, WessaalAdapter } from './wessaal.adapter.js';
import { WessaalClient } from './wessaal.client.js';
import { WESSAAL_PROVIDER_ID } from './wessaal.errors.js';

export { WessaalClient, type WessaalClientConfig } from './wessaal.client.js';
export { WessaalAdapter, WESSAAL_CAPABILITIES } from './wessaal.adapter.js';
export { wessaalErrorFrom } from './wessaal.errors.js';
export { wessaalStatusReading } from './wessaal.status.js';
export type * from './wessaal.requests.js';
export type * from './wessaal.schemas.js';
export type * from './wessaal.resource-schemas.js';

export const WESSAAL_DEFAULT_BASE_URL = 'https://app.wessaal.com/integration/v1';

export const wessaalCredentialsSchema = z.object({
  /** `sk_live_…`, sent as the X-API-Key header. */
  apiKey: z.string().trim().min(1, 'the Wessaal API key is required'),
});
export type WessaalCredentials = z.output<typeof wessaalCredentialsSchema>;

export const wessaalProvider = defineProvider<WessaalCredentials>({
  id: WESSAAL_PROVIDER_ID,
  name: 'Wessaal',
  defaultBaseUrl: WESSAAL_DEFAULT_BASE_URL,
  capabilities: WESSAAL_CAPABILITIES,
  credentialsSchema: wessaalCredentialsSchema,
  secretFields: ['apiKey'],
  // The doc's lifecycle ends at delivered (or failed → refunded): it has no read receipt to wait for.
  finalStatuses: new Set([MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.FAILED]),
  create: (config) =>
    new WessaalAdapter(
      new WessaalClient({
        baseUrl: config.baseUrl ?? WESSAAL_DEFAULT_BASE_URL,
        apiKey: config.credentials.apiKey,
        timeoutMs: config.timeoutMs,
        fetch: config.fetch,
      }),
      config.defaults,
    ),
});
