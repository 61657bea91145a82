import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { api, createAccount, customerWrites, type Api } from './washeej.e2e-helpers.js';

const POST_ENDPOINTS = [
  '/contact/store',
  '/contact/update/1',
  '/inbox/change-conversation-status/1',
  '/inbox/send-message',
  '/inbox/send-template-message',
];

describe('Washeej simulator: bad input answers in the platform style, never 5xx', () => {
  let sim: StartedSimulator;
  let client: Api;
  const post = (path: string, body: NonNullable<RequestInit['body']>, contentType?: string) =>
    client.raw('POST', path, { body, headers: contentType ? { 'content-type': contentType } : {} });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const account = await createAccount(sim);
    client = api(sim, account);
    await client.post('/contact/store', {
      firstname: 'A',
      lastname: 'B',
      mobile_code: '966',
      mobile: '500000010',
    });
    // Conversation 1, so the status change reaches its validation: the contact writes in, the Cloud number answers.
    await customerWrites(sim, account.id, '+966500000010');
    const answer = await client.post('/inbox/send-message', {
      mobile_code: '966',
      mobile: '500000010',
      message: 'x',
    });
    expect(answer.body).toMatchObject({ remark: 'success', data: { conversation_id: 1 } });
  });
  afterAll(() => sim.close());

  it('answers malformed JSON with 400 bad_request', async () => {
    for (const path of POST_ENDPOINTS) {
      const reply = await post(path, '{"mobile": ', 'application/json');
      expect(reply).toMatchObject({
        status: 400,
        body: { remark: 'bad_request', status: 'error', message: ['The request body is not valid JSON.'] },
      });
    }
    const poisoned = await post('/contact/store', '{"__proto__": {"admin": true}}', 'application/json');
    expect(poisoned).toMatchObject({ status: 400, body: { remark: 'bad_request' } });
  });

  it('answers an unsupported content type with 415 and a malformed multipart body with 400', async () => {
    const text = await post('/inbox/send-message', 'mobile=1', 'text/plain');
    expect(text).toMatchObject({ status: 415, body: { remark: 'unsupported_media_type', status: 'error' } });
    const xml = await post('/contact/store', '<contact/>', 'application/xml');
    expect(xml.status).toBe(415);
    const noBoundary = await post('/contact/store', 'garbage', 'multipart/form-data');
    expect(noBoundary).toMatchObject({ status: 400, body: { remark: 'bad_request', status: 'error' } });
    const truncated = await post(
      '/contact/store',
      '--B\r\nContent-Disposition: form-data; name="firstname"\r\n\r\nJo',
      'multipart/form-data; boundary=B',
    );
    expect(truncated).toMatchObject({
      status: 400,
      body: {
        remark: 'bad_request',
        status: 'error',
        message: ['The multipart/form-data body could not be parsed.'],
      },
    });
  });

  it('treats an empty or non-object body as no input (validation_error, HTTP 200)', async () => {
    const array = await post('/contact/store', '[1, 2]', 'application/json');
    expect(array.body).toMatchObject({
      remark: 'validation_error',
      message: expect.arrayContaining(['The firstname field is required.']),
    });
    const empty = await post('/inbox/change-conversation-status/1', '', 'application/json');
    expect(empty.body).toMatchObject({
      remark: 'validation_error',
      message: ['The status field is required.'],
    });
    const noBody = await client.raw('POST', '/inbox/send-template-message');
    expect(noBody.body.message).toEqual([
      'The mobile code field is required.',
      'The mobile field is required.',
      'The template id field is required.',
    ]);
    const jsonDelete = await client.raw('DELETE', '/contact/delete/999', {
      headers: { 'content-type': 'application/json' },
    });
    expect(jsonDelete.body).toMatchObject({ remark: 'not_found' });
  });

  it('refuses wrong types with Laravel sentences', async () => {
    const reply = await client.post('/inbox/send-message', {
      mobile_code: { code: 966 },
      mobile: [5, 0],
      from_number: true,
      message: { text: 'hi' },
      cta_url_id: 1.5,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: [
        'The mobile code format is invalid.',
        'The mobile format is invalid.',
        'The from number format is invalid.',
        'The message must be a string.',
        'The cta url id must be an integer.',
      ],
    });
    const status = await client.post('/inbox/change-conversation-status/1', { status: [1] });
    expect(status.body.remark).toBe('validation_error');
    const contact = await client.post('/contact/update/1', { firstname: { a: 1 }, city: 42 });
    expect(contact.body.message).toEqual(['The firstname must be a string.', 'The city must be a string.']);
  });

  it('answers bodies over the limit with 413 payload_too_large', async () => {
    const huge = JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) });
    const json = await post('/inbox/send-message', huge, 'application/json');
    expect(json).toMatchObject({ status: 413, body: { remark: 'payload_too_large', status: 'error' } });
    const form = await post(
      '/contact/store',
      `firstname=${'x'.repeat(2 * 1024 * 1024)}`,
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(413);
    const fields = new FormData();
    for (let i = 0; i < 150; i++) fields.append(`f${i}`, 'x');
    const many = await client.raw('POST', '/contact/store', { body: fields });
    expect(many).toMatchObject({ status: 413, body: { remark: 'payload_too_large' } });
  });

  it('never answers 5xx to junk on any endpoint', async () => {
    const junk: Array<[string, string]> = [
      ['{"a":', 'application/json'],
      ['null', 'application/json'],
      ['"text"', 'application/json'],
      ['{"mobile_code":null,"mobile":{"$gt":""},"body_variables":{"0":{"x":[]}}}', 'application/json'],
      ['a[b][c][d][e][f][g][h]=1&body_variables[999]=x&mobile[]=1', 'application/x-www-form-urlencoded'],
      ['%%%=%%%', 'application/x-www-form-urlencoded'],
    ];
    for (const path of POST_ENDPOINTS) {
      for (const [body, type] of junk) {
        const reply = await post(path, body, type);
        expect(reply.status).toBeLessThan(500);
        expect(['error', 'success']).toContain(reply.body.status);
        expect(reply.body.remark).not.toBe('exception');
      }
    }
    for (const path of [
      '/contact/list?page[]=1&paginate[x]=2&search[]=a',
      '/inbox/conversation-list?status[]=1',
      '/inbox/conversation-details/%00',
    ]) {
      const reply = await client.get(path);
      expect(reply.status).toBeLessThan(500);
      expect(reply.body.remark).not.toBe('exception');
    }
  });

  it('describes every endpoint in the OpenAPI document for both mounts', async () => {
    const docs = (await fetch(`${sim.url}/docs-json`).then((r) => r.json())) as {
      paths: Record<string, Record<string, { tags: string[]; parameters: Array<{ name: string }> }>>;
    };
    const expected: Array<[string, string]> = [
      ['/contact/list', 'get'],
      ['/contact/store', 'post'],
      ['/contact/update/{id}', 'post'],
      ['/contact/delete/{id}', 'delete'],
      ['/inbox/conversation-list', 'get'],
      ['/inbox/change-conversation-status/{id}', 'post'],
      ['/inbox/conversation-details/{id}', 'get'],
      ['/inbox/send-message', 'post'],
      ['/inbox/send-template-message', 'post'],
      ['/inbox/template-list', 'get'],
    ];
    for (const mount of ['washeej', 'wutt']) {
      for (const [path, method] of expected) {
        const operation = docs.paths[`/${mount}/external-api${path}`]?.[method];
        expect(operation?.tags).toEqual([mount]);
        expect(operation?.parameters.map((p) => p.name)).toEqual(
          expect.arrayContaining(['client-id', 'client-secret']),
        );
      }
    }
  });
});
