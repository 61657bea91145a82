import type { OpenApiPaths } from '../../core/sim-provider.js';
import { EX } from './wessaal.openapi-examples.js';

const BASE = '/integration/v1';
const API_KEY = {
  name: 'X-API-Key',
  in: 'header',
  required: true,
  description: 'Integration API key (demo: sk_test_wessaal_demo)',
  schema: { type: 'string', example: 'sk_test_wessaal_demo' },
};
const json = (example: unknown) => ({ 'application/json': { example } });
const error = (description: string, example?: unknown) =>
  example === undefined ? { description } : { description, content: json(example) };
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const query = (name: string, description: string, type = 'string') => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type },
});

interface Op {
  summary: string;
  scope?: string;
  params?: unknown[];
  body?: unknown;
  status?: number;
  response?: unknown;
}

function op({ summary, scope, params = [], body, status = 200, response }: Op): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [status]: response === undefined ? { description: 'OK' } : { description: 'OK', content: json(response) },
    401: error('Missing or unknown X-API-Key', { success: false, message: 'Unauthenticated.' }),
    429: error('Rate limit exceeded (Retry-After header)'),
  };
  if (scope) responses[403] = error(`The key lacks the ${scope} permission`);
  if (body !== undefined) responses[422] = error('Validation failed', EX.validation);
  return {
    summary,
    description: scope ? `Required permission: ${scope}` : 'Any valid API key',
    tags: ['wessaal'],
    parameters: [API_KEY, ...params],
    ...(body === undefined ? {} : { requestBody: { required: true, content: json(body) } }),
    responses,
  };
}

const send = (summary: string, body: unknown): Record<string, unknown> => {
  const operation = op({ summary, scope: 'send_message', body, status: 202, response: EX.queued });
  (operation.responses as Record<string, unknown>)[402] = error('Insufficient credits', EX.credits);
  (operation.responses as Record<string, unknown>)[404] = error('Instance or contact not found');
  return operation;
};
const gone = (summary: string): Record<string, unknown> => {
  const { responses, ...rest } = op({ summary }) as { responses: Record<string, unknown> };
  const { 200: _ok, ...errors } = responses;
  return { ...rest, responses: { 410: error('Permanently disabled, whatever the body'), ...errors } };
};
const id = (what: string) => pathParam('id', `${what} id`);

export function wessaalOpenApi(): OpenApiPaths {
  return {
    [`${BASE}/ping`]: { get: op({ summary: 'Connectivity check', response: EX.ping }) },
    [`${BASE}/me`]: { get: op({ summary: 'API key info, permissions and pockets', response: EX.me }) },
    [`${BASE}/messages/send`]: { post: send('Send a message (text, media or template)', EX.send) },
    [`${BASE}/messages/send-bulk`]: {
      post: op({
        summary: 'Send 1–100 messages',
        scope: 'send_message',
        body: EX.bulk,
        response: EX.bulkResult,
      }),
    },
    [`${BASE}/messages/send-status`]: { post: send('Broadcast a WhatsApp Status (story)', EX.status) },
    [`${BASE}/messages/send-location`]: { post: send('Send a location pin', EX.location) },
    [`${BASE}/messages/send-contact`]: { post: send('Send vCard contacts', EX.contact) },
    [`${BASE}/messages/send-poll`]: { post: send('Send a poll', EX.poll) },
    [`${BASE}/messages/send-buttons`]: { post: send('Send interactive buttons', EX.buttons) },
    [`${BASE}/messages/send-reaction`]: { post: gone('Disabled: not available in this API version') },
    [`${BASE}/messages/send-list`]: { post: gone('Disabled: WhatsApp deprecated list messages') },
    [`${BASE}/messages/{id}/status`]: {
      get: op({
        summary: 'Delivery status of a message',
        scope: 'send_message',
        params: [id('Message')],
        response: EX.messageStatus,
      }),
    },
    [`${BASE}/messages/{id}`]: {
      get: op({ summary: 'Full message detail', scope: 'read_messages', params: [id('Message')] }),
    },
    [`${BASE}/messages`]: {
      get: op({
        summary: 'List messages (Laravel paginator, newest first)',
        scope: 'read_messages',
        params: [
          query('page', 'Page number (default 1)', 'integer'),
          query('per_page', 'Results per page (default 50, max 100)', 'integer'),
          query('status', 'pending, processing, sent, delivered, failed, refunded'),
          query('type', 'text, image, video, document, audio, location, contact, poll, buttons, status'),
        ],
        response: EX.messageList,
      }),
    },
    [`${BASE}/instances`]: {
      get: op({ summary: 'List instances', scope: 'manage_instances', response: EX.instances }),
    },
    [`${BASE}/instances/{id}`]: {
      get: op({
        summary: 'Instance details (by id or name)',
        scope: 'manage_instances',
        params: [pathParam('id', 'Instance id or name')],
      }),
    },
    [`${BASE}/instances/{id}/status`]: {
      get: op({
        summary: 'Live connection status',
        scope: 'manage_instances',
        params: [pathParam('id', 'Instance id or name')],
        response: EX.liveStatus,
      }),
    },
    [`${BASE}/contacts`]: {
      get: op({ summary: 'List contacts', scope: 'manage_contacts' }),
      post: op({
        summary: 'Create a contact',
        scope: 'manage_contacts',
        body: EX.contactCreate,
        status: 201,
      }),
    },
    [`${BASE}/contacts/{id}`]: {
      get: op({ summary: 'Get a contact', scope: 'manage_contacts', params: [id('Contact')] }),
      put: op({
        summary: 'Update a contact',
        scope: 'manage_contacts',
        params: [id('Contact')],
        body: EX.contactUpdate,
      }),
      delete: op({ summary: 'Delete a contact', scope: 'manage_contacts', params: [id('Contact')] }),
    },
    [`${BASE}/templates`]: {
      get: op({ summary: 'List templates', scope: 'manage_templates' }),
      post: op({
        summary: 'Create a template',
        scope: 'manage_templates',
        body: EX.templateCreate,
        status: 201,
        response: EX.templateCreated,
      }),
    },
    [`${BASE}/workspaces`]: { get: op({ summary: 'List workspaces', scope: 'manage_workspaces' }) },
    [`${BASE}/workspaces/{id}`]: {
      get: op({ summary: 'Get a workspace', scope: 'manage_workspaces', params: [id('Workspace')] }),
    },
  };
}
