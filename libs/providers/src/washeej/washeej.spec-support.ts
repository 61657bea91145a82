/**
 * Shared by the Washeej specs (not itself a spec): nock recording, multipart parsing and example bodies. The
 * bodies follow the docs' envelope example and the platform's Laravel models (the docs show no full payloads).
 */
import type nock from 'nock';
import { ProviderError } from '../core/provider-error.js';
import { WasheejClient } from './washeej.client.js';

export const ORIGIN = 'https://app.washeej.com';
export const PREFIX = '/external-api';
export const BASE_URL = `${ORIGIN}${PREFIX}`;
export const CREDENTIALS = { clientId: 'client-id-123', clientSecret: 'client-secret-456' };
export const AUTH_HEADERS = { 'client-id': CREDENTIALS.clientId, 'client-secret': CREDENTIALS.clientSecret };

/**
 * A client of the nock-mocked API. Its timeout is generous: on a busy machine a mocked answer took over 2 s once
 * (a full suite beside another); the timeout test passes its own short one.
 */
export function washeejTestClient(timeoutMs = 15_000): WasheejClient {
  return new WasheejClient({ baseUrl: BASE_URL, ...CREDENTIALS, timeoutMs });
}

export interface RecordedRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Replies with `status`/`reply` and records the request's headers and raw body for later assertions. */
export function recordAndReply(
  interceptor: nock.Interceptor,
  status: number,
  reply: unknown,
): RecordedRequest {
  const recorded: RecordedRequest = { headers: {}, body: '' };
  interceptor.reply(function (_uri, body) {
    recorded.headers = this.req.headers;
    recorded.body = typeof body === 'string' ? body : JSON.stringify(body);
    return [status, reply as nock.Body];
  });
  return recorded;
}

export interface MultipartFile {
  filename: string;
  contentType: string;
  content: string;
}
export interface Multipart {
  fields: Record<string, string>;
  files: Record<string, MultipartFile>;
}

/** Splits a multipart/form-data body into its text fields and files, keyed by part name. */
export function parseMultipart(recorded: RecordedRequest): Multipart {
  const contentType = String(recorded.headers['content-type'] ?? '');
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`not multipart: content-type "${contentType}"`);
  const result: Multipart = { fields: {}, files: {} };
  for (const part of recorded.body.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const head = part.slice(0, headerEnd);
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename === undefined) result.fields[name] = content;
    else {
      const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
      result.files[name] = { filename, contentType: type, content };
    }
  }
  return result;
}

/** Awaits a promise expected to reject with a ProviderError and returns the error. */
export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome))
    throw new Error(`expected a ProviderError, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof ProviderError)) throw outcome.error;
  return outcome.error;
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A Laravel paginator around `data`, as the platform serializes it. */
export function paginator<T>(path: string, data: T[], page = 1, perPage = 20, total = data.length) {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const from = data.length ? (page - 1) * perPage + 1 : null;
  return {
    current_page: page,
    data,
    first_page_url: `${BASE_URL}/${path}?page=1`,
    from,
    last_page: lastPage,
    last_page_url: `${BASE_URL}/${path}?page=${lastPage}`,
    links: [
      { url: null, label: '&laquo; Previous', active: false },
      { url: `${BASE_URL}/${path}?page=1`, label: '1', active: page === 1 },
      { url: null, label: 'Next &raquo;', active: false },
    ],
    next_page_url: page < lastPage ? `${BASE_URL}/${path}?page=${page + 1}` : null,
    path: `${BASE_URL}/${path}`,
    per_page: perPage,
    prev_page_url: page > 1 ? `${BASE_URL}/${path}?page=${page - 1}` : null,
    to: from === null ? null : from + data.length - 1,
    total,
  };
}

export const CONTACT_EXAMPLE = {
  id: 17,
  user_id: 3,
  firstname: 'John',
  lastname: 'Doe',
  mobile_code: '966',
  mobile: '500000000',
  address: {
    city: 'Riyadh',
    state: 'Riyadh',
    post_code: '11564',
    address: 'King Fahd Rd',
    country: 'Saudi Arabia',
  },
  image: null,
  is_blocked: 0,
  created_at: '2025-05-01T10:00:00.000000Z',
  updated_at: '2025-05-01T10:00:00.000000Z',
  image_src: 'https://app.washeej.com/assets/images/avatar.jpg',
  full_name: 'John Doe',
};

export const CONVERSATION_EXAMPLE = {
  id: 2,
  user_id: 3,
  contact_id: 17,
  whatsapp_account_id: 1,
  status: 2,
  last_message_at: '2025-05-02 09:15:00',
  needs_human_reply: 1,
  created_at: '2025-05-01T10:00:00.000000Z',
  updated_at: '2025-05-02T09:15:00.000000Z',
  contact: CONTACT_EXAMPLE,
  notes: [
    { id: 5, conversation_id: 2, note: 'Asked for a callback', created_at: '2025-05-02T09:20:00.000000Z' },
  ],
};

export const TEMPLATE_EXAMPLE = {
  id: 123,
  user_id: 3,
  whatsapp_account_id: 1,
  whatsapp_template_id: '1203948576',
  name: 'order_update',
  category_id: 2,
  language_id: 1,
  body: 'Hello {{1}}, your order {{2}} has shipped.',
  header_format: 'TEXT',
  footer: null,
  status: 1,
  created_at: '2025-04-01T08:00:00.000000Z',
};

export const SENT_MESSAGE_EXAMPLE = {
  id: 981,
  user_id: 3,
  whatsapp_account_id: 1,
  whatsapp_message_id: 'wamid.HBgMOTY2NTAwMDAwMDAwFQIAERgSQjk5',
  conversation_id: 2,
  type: 1,
  message: 'Hello! This is a test message.',
  message_type: 1,
  status: 1,
  created_at: '2025-05-02T09:15:00.000000Z',
};

export const success = (remark: string, message: string[], data?: unknown) => ({
  remark,
  status: 'success',
  message,
  ...(data === undefined ? {} : { data }),
});

export const failure = (remark: string, message: string[]) => ({ remark, status: 'error', message });
