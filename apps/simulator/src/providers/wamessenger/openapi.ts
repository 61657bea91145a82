import type { OpenApiPaths } from '../../core/sim-provider.js';
import { PROVIDER_ID } from './state.js';

const tags = [PROVIDER_ID];

const apikey = {
  name: 'apikey',
  in: 'path',
  required: true,
  description: 'The API key from the WaMessenger panel. It is the only credential: it travels in the path.',
  schema: { type: 'string' },
  example: 'wamessenger-demo-key',
};

function query(
  name: string,
  description: string,
  required = false,
  example?: string,
): Record<string, unknown> {
  return { name, in: 'query', required, description, schema: { type: 'string' }, example };
}

function json(description: string, example: unknown): Record<string, unknown> {
  return { description, content: { 'application/json': { example } } };
}

function text(description: string, example: string): Record<string, unknown> {
  return { description, content: { 'text/plain': { example } } };
}

const errors = {
  '400': text('Missing or invalid parameter, malformed body', 'Bad Request'),
  '401': json('Unknown API key', { message: 'Invalid apikey' }),
};

function get(summary: string, parameters: unknown[], ok: Record<string, unknown>, extra = {}): unknown {
  return {
    get: {
      summary,
      tags,
      parameters: [apikey, ...parameters],
      responses: { '200': ok, ...errors, ...extra },
    },
  };
}

const statusItem = {
  status: 'OK',
  statusInfo: 'Message successfully sent',
  id: '80379458',
  phonenumber: '989121234567',
  text: 'test',
  created: '2022-08-29 21:52:05',
  execute: '2022-08-29 21:52:05',
  delivery: 'read',
};

const sendSchema = {
  type: 'object',
  required: ['phonenumber', 'text'],
  properties: {
    phonenumber: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'Recipient (digits, e.g. 989121234567); an array (`phonenumber[0]=…`) makes a group send',
    },
    text: { type: 'string' },
    url: {
      type: 'string',
      description:
        'Media or file link (required for a group send). Audio MP3 AAC OPUS OGG; documents PDF XLS XLSX DOC DOCX ' +
        'PPT PPTX; video 3GP; other AMR WAV WEBP ZIP RAR EXE APK; images JPG JPEG PNG. MP4 and GIF: not yet.',
    },
  },
};

const sendExample = { phonenumber: '989121234567', text: 'test', url: 'https://url.com/image.jpeg' };

export function openApiPaths(): OpenApiPaths {
  const perPage = 'Page number, default 1; 100 items per page';
  const phoneFilter = 'A number or its prefix, e.g. 0912 or 98912';
  const paths: Record<string, unknown> = {
    '/sendMessage/{apikey}': {
      post: {
        summary: 'Send a message (single), or a group send when phonenumber is an array',
        tags,
        parameters: [apikey],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: sendSchema, example: sendExample },
            'multipart/form-data': { schema: sendSchema, example: sendExample },
            'application/json': { schema: sendSchema, example: sendExample },
          },
        },
        responses: {
          '200': {
            description:
              'Single send: the message id as bare text. Group send: one tracking code per number.',
            content: {
              'text/plain': { example: '80379458' },
              'application/json': {
                example: [
                  { phonenumber: '989121234567', tracking_Code: 80461451 },
                  { phonenumber: '989121234568', tracking_Code: 80461452 },
                ],
              },
            },
          },
          '400': {
            description:
              'Bad input (plain text), an unsupported file format or a blocked number (JSON message)',
            content: {
              'text/plain': { example: 'Bad Request' },
              'application/json': { example: { message: 'Unsupported file format' } },
            },
          },
          '401': errors['401'],
          '413': text('Body too large', 'Payload Too Large'),
        },
      },
    },
    '/getStatus/{apikey}': get(
      'Delivery report of one message (delivery: server, phone or read)',
      [query('id', 'Message id from sendMessage', true, '80379458')],
      json('The message', statusItem),
      { '404': json('No such message on this account', { message: 'Message not found' }) },
    ),
    '/showAllMessages/{apikey}': get(
      'All sent messages with their status, newest first',
      [query('page', perPage, false, '1'), query('phonenumber', phoneFilter, false, '0912')],
      json('One page', { count: 1, pageCount: 1, page: 'page 1 from 1', data: [statusItem] }),
    ),
    '/pending/{apikey}': get('The send queue', [], {
      description: 'Queued messages (JSON), or the plain text `No Pending Message`',
      content: {
        'application/json': {
          example: [
            {
              status: 'pending',
              id: '80379459',
              phonenumber: '989121234567',
              text: 'test',
              created: '2022-08-29 21:52:05',
            },
          ],
        },
        'text/plain': { example: 'No Pending Message' },
      },
    }),
    '/showAllGetMessages/{apikey}': get(
      'All received messages, newest first',
      [query('page', perPage, false, '1'), query('phonenumber', `${phoneFilter} (sender)`, false, '912')],
      json('One page', {
        count: 1,
        pageCount: 1,
        page: 'page 1 from 1',
        data: [
          {
            id: '3836672',
            type: 'chat',
            from: '989121234567',
            to: '989121234568',
            date: '2022/08/29 21:54:18',
            chat: 'test',
          },
        ],
      }),
    ),
    '/webhook/set/{apikey}': get(
      'Set the webhook URL (inbound messages and delivery reports are POSTed to it as JSON)',
      [query('url', 'Webhook URL (http or https)', true, 'https://test.com')],
      json('Set, or `set: "false"` for an invalid URL', {
        set: 'true',
        url: 'https://test.com',
        message: 'Webhook has been set successfully',
      }),
    ),
    '/webhook/remove/{apikey}': get(
      'Remove the webhook URL',
      [],
      json('Removed', { set: 'true', url: '', message: 'Webhook successfully removed' }),
    ),
    '/webhook/pending/{apikey}': get(
      'Webhook events not delivered yet (kept 48 h)',
      [],
      json('Queue size', {
        pending: 3,
        hash: 'APIKEY',
        message: 'You have 3 pending messages',
        url: 'https://test.com',
      }),
    ),
    '/webhook/resend/{apikey}': get(
      'Deliver the webhook queue again',
      [],
      json('Resent', {
        pending: 3,
        hash: 'APIKEY',
        message: 'Resend 3 messages to https://test.com',
        url: 'https://test.com',
      }),
    ),
    '/sendSeen/{apikey}': get(
      'Mark received messages as seen (default off; applies about 30 s later)',
      [query('seen', 'on or off', true, 'on')],
      json('Changed', { set: 'True', message: 'sendSeen changed to on' }),
    ),
    '/receive/{apikey}': get(
      'Receive messages on the web service (default off; applies about 30 s later)',
      [query('receive', 'on or off', true, 'on')],
      json('Changed', { set: 'True', message: 'Receive changed to on' }),
    ),
  };
  return paths as OpenApiPaths;
}
