import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { waitFor } from '../../support/wait-for.js';

interface Message {
  id: string;
  status: string;
  nextActionAt: string | null;
  statusHistory: Array<{ status: string; source: string }>;
  error: { code: string; message: string; httpStatus: number | null; transient: boolean } | null;
}

/** Lifecycle steps in simulator time: nothing moves until the test advances the simulator clock. */
const STEP_MS = 60_000;

/**
 * A provider that forgets a message (the simulator past its per-account cap evicts the oldest, and then answers for
 * its id as for an id it never issued): the gateway stops polling it after a few "unknown message" answers in a row,
 * and the message keeps its last known status with a NOT_FOUND error saying why.
 */
describe('gateway messages: a message its provider no longer knows', () => {
  let stack: GatewayStack;
  let numberSeq = 0;
  const fresh = (): string => `+9665${String(30_000_000 + ++numberSeq * 7919).slice(-8)}`;

  beforeAll(async () => {
    stack = await startGatewayStack();
    const delays = { sentMs: STEP_MS, deliveredMs: STEP_MS, readMs: STEP_MS };
    for (const account of ['wessaal-demo', 'watsal-demo'])
      await stack.simAdmin.patchAccount(account, { delays });
  });
  afterAll(async () => {
    await stack.close();
  });
  let cap: number;
  beforeEach(() => {
    cap = stack.sim.core.config.maxMessagesPerAccount;
  });
  afterEach(() => {
    stack.sim.core.config.maxMessagesPerAccount = cap;
  });

  const send = async (input: Record<string, unknown>) => {
    const res = await stack.rest('POST', '/v1/messages', input);
    expect(res.status).toBe(201);
    return res.json as Message;
  };
  const get = async (id: string) => (await stack.rest('GET', `/v1/messages/${id}`)).json as Message;
  const until = (id: string, done: (m: Message) => boolean, what: string) =>
    waitFor(what, () => get(id), done, 20_000);
  const watsalTemplate = () => ({
    connection: 'watsal-demo',
    to: fresh(),
    type: 'TEMPLATE',
    template: { name: 'order_confirmed', variables: { name: 'Sara', order_id: 'A-1' } },
  });

  it('keeps a delivered message DELIVERED (not FAILED) and stops polling it', async () => {
    const first = await send(watsalTemplate());
    await stack.simAdmin.advance(STEP_MS); // sent
    await stack.simAdmin.advance(STEP_MS); // delivered; read only after one more step
    await until(first.id, (m) => m.status === 'DELIVERED', 'the first message DELIVERED');
    // Watsal keeps one message per account from now on: the next send evicts the first.
    stack.sim.core.config.maxMessagesPerAccount = 1;
    const second = await send(watsalTemplate());
    const forgotten = await until(
      first.id,
      (m) => m.nextActionAt === null,
      'the first message no longer polled',
    );
    expect(forgotten.status).toBe('DELIVERED');
    expect(forgotten.statusHistory.map((h) => h.status)).not.toContain('FAILED');
    expect(forgotten.error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, transient: false });
    expect(forgotten.error?.message).toMatch(/no longer knows this message.*DELIVERED.*no longer polled/);
    // The message the provider still knows is polled on, with no error.
    const kept = await get(second.id);
    expect(kept.nextActionAt).not.toBeNull();
    expect(kept.error).toBeNull();
  });

  it('keeps a message whose send was answered but never confirmed QUEUED with its provider id (Wessaal)', async () => {
    const first = await send({ connection: 'wessaal-demo', to: fresh(), text: 'evicted before any step' });
    expect(first.status).toBe('QUEUED');
    stack.sim.core.config.maxMessagesPerAccount = 1;
    await send({ connection: 'wessaal-demo', to: fresh(), text: 'takes its place' });
    const forgotten = await until(
      first.id,
      (m) => m.nextActionAt === null,
      'the first message no longer polled',
    );
    expect(forgotten.status).toBe('QUEUED');
    expect(forgotten.statusHistory.map((h) => h.status)).toEqual(['QUEUED']);
    expect(forgotten.error).toMatchObject({ code: 'NOT_FOUND', transient: false });
  });
});
