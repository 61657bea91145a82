import type { StartedSimulator } from '../../../apps/simulator/src/index.js';

/** Raw-HTTP helpers for the Washeej/Wutt simulator suites (no libs/providers involved). */
export type Json = Record<string, unknown> & {
  remark?: string;
  status?: string;
  message?: string[];
  data?: Record<string, unknown>;
};

export interface Reply {
  status: number;
  body: Json;
  headers: Headers;
}

export interface TestAccount {
  id: string;
  clientId: string;
  clientSecret: string;
}

async function toReply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, headers: response.headers };
}

export async function admin(
  sim: StartedSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const response = await fetch(`${sim.url}/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return toReply(response);
}

/** An isolated account with fresh credentials (and optional settings), so suites do not share state. */
export async function createAccount(
  sim: StartedSimulator,
  provider: 'washeej' | 'wutt' = 'washeej',
  settings: Record<string, unknown> = {},
): Promise<TestAccount> {
  const created = await admin(sim, 'POST', '/accounts', { provider, ...settings });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`account creation failed: ${created.status}`);
  const credentials = created.body.credentials as Record<string, string>;
  return {
    id: created.body.id as string,
    clientId: credentials.clientId!,
    clientSecret: credentials.clientSecret!,
  };
}

export const DEMO: Record<'washeej' | 'wutt', TestAccount> = {
  washeej: { id: 'washeej-demo', clientId: 'washeej-demo-id', clientSecret: 'washeej-demo-secret' },
  wutt: { id: 'wutt-demo', clientId: 'wutt-demo-id', clientSecret: 'wutt-demo-secret' },
};

export type BodyKind = 'json' | 'form' | 'multipart';

/** Encodes fields as JSON, PHP-style form-urlencoded (`a[0]=x`) or multipart (Blob values become files). */
export function encode(
  fields: Record<string, unknown>,
  kind: BodyKind,
): { body: NonNullable<RequestInit['body']>; headers: Record<string, string> } {
  if (kind === 'json')
    return { body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } };
  if (kind === 'form') {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      if (Array.isArray(value)) value.forEach((v, i) => params.append(`${key}[${i}]`, String(v)));
      else params.append(key, String(value));
    }
    return { body: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof File) form.append(key, value);
    else if (Array.isArray(value)) value.forEach((v, i) => form.append(`${key}[${i}]`, String(v)));
    else form.append(key, String(value));
  }
  return { body: form, headers: {} };
}

export function fileOf(name: string, type: string, bytes: number): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

export interface Api {
  get(path: string, query?: Record<string, string | number>): Promise<Reply>;
  post(path: string, fields?: Record<string, unknown>, kind?: BodyKind): Promise<Reply>;
  delete(path: string): Promise<Reply>;
  raw(method: string, path: string, init?: RequestInit): Promise<Reply>;
}

/** Calls `/<provider>/external-api<path>` with the account's client-id/client-secret headers. */
export function api(
  sim: StartedSimulator,
  account: TestAccount,
  provider: 'washeej' | 'wutt' = 'washeej',
): Api {
  const auth = { 'client-id': account.clientId, 'client-secret': account.clientSecret };
  const url = (path: string) => `${sim.url}/${provider}/external-api${path}`;
  const raw = async (method: string, path: string, init: RequestInit = {}) =>
    toReply(
      await fetch(url(path), {
        ...init,
        method,
        headers: { ...auth, ...(init.headers as Record<string, string>) },
      }),
    );
  return {
    raw,
    get: (path, query) =>
      raw(
        'GET',
        query
          ? `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`
          : path,
      ),
    post: (path, fields = {}, kind = 'json') => {
      const { body, headers } = encode(fields, kind);
      return raw('POST', path, { body, headers });
    },
    delete: (path) => raw('DELETE', path),
  };
}

/** Moves the simulator clock forward (running every lifecycle step that becomes due). */
export async function advance(sim: StartedSimulator, ms: number): Promise<void> {
  const reply = await admin(sim, 'POST', '/clock/advance', { ms });
  if (reply.status !== 200) throw new Error(`clock advance failed: ${reply.status}`);
}

/** The statuses the simulated phone shows for messages sent to `to` from one account. */
export async function phoneStatuses(sim: StartedSimulator, account: string, to: string): Promise<string[]> {
  const reply = await fetch(`${sim.url}/__admin/messages?account=${account}&to=${to}`);
  const list = (await reply.json()) as Array<{ status: string }>;
  return list.map((m) => m.status);
}

/** Delays long enough that nothing moves on its own during a test: only clock jumps move messages. */
export const FROZEN_DELAYS = { delays: { sentMs: 60_000, deliveredMs: 60_000, readMs: 60_000 } };

/**
 * The customer at `from` writes in (`POST /__admin/inbound`): the contact and conversation are created when new and
 * the 24 h window opens, so free-form from the Cloud API number is accepted. Throws unless the message was stored.
 */
export async function customerWrites(
  sim: StartedSimulator,
  account: string,
  from: string,
  provider: 'washeej' | 'wutt' = 'washeej',
  text = 'Hi, I have a question',
): Promise<Reply> {
  const reply = await admin(sim, 'POST', '/inbound', { provider, account, from, text });
  const inbound = reply.body.inbound as { stored?: boolean } | undefined;
  if (reply.status !== 201 || inbound?.stored !== true)
    throw new Error(`inbound from ${from} not stored: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}
