import { jest } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

const WAM_KEY = 'wamessenger-demo-key';
const CUSTOMER = '+989121234567';

interface InboundPage {
  edges: Array<{ node: { id: string; providerMessageId: string; text: string | null; from: string } }>;
}
interface Message {
  id: string;
  status: string;
  providerMessageId: string | null;
  statusHistory: Array<{ status: string; source: string }>;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits on real timers (webhook posts, poll ticks) and boots a stack: more than the 5 s default under load.
jest.setTimeout(30_000);

describe('gateway: inbound polling and delivery reports by webhook', () => {
  let stack: GatewayStack;
  let client: Client | undefined;

  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(async () => {
    await client?.dispose();
    await stack.close();
  });

  const inboundRows = async (text: string): Promise<number> => {
    const rows: Array<{ n: string }> = await stack.db.query(
      'SELECT count(*) AS n FROM inbound_messages WHERE text = $1',
      [text],
    );
    return Number(rows[0]?.n);
  };
  const listed = async (text: string) => {
    const res = await stack.rest(
      'GET',
      `/v1/inbound-messages?from=${encodeURIComponent(CUSTOMER)}&first=100`,
    );
    return (res.json as InboundPage).edges.find((e) => e.node.text === text)?.node;
  };
  /** The received-list calls the simulator saw (the key in the path is masked as ***). */
  const receivedListCalls = async () => {
    const journal = await stack.simAdmin.requests('?provider=wamessenger&limit=1000');
    return (journal as Array<{ path: string; status: number; accountId?: string }>).filter((r) =>
      r.path.includes('/showAllGetMessages/'),
    );
  };

  it('stores what the received list shows when no webhook is set, once, and publishes it once', async () => {
    const received: unknown[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    client = createClient({
      url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${stack.tenant.apiKey}` },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => connected() },
    });
    client.subscribe(
      { query: 'subscription { inboundMessageReceived(connection: "wamessenger-demo") { from text } }' },
      { next: (value) => received.push(value.data), error: () => undefined, complete: () => undefined },
    );
    await ready;
    await sleep(300);

    const answer = await stack.simAdmin.inbound({ provider: 'wamessenger', from: CUSTOMER, text: 'polled' });
    expect(answer).toMatchObject({ inbound: { webhook: expect.stringContaining('no webhook URL') } });
    const message = await until(() => listed('polled'), 'the polled message');
    expect(message.from).toBe(CUSTOMER);
    await until(async () => (received.length ? true : undefined), 'the subscription event');

    // Later ticks read the same list again: nothing new is stored or published.
    await sleep(500);
    expect(await inboundRows('polled')).toBe(1);
    expect(received).toEqual([{ inboundMessageReceived: { from: CUSTOMER, text: 'polled' } }]);
    // Only the first page, every tick.
    const polls = (await receivedListCalls()).filter((c) => c.accountId === 'wamessenger-demo');
    expect(polls.length).toBeGreaterThan(3);
    expect(polls.filter((c) => !c.path.endsWith('?page=1'))).toEqual([]);
  });

  it('ignores the webhook redelivery of a message the poller already stored', async () => {
    const configured = await stack.rest('POST', '/v1/connections/wamessenger-demo/webhook/configure');
    expect(configured.status).toBe(200);
    // The event the provider queued while no URL was set is delivered now.
    const resend = await fetch(`${stack.sim.url}/wamessenger/webhook/resend/${WAM_KEY}`);
    expect(((await resend.json()) as { message: string }).message).toMatch(/^Resend 1 messages/);
    expect(await inboundRows('polled')).toBe(1);
  });

  it('keeps polling the other connections while one fails, and backs off from the failing one', async () => {
    const broken = await stack.rest('POST', '/v1/connections', {
      name: 'wamessenger-broken',
      provider: 'wamessenger',
      credentials: { apiKey: 'wrong-key-for-polling' },
      baseUrl: `${stack.sim.url}/wamessenger`,
    });
    expect(broken.status).toBe(201);
    await stack.simAdmin.inbound({ provider: 'wamessenger', from: CUSTOMER, text: 'still polled' });
    await until(() => listed('still polled'), 'the message of the healthy connection');
    await sleep(2_000);
    // About 20 ticks passed; a backing-off connection is tried far less often.
    const tries = (await receivedListCalls()).filter((c) => c.status === 401).length;
    expect(tries).toBeGreaterThan(1);
    expect(tries).toBeLessThan(10);
    expect((await stack.rest('DELETE', '/v1/connections/wamessenger-broken')).status).toBe(200);
  });

  it('moves a sent WaMessenger message to DELIVERED and READ from the delivery reports', async () => {
    expect((await stack.rest('POST', '/v1/connections/wamessenger-demo/webhook/configure')).status).toBe(200);
    // Status polls fail meanwhile: the changes can only come from the webhook.
    await stack.simAdmin.addFault({
      provider: 'wamessenger',
      kind: 'error',
      path: '/getStatus/*',
      status: 500,
    });
    const sent = await stack.rest('POST', '/v1/messages', {
      connection: 'wamessenger-demo',
      to: CUSTOMER,
      text: 'x',
    });
    expect(sent.status).toBeLessThan(300);
    const id = (sent.json as Message).id;
    await stack.simAdmin.advance(2_000);

    const read = await until(async () => {
      const message = (await stack.rest('GET', `/v1/messages/${id}`)).json as Message;
      return message.status === 'READ' ? message : undefined;
    }, 'READ');
    const fromWebhook = read.statusHistory.filter((c) => c.source === 'webhook').map((c) => c.status);
    expect(fromWebhook).toEqual(expect.arrayContaining(['DELIVERED', 'READ']));
    const gql = await stack.gql<{ message: { status: string } }>(`{ message(id: "${id}") { status } }`);
    expect(gql.data?.message.status).toBe('READ');
    await stack.simAdmin.clearFaults();
  });

  it('applies a delivery report only to the messages of the connection whose URL it came to', async () => {
    const other = await stack.seedTenant(); // the same WaMessenger account behind another tenant's connection
    const theirs = (await stack.rest('GET', '/v1/connections/wamessenger-demo', undefined, other.apiKey))
      .json as { webhookPath: string };
    await stack.simAdmin.addFault({
      provider: 'wamessenger',
      kind: 'error',
      path: '/getStatus/*',
      status: 500,
    });
    const sent = await stack.rest('POST', '/v1/messages', {
      connection: 'wamessenger-demo',
      to: '+989121230000',
      text: 'y',
    });
    const message = sent.json as Message;
    expect(message.providerMessageId).toEqual(expect.any(String));
    const report = {
      Hash: WAM_KEY,
      DataType: 'delivery',
      ID: message.providerMessageId,
      delivery: 3,
      phonenumber: '989121230000',
    };
    const foreign = await fetch(`${stack.url}${theirs.webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(foreign.status).toBe(200);
    await sleep(200);
    const untouched = (await stack.rest('GET', `/v1/messages/${message.id}`)).json as Message;
    expect(untouched.status).not.toBe('READ');

    const mine = (await stack.rest('GET', '/v1/connections/wamessenger-demo')).json as {
      webhookPath: string;
    };
    const own = await fetch(`${stack.url}${mine.webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...report, ID: message.providerMessageId!, delivery: '3' }).toString(),
    });
    expect(await own.json()).toEqual({ events: 1, stored: 0 });
    const after = (await stack.rest('GET', `/v1/messages/${message.id}`)).json as Message;
    expect(after.status).toBe('READ');
    expect(after.statusHistory.at(-1)).toMatchObject({ status: 'READ', source: 'webhook' });
    await stack.simAdmin.clearFaults();
  });
});
