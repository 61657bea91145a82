import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** Wessaal: sending (single, bulk, every send-* type), credits, the lifecycle through the clock, magic numbers. */

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

async function credits(key: string): Promise<number> {
  return (await api(key, 'GET', '/me')).num('data.pockets.whatsapp.balance');
}

async function statusOf(key: string, id: number): Promise<Res> {
  const res = await api(key, 'GET', `/messages/${id}/status`);
  expect(res.status).toBe(200);
  return res;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

describe('POST messages/send', () => {
  it('queues a text message: 202, the documented data, one credit charged', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', text());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      success: true,
      message: 'Message queued for sending',
      data: {
        message_id: expect.any(Number),
        status: 'pending',
        type: 'text',
        recipient: '+966501234567',
        queued_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        instance: { id: 124, name: 'my-instance' },
        template_used: false,
        credits_charged: 1,
      },
    });
    expect(await credits(key)).toBe(249);
  });

  it('finds the instance by id, numeric string or name', async () => {
    const { key } = await account();
    for (const instance of [124, '124', 'my-instance']) {
      const res = await api(key, 'POST', '/messages/send', text(undefined, { instance }));
      expect(res.status).toBe(202);
      expect(res.get('data.instance')).toEqual({ id: 124, name: 'my-instance' });
    }
  });

  it('fills the content from a template with {{variables}}', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', {
      instance: 'my-instance',
      recipient: '+966501234567',
      template_id: 7,
      template_variables: { name: 'Ahmed', order_id: 'ORD-9988', tracking_url: 'https://t.example/1' },
    });
    expect(res.status).toBe(202);
    expect(res.get('data.template_used')).toBe(true);
    const detail = await api(key, 'GET', `/messages/${res.num('data.message_id')}`);
    expect(detail.get('data.content')).toBe(
      'Hi Ahmed, your order #ORD-9988 has shipped! Track it at https://t.example/1.',
    );
    expect(detail.get('data.template_id')).toBe(7);
  });

  it('sends to a contact by contact_id', async () => {
    const { key } = await account();
    const contact = await api(key, 'POST', '/contacts', { phone: '+966509876543', label: 'Sara' });
    const res = await api(key, 'POST', '/messages/send', {
      instance: 'my-instance',
      contact_id: contact.num('data.id'),
      content: 'Hi Sara',
    });
    expect(res.status).toBe(202);
    expect(res.get('data.recipient')).toBe('+966509876543');
  });

  it('answers 422 with Laravel messages for missing and conditional fields', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', { message_type: 'image' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      success: false,
      message: 'Validation failed',
      errors: {
        instance: ['The instance field is required.'],
        recipient: ['The recipient field is required when contact id is not present.'],
        contact_id: ['The contact id field is required when recipient is not present.'],
        content: ['The content field is required when template id is not present.'],
        media_url: ['The media url field is required when message type is image.'],
        filename: ['The filename field is required when message type is image.'],
      },
    });
  });

  it('accepts a media message with media_url and filename', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', {
      ...text(),
      message_type: 'document',
      media_url: 'https://example.com/invoice.pdf',
      filename: 'invoice.pdf',
    });
    expect(res.status).toBe(202);
    expect(res.get('data.type')).toBe('document');
    const detail = await api(key, 'GET', `/messages/${res.num('data.message_id')}`);
    expect(detail.get('data.metadata')).toEqual({
      media_url: 'https://example.com/invoice.pdf',
      filename: 'invoice.pdf',
    });
  });

  it('rejects wrong types with 422, never 5xx', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', {
      instance: { id: 124 },
      recipient: ['+966501234567'],
      content: 42,
      message_type: 'sticker',
      delay: 'soon',
      link_preview: 'maybe',
    });
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({
      instance: ['The instance must be an integer or a string.'],
      recipient: ['The recipient format is invalid.'],
      content: ['The content must be a string.'],
      message_type: ['The selected message type is invalid.'],
      delay: ['The delay must be an integer.'],
      link_preview: ['The link preview field must be true or false.'],
    });
  });

  it('answers 404 for an instance, contact or template the key does not own', async () => {
    const { key } = await account();
    const other = await account();
    const template = await api(other.key, 'POST', '/templates', {
      workspace_id: 22,
      name: 'Theirs',
      message_type: 'text',
      content: 'x',
    });
    expect((await api(key, 'POST', '/messages/send', text(undefined, { instance: 'nope' }))).body).toEqual({
      success: false,
      message: 'Instance not found.',
    });
    const noContact = await api(key, 'POST', '/messages/send', {
      instance: 124,
      contact_id: 999_999,
      content: 'x',
    });
    expect(noContact.status).toBe(404);
    expect(noContact.get('message')).toBe('Contact not found.');
    const foreign = await api(
      key,
      'POST',
      '/messages/send',
      text(undefined, { template_id: template.num('data.id') }),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.get('message')).toBe('Template not found.');
    expect(await credits(key)).toBe(250);
  });

  it('refuses a disconnected instance (close, connecting) with 422', async () => {
    const { key } = await account();
    for (const [instance, status] of [
      ['backup-instance', 'close'],
      [126, 'connecting'],
    ] as const) {
      const res = await api(key, 'POST', '/messages/send', text(undefined, { instance }));
      expect(res.status).toBe(422);
      expect(res.get('errors.instance')).toEqual([expect.stringContaining(`status: ${status}`)]);
    }
  });

  it('refuses an inactive template with 422', async () => {
    const { key } = await account();
    const created = await api(key, 'POST', '/templates', {
      workspace_id: 22,
      name: 'Old',
      message_type: 'text',
      content: 'Old promo',
      is_active: false,
    });
    const res = await api(
      key,
      'POST',
      '/messages/send',
      text(undefined, { template_id: created.num('data.id') }),
    );
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({ template_id: ['The selected template is inactive.'] });
  });

  it('refuses a blocked recipient (magic 966500000002) with 422 and charges nothing', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send', text('+966500000002'));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      success: false,
      message: 'Validation failed',
      errors: { recipient: ['The recipient is blocked.'] },
    });
    expect(await credits(key)).toBe(250);
  });

  it('answers 402 at a zero balance and queues nothing', async () => {
    const { key } = await account({ credits: 0 });
    const res = await api(key, 'POST', '/messages/send', text());
    expect(res.status).toBe(402);
    expect(res.body).toEqual({
      success: false,
      message: 'Insufficient credits: not enough balance',
      error_code: 'INSUFFICIENT_CREDITS',
    });
    expect((await api(key, 'GET', '/messages')).get('data.total')).toBe(0);
    expect((await api('sk_test_wessaal_empty', 'POST', '/messages/send', text())).status).toBe(402);
  });

  it('reads PHP-style form bodies and treats other content types as empty input', async () => {
    const { key } = await account();
    const form = await api(
      key,
      'POST',
      '/messages/send',
      'instance=my-instance&recipient=%2B966501234567&content=hi&template_variables[name]=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(form.status).toBe(202);
    const plain = await api(key, 'POST', '/messages/send', 'hello', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(422);
    expect(plain.get('errors.instance')).toEqual(['The instance field is required.']);
  });
});

