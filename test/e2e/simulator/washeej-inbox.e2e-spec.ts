import { request as httpRequest } from 'node:http';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, api, DEMO, type Api } from './washeej.e2e-helpers.js';

type Page = { data: Array<Record<string, unknown>>; total: number } & Record<string, unknown>;

describe('Washeej simulator: inbox (conversations and templates)', () => {
  let sim: StartedSimulator;
  let demo: Api;
  const conversations = async (query: Record<string, string | number> = {}) =>
    (await demo.get('/inbox/conversation-list', query)).body.data?.conversation as Page;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    demo = api(sim, DEMO.washeej);
  });
  beforeEach(() => admin(sim, 'POST', `/reset?account=${DEMO.washeej.id}`));
  afterAll(() => sim.close());

  it('lists conversations newest first with contact and notes (remark inbox)', async () => {
    const reply = await demo.get('/inbox/conversation-list');
    expect(reply.body).toMatchObject({ remark: 'inbox', status: 'success' });
    const page = reply.body.data?.conversation as Page;
    expect(page).toMatchObject({ current_page: 1, total: 2, per_page: 20, from: 1, to: 2 });
    expect(page.data.map((c) => c.id)).toEqual([1, 2]);
    expect(page.data[0]).toMatchObject({
      id: 1,
      contact_id: 1,
      status: 4,
      contact: { id: 1, firstname: 'Ahmed' },
      notes: [{ note: 'Asked about order #123', conversation_id: 1 }],
    });
    expect(Object.keys(page.data[0]!)).toEqual(
      expect.arrayContaining(['id', 'contact_id', 'status', 'last_message_at', 'contact', 'notes']),
    );
    expect(page.data[1]).toMatchObject({ id: 2, status: 1, contact: { firstname: 'Sara' }, notes: [] });
  });

  it('filters by status (1 done, 2 pending, 3 important, 4 unread) and pages', async () => {
    expect((await conversations({ status: 4 })).data.map((c) => c.id)).toEqual([1]);
    expect((await conversations({ status: 1 })).data.map((c) => c.id)).toEqual([2]);
    expect((await conversations({ status: 3 })).total).toBe(0);
    const second = await conversations({ paginate: 1, page: 2 });
    expect(second).toMatchObject({ current_page: 2, last_page: 2, from: 2, to: 2 });
    expect(second.data.map((c) => c.id)).toEqual([2]);
  });

  it("searches conversations by the contact's first name, last name or mobile (README: search on every list)", async () => {
    expect((await conversations({ search: 'ahm' })).data.map((c) => c.id)).toEqual([1]);
    expect((await conversations({ search: 'SARA' })).data.map((c) => c.id)).toEqual([2]);
    const sara = (await conversations({ search: 'sara' })).data[0]!.contact as { mobile: string };
    expect((await conversations({ search: sara.mobile })).data.map((c) => c.id)).toEqual([2]);
    expect((await conversations({ search: 'nobody-by-that-name' })).total).toBe(0);
    expect((await conversations({ search: 'sara', status: 4 })).total).toBe(0);
  });

  it('changes a conversation status (0–3) with remark status_updated', async () => {
    const reply = await demo.post('/inbox/change-conversation-status/2', { status: '3' }, 'form');
    expect(reply.body).toMatchObject({
      remark: 'status_updated',
      status: 'success',
      message: ['Conversation status updated successfully'],
      data: { conversation: { id: 2, status: 3 } },
    });
    expect((await conversations({ status: 3 })).data.map((c) => c.id)).toEqual([2]);
    const zero = await demo.post('/inbox/change-conversation-status/1', { status: 0 });
    expect(zero.body).toMatchObject({ remark: 'status_updated', data: { conversation: { status: 0 } } });
  });

  it('refuses status 4, missing or non-integer status (validation_error) and unknown ids (not_found)', async () => {
    expect((await demo.post('/inbox/change-conversation-status/2', { status: 4 })).body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The selected status is invalid.'],
    });
    expect((await demo.post('/inbox/change-conversation-status/2', {}, 'multipart')).body.message).toEqual([
      'The status field is required.',
    ]);
    expect((await demo.post('/inbox/change-conversation-status/2', { status: 'done' })).body.message).toEqual(
      ['The status must be an integer.', 'The selected status is invalid.'],
    );
    for (const id of ['77', 'two']) {
      expect((await demo.post(`/inbox/change-conversation-status/${id}`, { status: 1 })).body).toEqual({
        remark: 'not_found',
        status: 'error',
        message: ['The conversation is not found'],
      });
    }
  });

  it('shows conversation details with contact, notes, tags and lists (remark conversation_details)', async () => {
    const reply = await demo.get('/inbox/conversation-details/1');
    expect(reply.body).toMatchObject({
      remark: 'conversation_details',
      status: 'success',
      data: {
        conversation: { id: 1, contact_id: 1, status: 4 },
        contact: { id: 1, firstname: 'Ahmed', lastname: 'Ali', city: 'Riyadh' },
        notes: [{ id: 1, note: 'Asked about order #123' }],
        tags: [{ id: 1, name: 'VIP' }],
        lists: [{ id: 1, name: 'Customers' }],
      },
    });
    expect((await demo.get('/inbox/conversation-details/99')).body).toEqual({
      remark: 'not_found',
      status: 'error',
      message: ['The conversation is not found'],
    });
  });

  it('ignores the multipart body the doc sample sends with GET conversation-details', async () => {
    const boundary = 'X-BOUNDARY';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="status"\r\n\r\n1\r\n--${boundary}--\r\n`;
    const url = new URL(`${sim.url}/washeej/external-api/inbox/conversation-details/2`);
    const reply = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'GET',
          headers: {
            'client-id': DEMO.washeej.clientId,
            'client-secret': DEMO.washeej.clientSecret,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      remark: 'conversation_details',
      data: { conversation: { id: 2, status: 1 } },
    });
  });

  it('lists every template of the account with status 0 pending, 1 approved, 2 rejected, 3 disabled', async () => {
    const reply = await demo.get('/inbox/template-list');
    expect(reply.body).toMatchObject({ remark: 'template_list', status: 'success' });
    const page = reply.body.data?.templates as Page;
    expect(page.total).toBe(5);
    const byId = new Map(page.data.map((t) => [t.id, t]));
    expect(byId.get(1)).toMatchObject({
      name: 'order_confirmation',
      status: 1,
      body_variables: 2,
      header_variables: 0,
    });
    expect(byId.get(2)).toMatchObject({ status: 0 });
    expect(byId.get(3)).toMatchObject({ status: 2 });
    expect(byId.get(4)).toMatchObject({ status: 3 });
    expect(byId.get(5)).toMatchObject({ status: 1, header: 'Shipment {{1}}', header_variables: 1 });
    expect((await demo.get('/inbox/template-list', { paginate: 2 })).body.data?.templates).toMatchObject({
      last_page: 3,
      to: 2,
    });
  });
});
