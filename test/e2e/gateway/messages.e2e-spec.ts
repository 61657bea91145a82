import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/** Sending every message type on every provider that has it, through both APIs; refusals; bad input. */

interface Message {
  id: string;
  connection: string;
  provider: string;
  type: string;
  to: string;
  status: string;
  providerMessageId: string | null;
  providerStatus: string | null;
  attempts: number;
  statusHistory: Array<{ status: string; providerStatus: string | null; source: string; at: string }>;
  error: {
    code: string;
    message: string;
    httpStatus: number | null;
    providerCode: string | null;
    rawBody: unknown;
    transient: boolean;
    fields: Record<string, string[]> | null;
  } | null;
}

const MESSAGE = `id connection provider type to status providerMessageId providerStatus attempts
  statusHistory { status providerStatus source at }
  error { code message httpStatus providerCode rawBody transient fields }`;

const TINY = {
  png: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  mp4: Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'),
  pdf: Buffer.from('%PDF-1.4\n%%EOF\n'),
  ogg: Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0', 'binary'),
};
const UPLOADS = {
  IMAGE: { base64: TINY.png.toString('base64'), filename: 'photo.png', contentType: 'image/png' },
  VIDEO: { base64: TINY.mp4.toString('base64'), filename: 'clip.mp4', contentType: 'video/mp4' },
  DOCUMENT: { base64: TINY.pdf.toString('base64'), filename: 'invoice.pdf', contentType: 'application/pdf' },
  AUDIO: { base64: TINY.ogg.toString('base64'), filename: 'voice.ogg', contentType: 'audio/ogg' },
};
const URLS = {
  IMAGE: { url: 'https://example.com/photo.jpg' },
  // WaMessenger refuses mp4 ("soon"); 3gp is on its list, and Wessaal takes any URL.
  VIDEO: { url: 'https://example.com/clip.3gp' },
  DOCUMENT: { url: 'https://example.com/invoice.pdf', filename: 'invoice.pdf' },
  AUDIO: { url: 'https://example.com/voice.ogg' },
};
const MEDIA_TYPES = ['IMAGE', 'VIDEO', 'DOCUMENT', 'AUDIO'] as const;

