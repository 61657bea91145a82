import { startGatewayStack, type GatewayStack, type TestTenant } from '../../support/gateway-stack.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * Concurrent keyless sends are stored many to a statement (StatementCoalescer), of any tenant, beside sends with an
 * idempotency key that keep their own statement. Whatever shares a statement, each caller gets its own message, each
 * message its own history through to its final status, and tenants stay apart.
 */
interface Message {
  id: string;
  connection: string;
  to: string;
  status: string;
  providerMessageId: string | null;
  error: { code: string } | null;
  statusHistory: Array<{ status: string; source: string }>;
}

const RANK: Record<string, number> = { QUEUED: 0, SENT: 1, DELIVERED: 2, READ: 3, FAILED: 4 };
const BLOCKED = '+966500000002';

describe('gateway messages: many at once', () => {
  let stack: GatewayStack;
  let other: TestTenant;

  beforeAll(async () => {
    stack = await startGatewayStack();
    other = await stack.seedTenant();
  });
  afterAll(() => stack.close());

  it('answers 60 concurrent sends of two tenants each with its own message, history and outcome', async () => {
    const sends = Array.from({ length: 60 }, (_, i) => {
      const tenant = i % 3 === 0 ? other : stack.tenant;
      const connection = i % 2 === 0 ? 'wessaal-demo' : 'wamessenger-demo';
      const to = i % 10 === 7 && connection === 'wessaal-demo' ? BLOCKED : `+9665012${String(10_000 + i)}`;
      // Every fifth with an idempotency key: those take the single-statement path among the batched ones.
      const idempotencyKey = i % 5 === 0 ? `concurrent-${i}` : undefined;
      return { tenant, body: { connection, to, text: `message ${i}`, idempotencyKey } };
    });
    const answers = await Promise.all(
      sends.map(({ tenant, body }) => stack.rest('POST', '/v1/messages', body, tenant.apiKey)),
    );

    expect(answers.map((a) => a.status)).toEqual(sends.map(() => 201));
    const messages = answers.map((a) => a.json as Message);
    expect(new Set(messages.map((m) => m.id)).size).toBe(60);
    for (const [i, message] of messages.entries()) {
      const { body } = sends[i]!;
      expect({ i, connection: message.connection, to: message.to }).toEqual({
        i,
        connection: body.connection,
        to: body.to,
      });
      expect(message.statusHistory[0]).toEqual(
        expect.objectContaining({ status: 'QUEUED', source: 'gateway' }),
      );
      if (body.to === BLOCKED) {
        expect({ i, status: message.status, code: message.error?.code }).toEqual({
          i,
          status: 'FAILED',
          code: 'CONTACT_BLOCKED',
        });
      } else {
        expect({ i, status: message.status, error: message.error }).toEqual({
          i,
          status: 'QUEUED',
          error: null,
        });
        expect(message.providerMessageId).toMatch(/\S/);
      }
    }

    // Each tenant sees its own messages only; the database holds each message once, with one history row per change.
    const mine = await stack.db.query(`SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1`, [
      stack.tenant.tenantId,
    ]);
    const theirs = await stack.db.query(`SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1`, [
      other.tenantId,
    ]);
    expect([mine[0].n, theirs[0].n]).toEqual([40, 20]);
    const foreign = await stack.rest('GET', `/v1/messages/${messages[0]!.id}`);
    expect(foreign.status).toBe(404);

    // The simulator moves every message on; the scheduler's polls bring each to its end, one history row per change.
    await stack.simAdmin.advance(5_000);
    const finals = await waitFor(
      'every message final',
      () => Promise.all(messages.map((m, i) => get(m.id, sends[i]!.tenant.apiKey))),
      // Wessaal has no read (its documented status words end at delivered).
      (all) =>
        all.every(
          (m) =>
            m.status === 'READ' ||
            m.status === 'FAILED' ||
            (m.connection === 'wessaal-demo' && m.status === 'DELIVERED'),
        ),
      20_000,
      100,
    );
    for (const [i, message] of finals.entries()) {
      const statuses = message.statusHistory.map((h) => h.status);
      expect({ i, statuses }).toEqual({
        i,
        statuses: [...new Set(statuses)].sort((a, b) => RANK[a]! - RANK[b]!),
      });
      const rows = await stack.db.query(
        `SELECT count(*)::int AS n FROM status_changes WHERE message_id = $1`,
        [message.id],
      );
      expect({ i, rows: rows[0].n }).toEqual({ i, rows: statuses.length });
    }
  }, 60_000);

  async function get(id: string, apiKey: string): Promise<Message> {
    return (await stack.rest('GET', `/v1/messages/${id}`, undefined, apiKey)).json as Message;
  }
});
