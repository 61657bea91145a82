import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';

/** Wessaal: send-bulk and the other send-* endpoints (status, location, contact, poll, buttons) and the disabled ones. */

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

async function credits(key: string): Promise<number> {
  return (await api(key, 'GET', '/me')).num('data.pockets.whatsapp.balance');
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

describe('POST messages/send-bulk', () => {
  it('queues every message: 200, counts and per-message results', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-bulk', {
      instance: 'my-instance',
      messages: [
        { recipient: '+966501234567', message_type: 'text', content: 'Hello Customer 1!' },
        { recipient: '+966509876543', message_type: 'text', content: 'Hello Customer 2!' },
        {
          recipient: '+971501234567',
          message_type: 'image',
          content: 'Your receipt',
          media_url: 'https://example.com/receipt.png',
          filename: 'receipt.png',
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'Bulk: 3 queued, 0 failed',
      data: {
        total: 3,
        success_count: 3,
        failure_count: 0,
        results: [0, 1, 2].map((index) => ({
          index,
          recipient: ['+966501234567', '+966509876543', '+971501234567'][index],
          success: true,
          message_id: expect.any(Number),
          status: 'pending',
        })),
      },
    });
    expect(await credits(key)).toBe(247);
  });

  it('reports per-message failures and queues the rest (partial success)', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-bulk', {
      instance: 124,
      messages: [
        { recipient: '+966500000002', content: 'blocked' },
        { recipient: '+966501234567', content: 'ok' },
        { recipient: '+966501234567', message_type: 'video', content: 'no media' },
        { contact_id: 987_654, content: 'unknown contact' },
        'not an object',
      ],
    });
    expect(res.status).toBe(200);
    expect(res.get('data.success_count')).toBe(1);
    expect(res.get('data.failure_count')).toBe(4);
    expect(res.list('data.results')).toEqual([
      expect.objectContaining({
        index: 0,
        success: false,
        error_code: 'VALIDATION_FAILED',
        errors: { recipient: ['The recipient is blocked.'] },
      }),
      expect.objectContaining({ index: 1, success: true, status: 'pending' }),
      expect.objectContaining({
        index: 2,
        success: false,
        error_code: 'VALIDATION_FAILED',
        errors: {
          media_url: ['The media url field is required when message type is video.'],
          filename: ['The filename field is required when message type is video.'],
        },
      }),
      expect.objectContaining({
        index: 3,
        success: false,
        error: 'Contact not found.',
        error_code: 'NOT_FOUND',
      }),
      expect.objectContaining({ index: 4, recipient: null, success: false, error_code: 'VALIDATION_FAILED' }),
    ]);
    expect(await credits(key)).toBe(249);
  });

  it('stops charging when the credits run out mid-batch', async () => {
    const { key } = await account({ credits: 2 });
    const messages = ['+966501000001', '+966501000002', '+966501000003'].map((recipient) => ({
      recipient,
      content: 'x',
    }));
    const res = await api(key, 'POST', '/messages/send-bulk', { instance: 'my-instance', messages });
    expect(res.status).toBe(200);
    expect(res.get('message')).toBe('Bulk: 2 queued, 1 failed');
    expect(res.list('data.results')[2]).toEqual({
      index: 2,
      recipient: '+966501000003',
      success: false,
      error: 'Insufficient credits: not enough balance',
      error_code: 'INSUFFICIENT_CREDITS',
    });
    expect(await credits(key)).toBe(0);
    const empty = await api(key, 'POST', '/messages/send-bulk', { instance: 'my-instance', messages });
    expect(empty.status).toBe(402);
    expect(empty.get('error_code')).toBe('INSUFFICIENT_CREDITS');
  });

  it('applies the shared template to messages without content; per-message variables win', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-bulk', {
      instance: 'my-instance',
      template_id: 7,
      template_variables: { name: 'Customer', order_id: 'ORD-1', tracking_url: 'https://t.example' },
      messages: [
        { recipient: '+966501234567', template_variables: { name: 'Ahmed' } },
        { recipient: '+966509876543', content: 'Own text' },
      ],
    });
    expect(res.get('data.success_count')).toBe(2);
    const [first, second] = res.list('data.results').map((r) => Number(r.message_id));
    expect((await api(key, 'GET', `/messages/${first}`)).get('data.content')).toBe(
      'Hi Ahmed, your order #ORD-1 has shipped! Track it at https://t.example.',
    );
    const own = await api(key, 'GET', `/messages/${second}`);
    expect(own.get('data.content')).toBe('Own text');
    expect(own.get('data.template_id')).toBeNull();
  });

  it('validates the batch: 1–100 messages, instance required, shared template owned and active', async () => {
    const { key } = await account();
    const none = await api(key, 'POST', '/messages/send-bulk', { messages: [] });
    expect(none.status).toBe(422);
    expect(none.get('errors')).toEqual({
      instance: ['The instance field is required.'],
      messages: ['The messages field is required.'],
    });
    const many = Array.from({ length: 101 }, () => ({ recipient: '+966501234567', content: 'x' }));
    const tooMany = await api(key, 'POST', '/messages/send-bulk', { instance: 124, messages: many });
    expect(tooMany.get('errors')).toEqual({ messages: ['The messages may not have more than 100 items.'] });
    const notList = await api(key, 'POST', '/messages/send-bulk', { instance: 124, messages: { a: 1 } });
    expect(notList.get('errors')).toEqual({ messages: ['The messages must be an array.'] });
    const template = await api(key, 'POST', '/messages/send-bulk', {
      instance: 124,
      template_id: 999_999,
      messages: many.slice(0, 1),
    });
    expect(template.status).toBe(404);
    expect(template.get('message')).toBe('Template not found.');
    const closed = await api(key, 'POST', '/messages/send-bulk', {
      instance: 'backup-instance',
      messages: many.slice(0, 1),
    });
    expect(closed.status).toBe(422);
    expect(await credits(key)).toBe(250);
  });
});