describe('message lifecycle through the clock', () => {
  it('pending → processing → sent → delivered → read, with timestamps', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text())).num('data.message_id');
    expect((await statusOf(key, id)).get('data.status')).toMatch(/^(pending|processing)$/);
    await advance(0);
    expect((await statusOf(key, id)).get('data.status')).toBe('processing');
    await advance(DELAYS.sentMs);
    const sent = await statusOf(key, id);
    expect(sent.body).toEqual({
      success: true,
      data: {
        message_id: id,
        status: 'sent',
        type: 'text',
        recipient: '+966501234567',
        sent_at: expect.stringMatching(/Z$/),
        delivered_at: null,
        failed_at: null,
        error_message: null,
      },
    });
    await advance(DELAYS.deliveredMs);
    const delivered = await statusOf(key, id);
    expect(delivered.get('data.status')).toBe('delivered');
    const gap =
      Date.parse(String(delivered.get('data.delivered_at'))) - Date.parse(String(sent.get('data.sent_at')));
    expect(gap).toBe(DELAYS.deliveredMs);
    // Delivered is final: the doc's status words have no `read`, and the detail has no read_at.
    await advance(DELAYS.readMs);
    const detail = await api(key, 'GET', `/messages/${id}`);
    expect(detail.get('data.status')).toBe('delivered');
    expect(detail.body).toEqual({
      success: true,
      data: expect.not.objectContaining({ read_at: expect.anything() }),
    });
  });

  it('runs the whole chain in one large advance', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text())).num('data.message_id');
    await advance(DELAYS.sentMs + DELAYS.deliveredMs + DELAYS.readMs);
    expect((await statusOf(key, id)).get('data.status')).toBe('delivered');
  });

  it('applies patched delays to the steps that follow', async () => {
    const { id: accountId, key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text())).num('data.message_id');
    await advance(0);
    await admin('PATCH', `/accounts/${accountId}`, { delays: { deliveredMs: 1_000 } });
    await advance(DELAYS.sentMs);
    expect((await statusOf(key, id)).get('data.status')).toBe('sent');
    await advance(1_000);
    expect((await statusOf(key, id)).get('data.status')).toBe('delivered');
  });

  it('waits for the request delay before processing', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text(undefined, { delay: 30_000 }))).num(
      'data.message_id',
    );
    await advance(0);
    expect((await statusOf(key, id)).get('data.status')).toBe('pending');
    await advance(30_000);
    expect((await statusOf(key, id)).get('data.status')).toBe('processing');
  });

  it('FAILS (966500000001): failed, then refunded with the credit back', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text('+966500000001'))).num('data.message_id');
    expect(await credits(key)).toBe(249);
    await advance(0);
    await advance(DELAYS.sentMs);
    const failed = await statusOf(key, id);
    expect(failed.get('data.status')).toBe('refunded');
    expect(failed.get('data.failed_at')).toEqual(expect.stringMatching(/Z$/));
    expect(failed.get('data.sent_at')).toBeNull();
    expect(failed.get('data.error_message')).toEqual(expect.stringContaining('Failed to send'));
    expect(await credits(key)).toBe(250);
    const detail = await api(key, 'GET', `/messages/${id}`);
    expect(detail.get('data.refunded_at')).toBe(detail.get('data.failed_at'));
  });

  it('NEVER_DELIVERED (966500000003) stays sent', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text('+966500000003'))).num('data.message_id');
    await advance(0);
    await advance(DELAYS.sentMs + DELAYS.deliveredMs + DELAYS.readMs);
    expect((await statusOf(key, id)).get('data.status')).toBe('sent');
  });

  it('READS_INSTANTLY (966500000004) is delivered right after sending', async () => {
    const { key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text('+966500000004'))).num('data.message_id');
    await advance(0);
    await advance(DELAYS.sentMs);
    const detail = await api(key, 'GET', `/messages/${id}`);
    expect(detail.get('data.status')).toBe('delivered');
    expect(detail.get('data.delivered_at')).toBe(detail.get('data.sent_at'));
  });

  it('shows the phone side in /__admin/messages', async () => {
    const { id: accountId, key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text('+966501112233'))).num('data.message_id');
    const phones = await admin('GET', `/messages?provider=wessaal&account=${accountId}&to=966501112233`);
    expect(phones.body).toEqual([
      expect.objectContaining({
        provider: 'wessaal',
        id: String(id),
        to: '+966501112233',
        text: 'Hello from our API!',
      }),
    ]);
  });

  it('survives a reset of another account, and of its own', async () => {
    const mine = await account();
    const other = await account();
    const id = (await api(mine.key, 'POST', '/messages/send', text())).num('data.message_id');
    const lost = (await api(other.key, 'POST', '/messages/send', text('+966500000001'))).num(
      'data.message_id',
    );
    expect((await admin('POST', `/reset?account=${other.id}`)).status).toBe(200);
    await advance(0);
    await advance(DELAYS.sentMs);
    expect((await statusOf(mine.key, id)).get('data.status')).toBe('sent');
    expect((await api(other.key, 'GET', `/messages/${lost}`)).status).toBe(404);
    expect(await credits(other.key)).toBe(250);
    expect((await admin('POST', `/reset?account=${mine.id}`)).status).toBe(200);
    await advance(DELAYS.deliveredMs + DELAYS.readMs);
    expect((await api(mine.key, 'GET', `/messages/${id}`)).status).toBe(404);
    expect((await api(mine.key, 'GET', '/ping')).status).toBe(200);
  });
});