describe('gateway messages: sending', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  /** A fresh valid Saudi mobile number per call (never a magic one). */
  const fresh = (): string => `+9665${String(10_000_000 + ++numberSeq * 7919).slice(-8)}`;

  beforeAll(async () => {
    stack = await startGatewayStack();
  }, 120_000);
  afterAll(() => stack.close());

  const sendRest = async (body: Record<string, unknown>) => stack.rest('POST', '/v1/messages', body);
  const sendGql = async (input: Record<string, unknown>, apiKey?: string) =>
    stack.gql<{ sendMessage: Message }>(
      `mutation($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE} } }`,
      { input },
      apiKey,
    );
  /** The same send through REST (odd calls) and GraphQL (even calls), so both paths carry every type. */
  let via = 0;
  const send = async (input: Record<string, unknown>): Promise<Message> => {
    via += 1;
    if (via % 2 === 1) {
      const res = await sendRest(input);
      expect(res.status).toBe(201);
      return res.json as Message;
    }
    const res = await sendGql(input);
    expect(res.errors).toBeUndefined();
    return res.data!.sendMessage;
  };
  /** Washeej/Wutt Cloud senders need the customer to have written in the last 24 h. */
  const openWindow = async (provider: 'washeej' | 'wutt', to: string) => {
    await stack.simAdmin.inbound({ provider, account: `${provider}-demo`, from: to, text: 'hello' });
  };
  const received = async (provider: string, to: string) =>
    stack.simAdmin.messages(`?provider=${provider}&to=${encodeURIComponent(to)}`);
  const accepted = (message: Message, provider: string) => {
    expect(message).toMatchObject({ provider, error: null });
    expect(message.status).not.toBe('FAILED');
    expect(message.attempts).toBe(1);
    expect(message.statusHistory[0]).toMatchObject({ status: 'QUEUED', source: 'gateway' });
  };

  it.each([
    ['washeej-demo', 'washeej'],
    ['wutt-demo', 'wutt'],
    ['wessaal-demo', 'wessaal'],
    ['wamessenger-demo', 'wamessenger'],
  ])('sends text on %s through REST and GraphQL; the phone receives it', async (connection, provider) => {
    for (const api of ['rest', 'gql'] as const) {
      const to = fresh();
      if (provider === 'washeej' || provider === 'wutt') await openWindow(provider, to);
      const input = { connection, to, text: `hello via ${api}` };
      const message =
        api === 'rest' ? ((await sendRest(input)).json as Message) : (await sendGql(input)).data!.sendMessage;
      accepted(message, provider);
      expect(message).toMatchObject({ connection, type: 'TEXT', to });
      expect(message.providerMessageId).toBeTruthy();
      expect(message.providerStatus).not.toBeNull();
      const phone = await received(provider, to);
      expect(phone.map((m) => m.text)).toContain(`hello via ${api}`);
    }
  });

  it.each(MEDIA_TYPES)(
    'sends %s on Washeej and Wutt as an upload (base64), and by url elsewhere',
    async (type) => {
      for (const provider of ['washeej', 'wutt'] as const) {
        const to = fresh();
        await openWindow(provider, to);
        const message = await send({
          connection: `${provider}-demo`,
          to,
          type,
          media: UPLOADS[type],
          caption: 'see',
        });
        accepted(message, provider);
        expect(message.type).toBe(type);
        expect(await received(provider, to)).toHaveLength(1);
      }
      for (const provider of ['wessaal', 'wamessenger']) {
        const to = fresh();
        const message = await send({
          connection: `${provider}-demo`,
          to,
          type,
          media: URLS[type],
          caption: 'see',
        });
        accepted(message, provider);
        expect(message.providerMessageId).toBeTruthy();
        expect(await received(provider, to)).toHaveLength(1);
      }
    },
  );

  it('keeps a sha256 and the size of an upload in the stored request, never the bytes', async () => {
    const to = fresh();
    await openWindow('washeej', to);
    const message = await send({ connection: 'washeej-demo', to, type: 'DOCUMENT', media: UPLOADS.DOCUMENT });
    const [row] = await stack.db.query('SELECT request FROM messages WHERE id = $1', [message.id]);
    expect(JSON.stringify(row.request)).not.toContain(UPLOADS.DOCUMENT.base64);
    expect(row.request.media.upload).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: TINY.pdf.byteLength,
      filename: 'invoice.pdf',
      contentType: 'application/pdf',
    });
  });

  it('sends a location on Washeej, Wutt and Wessaal', async () => {
    for (const provider of ['washeej', 'wutt', 'wessaal']) {
      const to = fresh();
      if (provider !== 'wessaal') await openWindow(provider as 'washeej', to);
      const location = { latitude: 24.7136, longitude: 46.6753, name: 'Office', address: 'King Fahd Road' };
      const message = await send({ connection: `${provider}-demo`, to, type: 'LOCATION', location });
      accepted(message, provider);
      expect(message.type).toBe('LOCATION');
    }
  });

  it('sends templates: Washeej/Wutt id 1 with body variables, Watsal order_confirmed, Wessaal 7', async () => {
    for (const provider of ['washeej', 'wutt']) {
      const to = fresh(); // a template opens the conversation: no window needed
      const template = { id: '1', bodyVariables: ['Ahmed', '#123'] };
      const message = await send({ connection: `${provider}-demo`, to, type: 'TEMPLATE', template });
      accepted(message, provider);
      const phone = await received(provider, to);
      expect(phone[0]?.text).toContain('Hello Ahmed, your order #123 has been confirmed.');
    }
    const watsalTo = fresh();
    const watsal = await send({
      connection: 'watsal-demo',
      to: watsalTo,
      type: 'TEMPLATE',
      template: { name: 'order_confirmed', variables: { name: 'Sara', order_id: 'A-1' } },
    });
    accepted(watsal, 'watsal');
    expect(watsal.providerMessageId).toBeTruthy();
    expect((await received('watsal', watsalTo))[0]?.text).toContain('Hi Sara, your order A-1 is confirmed.');
    const wessaalTo = fresh();
    const wessaal = await send({
      connection: 'wessaal-demo',
      to: wessaalTo,
      type: 'TEMPLATE',
      template: {
        id: '7',
        variables: { name: 'Omar', order_id: '77', tracking_url: 'https://t.example/77' },
      },
    });
    accepted(wessaal, 'wessaal');
    expect((await received('wessaal', wessaalTo))[0]?.text).toContain('Hi Omar, your order #77 has shipped!');
  });

  it('sends a contact card and a poll on Wessaal', async () => {
    const card = await send({
      connection: 'wessaal-demo',
      to: fresh(),
      type: 'CONTACT_CARD',
      contacts: [{ fullName: 'Support Desk', phoneNumber: '+966200001234', organization: 'Acme' }],
    });
    accepted(card, 'wessaal');
    expect(card.type).toBe('CONTACT_CARD');
    const poll = await send({
      connection: 'wessaal-demo',
      to: fresh(),
      type: 'POLL',
      poll: { question: 'Which day suits you?', options: ['Sunday', 'Monday'], selectableCount: 1 },
    });
    accepted(poll, 'wessaal');
    expect(poll.type).toBe('POLL');
  });

  it('sends buttons: a dashboard CTA on Washeej and Wutt, inline buttons on Wessaal', async () => {
    for (const provider of ['washeej', 'wutt'] as const) {
      const to = fresh();
      await openWindow(provider, to);
      const message = await send({
        connection: `${provider}-demo`,
        to,
        type: 'BUTTONS',
        buttons: { body: 'Track your order', ctaUrlId: 1 },
      });
      accepted(message, provider);
    }
    const message = await send({
      connection: 'wessaal-demo',
      to: fresh(),
      type: 'BUTTONS',
      buttons: {
        title: 'Your order',
        body: 'What next?',
        footer: 'Acme',
        buttons: [
          { type: 'REPLY', displayText: 'Track', id: 'track' },
          { type: 'URL', displayText: 'Site', url: 'https://example.com' },
        ],
      },
    });
    accepted(message, 'wessaal');
  });

  it('answers UNSUPPORTED_CAPABILITY naming provider and capability, and stores nothing', async () => {
    const before = Number((await stack.db.query('SELECT count(*) FROM messages'))[0].count);
    const rest = await sendRest({ connection: 'watsal-demo', to: fresh(), text: 'hi' });
    expect(rest.status).toBe(422);
    expect(rest.headers.get('content-type')).toContain('application/problem+json');
    expect(rest.json).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      provider: 'watsal',
      capability: 'text',
    });
    const poll = await sendGql({
      connection: 'washeej-demo',
      to: fresh(),
      type: 'POLL',
      poll: { question: 'Q?', options: ['a', 'b'] },
    });
    expect(poll.errors?.[0]?.extensions).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      provider: 'washeej',
      capability: 'poll',
    });
    expect(poll.errors?.[0]?.message).toContain('washeej');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { connection: 'wamessenger-demo', type: 'LOCATION', location: { latitude: 1, longitude: 2 } },
        'wamessenger',
        'location',
      ],
      [
        {
          connection: 'wutt-demo',
          type: 'CONTACT_CARD',
          contacts: [{ fullName: 'A', phoneNumber: '+966501112222' }],
        },
        'wutt',
        'contact_card',
      ],
      [
        { connection: 'wamessenger-demo', type: 'TEMPLATE', template: { name: 'x' } },
        'wamessenger',
        'template',
      ],
      [{ connection: 'watsal-demo', type: 'IMAGE', media: URLS.IMAGE }, 'watsal', 'image'],
      [
        { connection: 'wamessenger-demo', type: 'BUTTONS', buttons: { body: 'b', ctaUrlId: 1 } },
        'wamessenger',
        'buttons',
      ],
    ];
    for (const [input, provider, capability] of cases) {
      const res = await sendRest({ to: fresh(), ...input });
      expect(res).toMatchObject({
        status: 422,
        json: { code: 'UNSUPPORTED_CAPABILITY', provider, capability },
      });
    }
    const bulk = await stack.rest('POST', '/v1/messages/bulk', {
      connection: 'washeej-demo',
      messages: [{ to: fresh(), text: 'x' }],
    });
    expect(bulk).toMatchObject({ status: 422, json: { code: 'UNSUPPORTED_CAPABILITY', capability: 'bulk' } });
    const story = await stack.gql(
      'mutation { sendStatusStory(input: {connection: "wamessenger-demo", content: "hi"}) { id } }',
    );
    expect(story.errors?.[0]?.extensions).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      provider: 'wamessenger',
      capability: 'status_story',
    });
    const after = Number((await stack.db.query('SELECT count(*) FROM messages'))[0].count);
    expect(after).toBe(before);
  });

  it('answers 400 BAD_USER_INPUT naming the field, never a 5xx', async () => {
    const base = { connection: 'wessaal-demo', to: '+966501234567' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ connection: 'wessaal-demo', text: 'no recipient' }, 'to'],
      [{ ...base, to: '0501234567', text: 'x' }, 'to'],
      [{ ...base, to: '+966000', text: 'x' }, 'to'],
      [{ ...base, to: '+999123456789', text: 'x' }, 'to'],
      [{ ...base, type: 'SMOKE_SIGNAL', text: 'x' }, 'type'],
      [{ ...base }, 'text'],
      [{ ...base, text: 'x', media: URLS.IMAGE }, 'media'],
      [{ ...base, type: 'IMAGE' }, 'media'],
      [{ ...base, type: 'IMAGE', media: { ...URLS.IMAGE, ...UPLOADS.IMAGE } }, 'media'],
      [{ ...base, type: 'IMAGE', media: {} }, 'media'],
      [
        {
          ...base,
          type: 'IMAGE',
          media: { base64: 'not base64!!', filename: 'a.png', contentType: 'image/png' },
        },
        'media.base64',
      ],
      [{ ...base, type: 'IMAGE', media: { base64: UPLOADS.IMAGE.base64 } }, 'media.filename'],
      [{ ...base, type: 'IMAGE', media: { url: 'ftp://example.com/a.png' } }, 'media.url'],
      [{ ...base, type: 'LOCATION', location: { latitude: 91, longitude: 0 } }, 'location.latitude'],
      [{ ...base, type: 'TEMPLATE', template: { id: '7', name: 'x' } }, 'template'],
      [{ ...base, type: 'TEMPLATE', template: { id: '7', variables: { a: 1 } } }, 'template.variables.a'],
      [{ ...base, type: 'POLL', poll: { question: 'Q', options: ['only one'] } }, 'poll.options'],
      [
        { ...base, type: 'BUTTONS', buttons: { body: 'b', buttons: [{ type: 'URL', displayText: 'go' }] } },
        'buttons.buttons.0.url',
      ],
      [{ ...base, type: 'STATUS_STORY', text: 'x' }, 'type'],
      [{ ...base, text: 'x', surprise: true }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const res = await sendRest(body);
      expect({ body, status: res.status, code: (res.json as { code?: string }).code }).toEqual({
        body,
        status: 400,
        code: 'BAD_USER_INPUT',
      });
      expect(Object.keys((res.json as { fields?: object }).fields ?? {})).toContain(field);
    }
    const gql = await sendGql({ ...base, to: '+12', text: 'x' });
    expect(gql.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { to: expect.any(Array) },
    });
    const both = await sendGql({ ...base, type: 'VIDEO', media: { ...URLS.VIDEO, ...UPLOADS.VIDEO } });
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { media: expect.any(Array) },
    });
    const missing = await stack.gql(
      'mutation { sendMessage(input: {connection: "wessaal-demo", text: "x"}) { id } }',
    );
    expect(missing.data ?? null).toBeNull();
    expect(missing.errors?.[0]?.message).toMatch(/SendMessageInput\.to\b/);
    const unknownType = await stack.gql(
      'mutation { sendMessage(input: {connection: "wessaal-demo", to: "+966501234567", type: SMOKE}) { id } }',
    );
    expect(unknownType.errors?.[0]?.message).toMatch(/SMOKE/);
    const unknownConnection = await sendRest({ connection: 'nope', to: '+966501234567', text: 'x' });
    expect(unknownConnection).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
  });

  it('refuses a base64 upload over 16 MB decoded, naming media.base64', async () => {
    const huge = Buffer.alloc(16 * 1024 * 1024 + 3, 1).toString('base64');
    const input = {
      connection: 'washeej-demo',
      to: '+966501234567',
      type: 'VIDEO',
      media: { base64: huge, filename: 'big.mp4', contentType: 'video/mp4' },
    };
    const rest = await sendRest(input);
    expect(rest.status).toBe(400);
    expect(rest.json).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'media.base64': expect.any(Array) },
    });
    const gql = await sendGql(input);
    expect(gql.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'media.base64': expect.any(Array) },
    });
  }, 60_000); // a 22 MB body to parse: generous on a loaded machine

  it('sends bulk on Wessaal: one message per recipient, a blocked one FAILED with its own error', async () => {
    const [a, b] = [fresh(), fresh()];
    const res = await stack.rest('POST', '/v1/messages/bulk', {
      connection: 'wessaal-demo',
      messages: [
        { to: a, text: 'bulk one' },
        { to: '+966500000002', text: 'bulk blocked' },
        { to: b, type: 'IMAGE', media: URLS.IMAGE, caption: 'pic' },
      ],
    });
    expect(res.status).toBe(201);
    const messages = res.json as Message[];
    expect(messages.map((m) => m.to)).toEqual([a, '+966500000002', b]);
    expect(messages.map((m) => m.type)).toEqual(['TEXT', 'TEXT', 'IMAGE']);
    expect(messages[0]!.providerMessageId).toBeTruthy();
    expect(messages[0]!.status).not.toBe('FAILED');
    expect(messages[2]!.providerMessageId).toBeTruthy();
    expect(messages[1]).toMatchObject({ status: 'FAILED', providerMessageId: null });
    expect(messages[1]!.error).toMatchObject({ code: 'CONTACT_BLOCKED' });
    expect(messages[1]!.error?.message).toBeTruthy();
    expect((await received('wessaal', a))[0]?.text).toBe('bulk one');
    const template = await stack.gql<{ sendBulk: Message[] }>(
      `mutation($input: SendBulkInput!) { sendBulk(input: $input) { ${MESSAGE} } }`,
      {
        input: {
          connection: 'wessaal-demo',
          messages: [
            {
              to: fresh(),
              type: 'TEMPLATE',
              template: { id: '7', variables: { name: 'A', order_id: '1', tracking_url: 'https://t/1' } },
            },
          ],
        },
      },
    );
    expect(template.errors).toBeUndefined();
    expect(template.data?.sendBulk[0]).toMatchObject({ type: 'TEMPLATE', error: null });
  });

  it('sends bulk on WaMessenger through the group send, text and media by url', async () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    const res = await stack.gql<{ sendBulk: Message[] }>(
      `mutation($input: SendBulkInput!) { sendBulk(input: $input) { ${MESSAGE} } }`,
      {
        input: {
          connection: 'wamessenger-demo',
          messages: [
            { to: a, text: 'group hello' },
            { to: b, text: 'group hello' },
            { to: c, type: 'DOCUMENT', media: URLS.DOCUMENT, caption: 'your invoice' },
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const messages = res.data!.sendBulk;
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      accepted(message, 'wamessenger');
      expect(message.providerMessageId).toBeTruthy();
    }
    expect(new Set(messages.map((m) => m.providerMessageId)).size).toBe(3);
    expect((await received('wamessenger', b))[0]?.text).toBe('group hello');
    const badItem = await stack.rest('POST', '/v1/messages/bulk', {
      connection: 'wamessenger-demo',
      messages: [{ to: a, type: 'IMAGE', media: UPLOADS.IMAGE }],
    });
    expect(badItem).toMatchObject({
      status: 400,
      json: { fields: { 'messages.0.media.base64': expect.any(Array) } },
    });
    const pollItem = await stack.rest('POST', '/v1/messages/bulk', {
      connection: 'wessaal-demo',
      messages: [{ to: a, type: 'POLL' }],
    });
    expect(pollItem).toMatchObject({
      status: 400,
      json: { fields: { 'messages.0.type': expect.any(Array) } },
    });
  });

  it('posts status stories on Wessaal, one message each', async () => {
    const text = await stack.rest('POST', '/v1/messages/status-story', {
      connection: 'wessaal-demo',
      content: 'We are open on Friday!',
      backgroundColor: '#1e88e5',
    });
    expect(text.status).toBe(201);
    expect(text.json).toMatchObject({
      type: 'STATUS_STORY',
      to: 'status@broadcast',
      provider: 'wessaal',
      error: null,
    });
    expect((text.json as Message).providerMessageId).toBeTruthy();
    const audience = [fresh(), fresh()];
    const image = await stack.gql<{ sendStatusStory: Message }>(
      `mutation($input: SendStatusStoryInput!) { sendStatusStory(input: $input) { ${MESSAGE} } }`,
      {
        input: {
          connection: 'wessaal-demo',
          kind: 'IMAGE',
          content: 'https://example.com/sale.jpg',
          caption: 'Sale',
          audience,
        },
      },
    );
    expect(image.errors).toBeUndefined();
    expect(image.data?.sendStatusStory).toMatchObject({ type: 'STATUS_STORY', error: null });
    const badColor = await stack.rest('POST', '/v1/messages/status-story', {
      connection: 'wessaal-demo',
      content: 'x',
      backgroundColor: 'blue',
    });
    expect(badColor).toMatchObject({ status: 400, json: { fields: { backgroundColor: expect.any(Array) } } });
    const [row] = await stack.db.query('SELECT type, request FROM messages WHERE id = $1', [
      image.data!.sendStatusStory.id,
    ]);
    expect(row).toMatchObject({ type: 'status_story', request: { kind: 'image', audience } });
  });
});