describe('the other send endpoints (queued like a send: 202, one credit)', () => {
  const cases: Array<[string, Record<string, unknown>, string, Record<string, unknown>]> = [
    [
      'send-status',
      {
        instance: 'my-instance',
        type: 'text',
        content: 'New products just dropped!',
        background_color: '#25D366',
        font: 2,
        all_contacts: true,
      },
      'status',
      { story_type: 'text', background_color: '#25D366', font: 2, all_contacts: true },
    ],
    [
      'send-location',
      {
        instance: 'my-instance',
        recipient: '+966501234567',
        latitude: 24.7136,
        longitude: 46.6753,
        name: 'Our Head Office',
        address: 'King Fahd Road, Riyadh',
      },
      'location',
      { latitude: 24.7136, longitude: 46.6753, name: 'Our Head Office', address: 'King Fahd Road, Riyadh' },
    ],
    [
      'send-contact',
      {
        instance: 'my-instance',
        recipient: '+966501234567',
        contacts: [
          {
            fullName: 'Support Team',
            wuid: '966200001234',
            phoneNumber: '+966200001234',
            organization: 'Acme Corp',
            email: 'support@acme.com',
          },
        ],
      },
      'contact',
      { contacts: [expect.objectContaining({ fullName: 'Support Team', wuid: '966200001234' })] },
    ],
    [
      'send-poll',
      {
        instance: 'my-instance',
        recipient: '+966501234567',
        name: 'What is your preferred contact time?',
        values: ['Morning', 'Afternoon', 'Evening'],
        selectable_count: 1,
      },
      'poll',
      { values: ['Morning', 'Afternoon', 'Evening'], selectable_count: 1 },
    ],
    [
      'send-buttons',
      {
        instance: 'my-instance',
        recipient: '+966501234567',
        title: 'Your Order is Ready',
        description: 'Order #5678 is packed and ready for pickup.',
        footer: 'Thank you for shopping with us',
        buttons: [
          { type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' },
          { type: 'url', displayText: 'View on Map', url: 'https://maps.google.com/?q=24.7,46.7' },
          { type: 'call', displayText: 'Call Us', phoneNumber: '+966200001234' },
        ],
      },
      'buttons',
      { title: 'Your Order is Ready', footer: 'Thank you for shopping with us', buttons: expect.any(Array) },
    ],
  ];

  it.each(cases)(
    '%s: the documented example is queued and kept with its fields',
    async (path, body, type, metadata) => {
      const { key } = await account();
      const res = await api(key, 'POST', `/messages/${path}`, body);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        success: true,
        message: 'Message queued for sending',
        data: expect.objectContaining({
          status: 'pending',
          type,
          credits_charged: 1,
          template_used: false,
          instance: { id: 124, name: 'my-instance' },
        }),
      });
      expect(await credits(key)).toBe(249);
      const detail = await api(key, 'GET', `/messages/${res.num('data.message_id')}`);
      expect(detail.get('data.metadata')).toEqual(expect.objectContaining(metadata));
      await advance(0);
      await advance(DELAYS.sentMs);
      expect(
        (await api(key, 'GET', `/messages/${res.num('data.message_id')}/status`)).get('data.status'),
      ).toBe('sent');
    },
  );

  it('send-status goes to status@broadcast and needs no recipient', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-status', {
      instance: 124,
      type: 'image',
      content: 'https://example.com/a.png',
    });
    expect(res.get('data.recipient')).toBe('status@broadcast');
    const notUrl = await api(key, 'POST', '/messages/send-status', {
      instance: 124,
      type: 'video',
      content: 'clip',
    });
    expect(notUrl.get('errors')).toEqual({ content: ['The content format is invalid.'] });
    const bad = await api(key, 'POST', '/messages/send-status', {
      instance: 124,
      type: 'document',
      font: 9,
      background_color: 'green',
    });
    expect(bad.status).toBe(422);
    expect(bad.get('errors')).toEqual({
      type: ['The selected type is invalid.'],
      content: ['The content field is required.'],
      background_color: ['The background color format is invalid.'],
      font: ['The font must be between 1 and 7.'],
    });
  });

  it('send-location checks the coordinate ranges', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-location', {
      instance: 124,
      recipient: '+966501234567',
      latitude: 91,
      longitude: '-181',
    });
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({
      latitude: ['The latitude must be between -90 and 90.'],
      longitude: ['The longitude must be between -180 and 180.'],
    });
    const missing = await api(key, 'POST', '/messages/send-location', {
      instance: 124,
      recipient: '+966501234567',
      latitude: [1],
    });
    expect(missing.get('errors')).toEqual({
      latitude: ['The latitude must be a number.'],
      longitude: ['The longitude field is required.'],
    });
  });

  it('send-contact checks each vCard', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-contact', {
      instance: 124,
      recipient: '+966501234567',
      contacts: [{ fullName: 'A', wuid: '+966', email: 'not-an-email' }],
    });
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({
      'contacts.0.wuid': ['The contacts.0.wuid format is invalid.'],
      'contacts.0.phoneNumber': ['The contacts.0.phoneNumber field is required.'],
      'contacts.0.email': ['The contacts.0.email must be a valid email address.'],
    });
    const empty = await api(key, 'POST', '/messages/send-contact', {
      instance: 124,
      recipient: '+966501234567',
      contacts: [],
    });
    expect(empty.get('errors')).toEqual({ contacts: ['The contacts field is required.'] });
  });

  it('send-poll: 2–13 values, a question of at most 255 characters', async () => {
    const { key } = await account();
    const base = { instance: 124, recipient: '+966501234567' };
    const few = await api(key, 'POST', '/messages/send-poll', { ...base, name: 'Q', values: ['only'] });
    expect(few.get('errors')).toEqual({ values: ['The values must have at least 2 items.'] });
    const many = Array.from({ length: 14 }, (_, i) => `v${i}`);
    const lots = await api(key, 'POST', '/messages/send-poll', {
      ...base,
      name: 'x'.repeat(256),
      values: many,
    });
    expect(lots.get('errors')).toEqual({
      name: ['The name may not be greater than 255 characters.'],
      values: ['The values may not have more than 13 items.'],
    });
    const types = await api(key, 'POST', '/messages/send-poll', { ...base, name: 'Q', values: ['a', 5] });
    expect(types.get('errors')).toEqual({ 'values.1': ['The values.1 must be a string.'] });
  });

  it('send-buttons: footer at most 60 characters, each button complete for its type', async () => {
    const { key } = await account();
    const res = await api(key, 'POST', '/messages/send-buttons', {
      instance: 124,
      recipient: '+966501234567',
      title: 'T',
      description: 'D',
      footer: 'f'.repeat(61),
      buttons: [
        { type: 'url', displayText: 'Open' },
        { type: 'fax', displayText: 'x' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.get('errors')).toEqual({
      footer: ['The footer may not be greater than 60 characters.'],
      'buttons.0.url': ['The buttons.0.url field is required when buttons.0.type is url.'],
      'buttons.1.type': ['The selected buttons.1.type is invalid.'],
    });
  });

  it('blocked recipients and empty pockets are refused as for a send', async () => {
    const { key } = await account({ credits: 1 });
    const poll = { instance: 124, name: 'Q', values: ['a', 'b'] };
    expect(
      (await api(key, 'POST', '/messages/send-poll', { ...poll, recipient: '+966500000002' })).status,
    ).toBe(422);
    expect(
      (await api(key, 'POST', '/messages/send-poll', { ...poll, recipient: '+966501234567' })).status,
    ).toBe(202);
    const broke = await api(key, 'POST', '/messages/send-poll', { ...poll, recipient: '+966501234567' });
    expect(broke.status).toBe(402);
  });
});

describe('disabled endpoints', () => {
  it.each(['send-reaction', 'send-list'])(
    '%s answers 410 whatever the body, after the key check',
    async (path) => {
      const { key } = await account();
      for (const body of [{}, { instance: 124, recipient: '+966501234567' }, '{not json', undefined]) {
        const res = await api(key, 'POST', `/messages/${path}`, body);
        expect(res.status).toBe(410);
        expect(res.body).toEqual({
          success: false,
          message: expect.stringContaining('permanently disabled'),
          error_code: 'ENDPOINT_DISABLED',
        });
      }
      expect((await api('sk_live_nope', 'POST', `/messages/${path}`, {})).status).toBe(401);
      expect(await credits(key)).toBe(250);
    },
  );
});