describe('reading messages', () => {
  it('GET messages/{id} gives the full detail; other accounts and non-numbers get 404', async () => {
    const { key } = await account();
    const other = await account();
    const id = (await api(key, 'POST', '/messages/send', text())).num('data.message_id');
    const detail = await api(key, 'GET', `/messages/${id}`);
    expect(detail.body).toEqual({
      success: true,
      data: expect.objectContaining({
        id,
        type: 'text',
        recipient: '+966501234567',
        content: 'Hello from our API!',
        status: expect.any(String),
        instance: { id: 124, name: 'my-instance' },
        contact_id: null,
        template_id: null,
        credits_charged: 1,
        metadata: {},
        queued_at: expect.any(String),
        sent_at: null,
        delivered_at: null,
        failed_at: null,
        refunded_at: null,
        error_message: null,
      }),
    });
    expect((await api(other.key, 'GET', `/messages/${id}`)).body).toEqual({
      success: false,
      message: 'Message not found.',
    });
    expect((await api(other.key, 'GET', `/messages/${id}/status`)).status).toBe(404);
    expect((await api(key, 'GET', '/messages/abc')).status).toBe(404);
  });

  it('GET messages is a Laravel paginator, newest first, with filters', async () => {
    const { key } = await account();
    for (let i = 0; i < 3; i++)
      await api(key, 'POST', '/messages/send', text(undefined, { content: `m${i}` }));
    await api(key, 'POST', '/messages/send', text('+966500000001'));
    await advance(0);
    await advance(DELAYS.sentMs);
    const page = await api(key, 'GET', '/messages?per_page=2&page=2');
    expect(page.status).toBe(200);
    expect(page.get('data')).toEqual(
      expect.objectContaining({
        current_page: 2,
        from: 3,
        to: 4,
        last_page: 2,
        per_page: 2,
        total: 4,
        next_page_url: null,
        prev_page_url: expect.stringMatching(/\/wessaal\/integration\/v1\/messages\?page=1$/),
        first_page_url: expect.stringMatching(/\?page=1$/),
        last_page_url: expect.stringMatching(/\?page=2$/),
        path: expect.stringMatching(/\/wessaal\/integration\/v1\/messages$/),
      }),
    );
    expect(page.list('data.data').map((m) => m.content)).toEqual(['m1', 'm0']);
    expect(page.list('data.links').map((l) => l.label)).toEqual([
      '&laquo; Previous',
      '1',
      '2',
      'Next &raquo;',
    ]);
    expect(Object.keys(page.list('data.data')[0]!).sort()).toEqual(
      ['content', 'created_at', 'id', 'recipient', 'status', 'type'].sort(),
    );
    const all = await api(key, 'GET', '/messages');
    expect(all.get('data.per_page')).toBe(50);
    expect((await api(key, 'GET', '/messages?status=refunded')).get('data.total')).toBe(1);
    expect((await api(key, 'GET', '/messages?status=sent&type=text')).get('data.total')).toBe(3);
    expect((await api(key, 'GET', '/messages?type=image')).get('data.total')).toBe(0);
    const empty = await api(key, 'GET', '/messages?page=9');
    expect(empty.get('data.data')).toEqual([]);
    expect(empty.get('data.from')).toBeNull();
  });

  it('validates the list query (per_page ≤ 100, known status)', async () => {
    const { key } = await account();
    const res = await api(key, 'GET', '/messages?per_page=101&status=lost&page=0');
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({
      page: ['The page must be at least 1.'],
      per_page: ['The per page may not be greater than 100.'],
      status: ['The selected status is invalid.'],
    });
  });

  it('needs read_messages for the list and detail, send_message for the status', async () => {
    const { id: accountId, key } = await account();
    const id = (await api(key, 'POST', '/messages/send', text())).num('data.message_id');
    await admin('PATCH', `/accounts/${accountId}`, { scopes: ['send_message'] });
    expect((await api(key, 'GET', `/messages/${id}/status`)).status).toBe(200);
    const denied = await api(key, 'GET', `/messages/${id}`);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      success: false,
      message: 'This API key does not have the required permission: read_messages',
      error_code: 'FORBIDDEN',
    });
    expect((await api(key, 'GET', '/messages')).status).toBe(403);
    await admin('PATCH', `/accounts/${accountId}`, { scopes: ['read_messages'] });
    expect((await api(key, 'GET', `/messages/${id}/status`)).status).toBe(403);
    expect((await api(key, 'GET', `/messages/${id}`)).status).toBe(200);
  });
});
