import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** Wessaal: auth and check order, ping/me, instances, workspaces, contacts, templates, bad input, control API. */

class Res {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {}
  get(path: string): unknown {
    let cur: unknown = this.body;
    for (const part of path.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  }
  num(path: string): number {
    const v = this.get(path);
    if (typeof v !== 'number') throw new Error(`${path} is not a number: ${JSON.stringify(this.body)}`);
    return v;
  }
  list(path: string): Array<Record<string, unknown>> {
    const v = this.get(path);
    if (!Array.isArray(v)) throw new Error(`${path} is not an array: ${JSON.stringify(this.body)}`);
    return v as Array<Record<string, unknown>>;
  }
}

let sim: StartedSimulator;
const DELAYS = { sentMs: 60_000, deliveredMs: 120_000, readMs: 300_000 };

async function http(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sim.url}${url}`, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return new Res(response.status, parsed, response.headers);
}

const api = (
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => http(method, `/wessaal/integration/v1${path}`, body, { 'x-api-key': key, ...headers });
const admin = (method: string, path: string, body?: unknown) => http(method, `/__admin${path}`, body);
const advance = (ms: number) => admin('POST', '/clock/advance', { ms });

/** A fresh account with long lifecycle delays, so only the simulated clock moves its messages. */
async function account(patch: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const res = await admin('POST', '/accounts', { provider: 'wessaal', delays: DELAYS, ...patch });
  expect(res.status).toBe(201);
  return { id: String(res.get('id')), key: String(res.get('credentials.apiKey')) };
}

const text = (recipient = '+966501234567', extra: Record<string, unknown> = {}) => ({
  instance: 'my-instance',
  recipient,
  message_type: 'text',
  content: 'Hello from our API!',
  ...extra,
});

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

const DEMO = 'sk_test_wessaal_demo';
const READONLY = 'sk_test_wessaal_readonly';

describe('authentication, rate limit, scopes and check order', () => {
  it('answers 401 Unauthenticated. for a missing or unknown X-API-Key', async () => {
    const missing = await http('GET', '/wessaal/integration/v1/ping');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ success: false, message: 'Unauthenticated.' });
    const unknown = await api('sk_live_unknown', 'POST', '/messages/send', text());
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ success: false, message: 'Unauthenticated.' });
  });

  it('answers 429 with Retry-After past the per-minute limit, before the scope check', async () => {
    const { id, key } = await account({ rateLimitPerMinute: 2, scopes: ['read_messages'] });
    expect((await api(key, 'GET', '/ping')).status).toBe(200);
    expect((await api(key, 'GET', '/ping')).status).toBe(200);
    const limited = await api(key, 'GET', '/instances');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      success: false,
      message: 'Too Many Attempts.',
      error_code: 'RATE_LIMITED',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('sk_live_unknown', 'GET', '/ping')).status).toBe(401);
    await advance(60_000);
    expect((await api(key, 'GET', '/instances')).status).toBe(403);
    await admin('PATCH', `/accounts/${id}`, { rateLimitPerMinute: 0 });
  });

  it('answers 403 naming the missing permission, for every scope', async () => {
    const { id, key } = await account();
    await admin('PATCH', `/accounts/${id}`, { scopes: [] });
    const checks: Array<[string, string, string, unknown?]> = [
      ['send_message', 'POST', '/messages/send', text()],
      ['send_message', 'POST', '/messages/send-bulk', {}],
      ['read_messages', 'GET', '/messages'],
      ['manage_instances', 'GET', '/instances/124/status'],
      ['manage_contacts', 'POST', '/contacts', {}],
      ['manage_templates', 'GET', '/templates'],
      ['manage_workspaces', 'GET', '/workspaces/22'],
    ];
    for (const [scope, method, path, body] of checks) {
      const res = await api(key, method, path, body);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        success: false,
        message: `This API key does not have the required permission: ${scope}`,
        error_code: 'FORBIDDEN',
      });
    }
    expect((await api(key, 'GET', '/ping')).status).toBe(200);
    expect((await api(key, 'GET', '/me')).get('data.api_key.permissions')).toEqual([]);
  });

  it('checks scope before validation, validation before ownership, ownership before credits', async () => {
    expect((await api(READONLY, 'POST', '/messages/send', {})).status).toBe(403);
    const { key } = await account({ credits: 0 });
    expect((await api(key, 'POST', '/messages/send', { instance: 'nope' })).status).toBe(422);
    expect((await api(key, 'POST', '/messages/send', text(undefined, { instance: 'nope' }))).status).toBe(
      404,
    );
    expect((await api(key, 'POST', '/messages/send', text())).status).toBe(402);
  });
});

describe('ping and me', () => {
  it('ping answers pong with a Laravel timestamp for any valid key', async () => {
    const res = await api(READONLY, 'GET', '/ping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'pong',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });
  });

  it('me shows the user, the key and both pockets, following the control API', async () => {
    const demo = await api(DEMO, 'GET', '/me');
    expect(demo.body).toEqual({
      success: true,
      data: {
        user: { id: 93, name: 'Ahmed', email: 'ahmed@example.com' },
        api_key: {
          name: 'My Integration Key',
          permissions: [
            'send_message',
            'read_messages',
            'manage_instances',
            'manage_contacts',
            'manage_templates',
            'manage_workspaces',
          ],
          created_at: '2025-01-01T00:00:00.000000Z',
        },
        pockets: {
          whatsapp: { balance: 250, currency: 'credits' },
          sms: { balance: 0, currency: 'credits' },
        },
      },
    });
    const { id, key } = await account();
    await admin('PATCH', `/accounts/${id}`, { credits: 7, scopes: ['send_message', 'read_messages'] });
    const me = await api(key, 'GET', '/me');
    expect(me.get('data.pockets.whatsapp.balance')).toBe(7);
    expect(me.get('data.api_key.permissions')).toEqual(['send_message', 'read_messages']);
    expect((await api(READONLY, 'GET', '/me')).get('data.api_key.permissions')).toEqual(['read_messages']);
    expect((await api('sk_test_wessaal_empty', 'GET', '/me')).get('data.pockets.whatsapp.balance')).toBe(0);
  });
});

describe('instances and workspaces', () => {
  it('lists instances as documented', async () => {
    const res = await api(DEMO, 'GET', '/instances');
    expect(res.status).toBe(200);
    expect(res.list('data')[0]).toEqual({
      id: 124,
      name: 'my-instance',
      status: 'open',
      workspace: { id: 22, name: 'Main Workspace' },
      created_at: '2025-01-01T00:00:00.000000Z',
    });
    expect(res.list('data').map((i) => i.status)).toEqual(['open', 'close', 'connecting']);
  });

  it('gets one instance by id or name, 404 otherwise', async () => {
    for (const ref of ['124', 'my-instance']) {
      const res = await api(DEMO, 'GET', `/instances/${ref}`);
      expect(res.status).toBe(200);
      expect(res.get('data')).toEqual(
        expect.objectContaining({
          id: 124,
          name: 'my-instance',
          status: 'open',
          phone_number: '+966501234567',
        }),
      );
    }
    const missing = await api(DEMO, 'GET', '/instances/999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ success: false, message: 'Instance not found.' });
  });

  it('gives the live status; phone and battery only while connected', async () => {
    const open = await api(DEMO, 'GET', '/instances/124/status');
    expect(open.body).toEqual({
      success: true,
      data: {
        instance_id: 124,
        name: 'my-instance',
        connection_status: 'open',
        phone_number: '+966501234567',
        battery: 85,
        plugged: true,
      },
    });
    const closed = await api(DEMO, 'GET', '/instances/backup-instance/status');
    expect(closed.get('data')).toEqual({
      instance_id: 125,
      name: 'backup-instance',
      connection_status: 'close',
      phone_number: null,
      battery: null,
      plugged: null,
    });
    expect((await api(DEMO, 'GET', '/instances/nope/status')).status).toBe(404);
  });

  it('lists and gets workspaces; unknown or non-numeric ids are 404', async () => {
    const list = await api(DEMO, 'GET', '/workspaces');
    expect(list.body).toEqual({
      success: true,
      data: [{ id: 22, name: 'Main Workspace', created_at: '2025-01-01T00:00:00.000000Z' }],
    });
    const one = await api(DEMO, 'GET', '/workspaces/22');
    expect(one.get('data')).toEqual(
      expect.objectContaining({ id: 22, name: 'Main Workspace', templates_count: expect.any(Number) }),
    );
    expect(one.list('data.instances').map((i) => i.id)).toEqual([124, 125, 126]);
    expect((await api(DEMO, 'GET', '/workspaces/23')).body).toEqual({
      success: false,
      message: 'Workspace not found.',
    });
    expect((await api(DEMO, 'GET', '/workspaces/main')).status).toBe(404);
  });
});

describe('contacts', () => {
  it('creates (phone/label), gets, lists, updates and deletes a contact', async () => {
    const { key } = await account();
    const created = await api(key, 'POST', '/contacts', {
      phone: '+966501234567',
      label: 'Ahmed Al-Rashid',
      email: 'ahmed@example.com',
      notes: 'VIP customer',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      success: true,
      data: {
        id: expect.any(Number),
        phone: '+966501234567',
        label: 'Ahmed Al-Rashid',
        email: 'ahmed@example.com',
        notes: 'VIP customer',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    });
    const id = created.num('data.id');
    expect((await api(key, 'GET', `/contacts/${id}`)).get('data.label')).toBe('Ahmed Al-Rashid');
    expect((await api(key, 'GET', '/contacts')).list('data').map((c) => c.id)).toEqual([id]);
    const updated = await api(key, 'PUT', `/contacts/${id}`, {
      label: 'Ahmed Al-Rashid (Updated)',
      notes: 'Upgraded to Premium',
    });
    expect(updated.status).toBe(200);
    expect(updated.get('data')).toEqual(
      expect.objectContaining({
        label: 'Ahmed Al-Rashid (Updated)',
        notes: 'Upgraded to Premium',
        email: 'ahmed@example.com',
      }),
    );
    const deleted = await api(key, 'DELETE', `/contacts/${id}`);
    expect(deleted.body).toEqual({ success: true, message: 'Contact deleted' });
    expect((await api(key, 'GET', `/contacts/${id}`)).body).toEqual({
      success: false,
      message: 'Contact not found.',
    });
    expect((await api(key, 'DELETE', `/contacts/${id}`)).status).toBe(404);
  });

  it('accepts phone_number/name as well, and keeps phones unique', async () => {
    const { key } = await account();
    const created = await api(key, 'POST', '/contacts', { phone_number: '+966505555555', name: 'Sara' });
    expect(created.status).toBe(201);
    expect(created.get('data')).toEqual(expect.objectContaining({ phone: '+966505555555', label: 'Sara' }));
    const dup = await api(key, 'POST', '/contacts', { phone: '966505555555' });
    expect(dup.status).toBe(422);
    expect(dup.get('errors')).toEqual({ phone: ['The phone has already been taken.'] });
    const other = await api(key, 'POST', '/contacts', { phone: '+966506666666' });
    const clash = await api(key, 'PUT', `/contacts/${other.num('data.id')}`, {
      phone_number: '+966505555555',
    });
    expect(clash.get('errors')).toEqual({ phone_number: ['The phone number has already been taken.'] });
  });

  it("validates contact fields and hides other accounts' contacts", async () => {
    const { key } = await account();
    const bad = await api(key, 'POST', '/contacts', { phone: 'call me', label: ['x'], email: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.get('errors')).toEqual({
      phone: ['The phone format is invalid.'],
      label: ['The label must be a string.'],
      email: ['The email must be a valid email address.'],
    });
    const missing = await api(key, 'POST', '/contacts', {});
    expect(missing.get('errors')).toEqual({
      phone: ['The phone field is required when phone number is not present.'],
      phone_number: ['The phone number field is required when phone is not present.'],
    });
    const mine = await api(key, 'POST', '/contacts', { phone: '+966507777777' });
    const other = await account();
    const id = mine.num('data.id');
    expect((await api(other.key, 'GET', `/contacts/${id}`)).status).toBe(404);
    expect((await api(other.key, 'PUT', `/contacts/${id}`, { label: 'x' })).status).toBe(404);
    expect((await api(other.key, 'DELETE', `/contacts/${id}`)).status).toBe(404);
    expect((await api(key, 'PUT', `/contacts/${id}`, { email: 5 })).status).toBe(422);
  });
});

describe('templates', () => {
  it('creates a template (201, the documented data) and lists it', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/templates', {
      workspace_id: 22,
      name: 'Order Shipped',
      message_type: 'text',
      content: 'Hi {{name}}, your order #{{order_id}} has shipped! Track it at {{tracking_url}}.',
      is_active: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      data: {
        id: expect.any(Number),
        name: 'Order Shipped',
        message_type: 'text',
        is_active: true,
        workspace_id: 22,
        created_at: expect.any(String),
      },
    });
    const list = await api(key, 'GET', '/templates');
    expect(list.list('data').map((t) => t.id)).toEqual([7, res.num('data.id')]);
    expect(list.list('data')[0]).toEqual(
      expect.objectContaining({
        id: 7,
        name: 'Order Shipped',
        is_active: true,
        content: expect.stringContaining('{{order_id}}'),
      }),
    );
  });

  it('needs a workspace of the account (404) and valid fields (422)', async () => {
    const { key } = await account();
    const foreign = await api(key, 'POST', '/templates', {
      workspace_id: 23,
      name: 'x',
      message_type: 'text',
      content: 'y',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ success: false, message: 'Workspace not found.' });
    const bad = await api(key, 'POST', '/templates', {
      workspace_id: 'main',
      message_type: 'sticker',
      is_active: 'sometimes',
    });
    expect(bad.status).toBe(422);
    expect(bad.get('errors')).toEqual({
      workspace_id: ['The workspace id must be an integer.'],
      name: ['The name field is required.'],
      message_type: ['The selected message type is invalid.'],
      content: ['The content field is required.'],
      is_active: ['The is active field must be true or false.'],
    });
  });
});

describe('bad input never answers 5xx', () => {
  it("unknown paths and wrong methods are 404 in Wessaal's style, even without a key", async () => {
    for (const [method, path] of [
      ['GET', '/wessaal/integration/v1/nope'],
      ['GET', '/wessaal/integration/v2/ping'],
      ['DELETE', '/wessaal/integration/v1/messages/send'],
      ['PATCH', '/wessaal/integration/v1/contacts/1'],
      ['GET', '/wessaal/'],
    ]) {
      const res = await http(method, path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ success: false, message: 'Not found.' });
    }
  });

  it('malformed JSON is 400; an empty JSON body is an empty input (422)', async () => {
    const bad = await api(DEMO, 'POST', '/messages/send', '{"instance": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ success: false, message: 'Malformed JSON in request body.' });
    const empty = await api(DEMO, 'POST', '/contacts', '', { 'content-type': 'application/json' });
    expect(empty.status).toBe(422);
  });

  it("a body over the limit is 413 in Wessaal's style", async () => {
    const res = await api(
      DEMO,
      'POST',
      '/messages/send',
      JSON.stringify({ content: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ success: false, message: 'The request payload is too large.' });
  });

  it('odd bodies on every write endpoint get a 4xx with success:false', async () => {
    const { key } = await account();
    const contact = await api(key, 'POST', '/contacts', { phone: '+966508888888' });
    const writes: Array<[string, string]> = [
      ['POST', '/messages/send'],
      ['POST', '/messages/send-bulk'],
      ['POST', '/messages/send-status'],
      ['POST', '/messages/send-location'],
      ['POST', '/messages/send-contact'],
      ['POST', '/messages/send-poll'],
      ['POST', '/messages/send-buttons'],
      ['POST', '/contacts'],
      ['PUT', `/contacts/${contact.num('data.id')}`],
      ['POST', '/templates'],
    ];
    const bodies: unknown[] = [
      '[]',
      'null',
      '"text"',
      '42',
      {
        instance: { $gt: '' },
        recipient: 1e30,
        contacts: 'x',
        values: 'ab',
        buttons: [null],
        messages: [[]],
      },
      { instance: [], recipient: {}, content: [], latitude: {}, name: null, phone: [], workspace_id: -1 },
      '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
      { contacts: Array.from({ length: 500 }, () => ({})), values: Array.from({ length: 500 }, () => 1) },
    ];
    for (const [method, path] of writes) {
      for (const body of bodies) {
        const res = await api(key, method, path, body);
        const outcome = { method, path, body, status: res.status, success: res.get('success') };
        // An update without any contact field changes nothing and succeeds; everything else is refused.
        const expected = method === 'PUT' ? [200, 422] : [400, 422];
        expect({ ...outcome, allowed: expected.includes(res.status) }).toEqual({ ...outcome, allowed: true });
        expect(res.status === 200 || res.get('success') === false).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('control API integration', () => {
  it('inbound stores the message and creates the contact; nothing in the API lists it', async () => {
    const { id, key } = await account();
    const res = await admin('POST', '/inbound', {
      provider: 'wessaal',
      account: id,
      from: '+966501230000',
      text: 'Hi!',
    });
    expect(res.status).toBe(201);
    expect(res.get('inbound')).toEqual({
      id: expect.any(Number),
      from: '+966501230000',
      text: 'Hi!',
      contact_id: expect.any(Number),
      received_at: expect.any(String),
    });
    const contacts = await api(key, 'GET', '/contacts');
    expect(contacts.list('data')).toEqual([
      expect.objectContaining({ id: res.get('inbound.contact_id'), phone: '+966501230000' }),
    ]);
    const again = await admin('POST', '/inbound', {
      provider: 'wessaal',
      account: id,
      from: '966501230000',
      text: 'Again',
    });
    expect(again.get('inbound.contact_id')).toBe(res.get('inbound.contact_id'));
    expect((await api(key, 'GET', '/messages')).get('data.total')).toBe(0);
  });

  it("injected faults without a body answer in Wessaal's envelope", async () => {
    const fault = await admin('POST', '/faults', {
      provider: 'wessaal',
      kind: 'error',
      status: 503,
      path: '/integration/v1/ping',
      times: 1,
    });
    expect(fault.status).toBe(201);
    const res = await api(DEMO, 'GET', '/ping');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ success: false, message: 'Service Unavailable' });
    await admin('POST', '/faults', { provider: 'wessaal', kind: 'error', status: 429, times: 1 });
    const limited = await api(DEMO, 'GET', '/ping');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.get('error_code')).toBe('RATE_LIMITED');
    expect((await api(DEMO, 'GET', '/ping')).status).toBe(200);
  });

  it('the journal names the account once the key is known', async () => {
    const { id, key } = await account();
    await api(key, 'GET', '/ping');
    const journal = await admin('GET', `/requests?provider=wessaal&account=${id}`);
    expect(journal.body).toEqual([
      expect.objectContaining({
        provider: 'wessaal',
        method: 'GET',
        path: '/wessaal/integration/v1/ping',
        status: 200,
        accountId: id,
      }),
    ]);
  });

  it('documents every endpoint in the OpenAPI document with the X-API-Key header', async () => {
    const docs = await http('GET', '/docs-json');
    const paths = docs.get('paths') as Record<
      string,
      Record<string, { parameters: Array<{ name: string }>; tags: string[] }>
    >;
    const mine = Object.keys(paths).filter((p) => p.startsWith('/wessaal/'));
    expect(mine).toEqual(
      expect.arrayContaining([
        '/wessaal/integration/v1/ping',
        '/wessaal/integration/v1/me',
        '/wessaal/integration/v1/messages/send',
        '/wessaal/integration/v1/messages/send-bulk',
        '/wessaal/integration/v1/messages/send-status',
        '/wessaal/integration/v1/messages/send-location',
        '/wessaal/integration/v1/messages/send-contact',
        '/wessaal/integration/v1/messages/send-poll',
        '/wessaal/integration/v1/messages/send-buttons',
        '/wessaal/integration/v1/messages/send-reaction',
        '/wessaal/integration/v1/messages/send-list',
        '/wessaal/integration/v1/messages/{id}/status',
        '/wessaal/integration/v1/messages/{id}',
        '/wessaal/integration/v1/messages',
        '/wessaal/integration/v1/instances',
        '/wessaal/integration/v1/instances/{id}',
        '/wessaal/integration/v1/instances/{id}/status',
        '/wessaal/integration/v1/contacts',
        '/wessaal/integration/v1/contacts/{id}',
        '/wessaal/integration/v1/templates',
        '/wessaal/integration/v1/workspaces',
        '/wessaal/integration/v1/workspaces/{id}',
      ]),
    );
    for (const path of mine) {
      for (const operation of Object.values(paths[path]!)) {
        expect(operation.tags).toEqual(['wessaal']);
        expect(operation.parameters.map((p) => p.name)).toContain('X-API-Key');
      }
    }
  });

  it('a full reset restores the demo seed', async () => {
    await api(DEMO, 'POST', '/messages/send', text());
    expect((await api(DEMO, 'GET', '/me')).get('data.pockets.whatsapp.balance')).toBe(249);
    await admin('POST', '/reset');
    expect((await api(DEMO, 'GET', '/me')).get('data.pockets.whatsapp.balance')).toBe(250);
    expect((await api(DEMO, 'GET', '/messages')).get('data.total')).toBe(0);
    expect((await api(DEMO, 'POST', '/messages/send', text())).status).toBe(202);
  });
});
