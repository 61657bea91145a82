import { createWasheejPlatformProvider } from './washeej.provider.js';

export { WasheejClient, type WasheejClientConfig } from './washeej.client.js';
export { WasheejAdapter, WASHEEJ_CAPABILITIES, type WasheejAdapterDefaults } from './washeej.adapter.js';
export {
  createWasheejPlatformProvider,
  washeejCredentialsSchema,
  type WasheejCredentials,
  type WasheejPlatformIdentity,
} from './washeej.provider.js';
export { washeejErrorFrom, isWasheejErrorResponse } from './washeej.errors.js';
export { washeejMessageStatus, washeejConversationState, washeejTemplateStatus } from './washeej.status.js';
export type { WasheejUpload } from './washeej.uploads.js';
export type {
  WasheejListQuery,
  WasheejConversationListQuery,
  WasheejContactFields,
  WasheejContactStoreParams,
  WasheejSendMessageParams,
  WasheejSendTemplateParams,
} from './washeej.requests.js';
export type {
  WasheejEnvelope,
  WasheejContact,
  WasheejConversation,
  WasheejSentMessage,
  WasheejTemplate,
  WasheejContactListResponse,
  WasheejContactResponse,
  WasheejAcknowledgement,
  WasheejConversationListResponse,
  WasheejConversationDetailsResponse,
  WasheejSendMessageResponse,
  WasheejSendTemplateResponse,
  WasheejTemplateListResponse,
} from './washeej.schemas.js';

export const washeejProvider = createWasheejPlatformProvider({
  id: 'washeej',
  name: 'Washeej',
  defaultBaseUrl: 'https://app.washeej.com/external-api',
});
