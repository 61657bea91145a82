import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import {
  admin,
  advance,
  api,
  createAccount,
  customerWrites,
  FROZEN_DELAYS,
  phoneStatuses,
  type Api,
  type TestAccount,
} from './washeej.e2e-helpers.js';

const CLOUD = '966512345678';
const STEP = 60_000;
const HOUR = 60 * 60 * 1000;

describe('Washeej simulator: message lifecycle, magic numbers, inbound and the 24 h window', () => {
  let sim: StartedSimulator;
  let account: TestAccount;
  let client: Api;
  /** The customer writes first (free-form needs the 24 h window), then the Cloud number answers. */
  const send = async (mobile: string, to: TestAccount = account) => {
    await customerWrites(sim, to.id, `+966${mobile}`);
    return api(sim, to).post('/inbox/send-message', {
      mobile_code: '966',
      mobile,
      from_number: CLOUD,
      message: 'hi',
    });
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  beforeEach(async () => {
    account = await createAccount(sim, 'washeej', FROZEN_DELAYS);
    client = api(sim, account);
  });
  afterAll(() => sim.close());

  it('answers a message as sent(1), then moves it → delivered(2) → read(3) on the simulator clock', async () => {
    expect((await send('511000001')).body).toMatchObject({
      remark: 'success',
      data: { message: { status: 1 } },
    });
    expect(await phoneStatuses(sim, account.id, '966511000001')).toEqual(['1']);
    await advance(sim, STEP);
    expect(await phoneStatuses(sim, account.id, '966511000001')).toEqual(['2']);
    await advance(sim, STEP);
    expect(await phoneStatuses(sim, account.id, '966511000001')).toEqual(['3']);
  });

  it('runs every step in one jump, and the magic numbers: FAILS → 9, NEVER_DELIVERED stays 1, READS_INSTANTLY → 3', async () => {
    for (const mobile of ['511000002', '500000001', '500000003', '500000004']) {
      expect((await send(mobile)).body.remark).toBe('success');
    }
    await advance(sim, STEP);
    expect(await phoneStatuses(sim, account.id, '966500000001')).toEqual(['9']);
    expect(await phoneStatuses(sim, account.id, '966500000003')).toEqual(['1']);
    expect(await phoneStatuses(sim, account.id, '966500000004')).toEqual(['3']);
    await advance(sim, 10 * STEP);
    expect(await phoneStatuses(sim, account.id, '966511000002')).toEqual(['3']);
    expect(await phoneStatuses(sim, account.id, '966500000001')).toEqual(['9']);
    expect(await phoneStatuses(sim, account.id, '966500000003')).toEqual(['1']);
  });

  it('opens the 24 h window on inbound, marks the conversation unread, and closes it after 24 h', async () => {
    const cloud = { mobile_code: '966', mobile: '512223333', message: 'Hello' };
    expect((await client.post('/inbox/send-message', cloud)).body.remark).toBe('window_closed');
    const inbound = await admin(sim, 'POST', '/inbound', {
      provider: 'washeej',
      account: account.id,
      from: '+966512223333',
      text: 'Hi, I need help',
    });
    expect(inbound.status).toBe(201);
    expect(inbound.body).toMatchObject({
      inbound: {
        stored: true,
        contact: { mobile_code: '966', mobile: '512223333' },
        conversation: { status: 4 },
      },
    });
    const conversations = (await client.get('/inbox/conversation-list', { status: 4 })).body.data
      ?.conversation as {
      data: Array<Record<string, unknown>>;
    };
    expect(conversations.data).toHaveLength(1);
    expect((await client.post('/inbox/send-message', cloud)).body.remark).toBe('success');
    await advance(sim, 23 * HOUR);
    expect((await client.post('/inbox/send-message', cloud)).body.remark).toBe('success');
    await advance(sim, HOUR);
    expect((await client.post('/inbox/send-message', cloud)).body.remark).toBe('window_closed');
  });

  it('drops inbound messages from blocked contacts', async () => {
    const inbound = await admin(sim, 'POST', '/inbound', {
      provider: 'washeej',
      account: account.id,
      from: '966500000002',
      text: 'spam',
    });
    expect(inbound.body).toMatchObject({ inbound: { stored: false } });
    const contacts = (await client.get('/contact/list')).body.data?.contacts as { total: number };
    expect(contacts.total).toBe(0);
  });

  it('keeps lifecycles going across a reset of another account and survives a reset of its own', async () => {
    const other = await createAccount(sim, 'washeej', FROZEN_DELAYS);
    expect((await send('511000005')).body.remark).toBe('success');
    expect((await send('511000006', other)).body.remark).toBe('success');
    expect(await phoneStatuses(sim, other.id, '966511000006')).toEqual(['1']);
    expect((await admin(sim, 'POST', `/reset?account=${other.id}`)).status).toBe(200);
    await advance(sim, STEP);
    expect(await phoneStatuses(sim, account.id, '966511000005')).toEqual(['2']);
    expect(await phoneStatuses(sim, other.id, '966511000006')).toEqual([]);
    expect((await admin(sim, 'POST', `/reset?account=${account.id}`)).status).toBe(200);
    await advance(sim, 5 * STEP);
    expect(await phoneStatuses(sim, account.id, '966511000005')).toEqual([]);
    const after = await client.get('/contact/list');
    expect(after.status).toBe(200);
    expect((after.body.data?.contacts as { total: number }).total).toBe(0);
  });

  it('re-seeds the demo account relative to simulator time after the clock moved', async () => {
    await advance(sim, 48 * HOUR);
    await admin(sim, 'POST', '/reset?account=washeej-demo');
    const demo = api(sim, {
      id: 'washeej-demo',
      clientId: 'washeej-demo-id',
      clientSecret: 'washeej-demo-secret',
    });
    const reply = await demo.post('/inbox/send-message', {
      mobile_code: '966',
      mobile: '501234567',
      message: 'still open',
    });
    expect(reply.body.remark).toBe('success');
  });
});
