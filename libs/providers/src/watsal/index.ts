import { z } from 'zod';
import { defineProvider } from '../core/provider-definition.js';
import { WatsalAdapter, WATSAL_CAPABILITIES } from './watsal.adapter.js';
import { WatsalClient } from './watsal.client.js';
import { WATSAL_DEFAULT_BASE_URL, WATSAL_PROVIDER_ID, WATSAL_PROVIDER_NAME } from './watsal.constants.js';

export { WatsalAdapter, WATSAL_CAPABILITIES } from './watsal.adapter.js';
export {
  WatsalClient,
  type WatsalClientConfig,
  type WatsalNotificationsSendParams,
  type WatsalVerifyCheckParams,
  type WatsalVerifySendParams,
} from './watsal.client.js';
export { isWatsalErrorResponse, watsalErrorFrom } from './watsal.errors.js';
export { watsalStatusReading } from './watsal.status.js';
export type {
  WatsalErrorBody,
  WatsalMessageResponse,
  WatsalNotificationSendResponse,
  WatsalVerifyCheckResponse,
  WatsalVerifySendResponse,
} from './watsal.schemas.js';

export const watsalCredentialsSchema = z.object({ apiKey: z.string().trim().min(1) });
export type WatsalCredentials = z.output<typeof watsalCredentialsSchema>;

export const watsalProvider = defineProvider<WatsalCredentials>({
  id: WATSAL_PROVIDER_ID,
  name: WATSAL_PROVIDER_NAME,
  defaultBaseUrl: WATSAL_DEFAULT_BASE_URL,
  capabilities: WATSAL_CAPABILITIES,
  credentialsSchema: watsalCredentialsSchema,
  secretFields: ['apiKey'],
  create: (config) =>
    new WatsalAdapter(
      new WatsalClient({
        baseUrl: config.baseUrl ?? WATSAL_DEFAULT_BASE_URL,
        apiKey: config.credentials.apiKey,
        timeoutMs: config.timeoutMs,
        fetch: config.fetch,
      }),
    ),
});
