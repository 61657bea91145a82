import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * Gateway-mode expiry. The gateway's clock cannot be moved, so this suite boots a gateway whose codes live
 * GATEWAY_VERIFICATION_TTL_MS = 3 s (part of the gateway's validated configuration; the default is 10 min) and waits
 * for them to run out.
 */
const TTL_MS = 3_000;

interface Verification {
  id: string;
  status: string;
  mode: string;
  expiresAt: string;
  createdAt: string;
  attemptsLeft: number;
}
interface Result {
  verified: boolean;
  status: string;
  reason: string | null;
  attemptsLeft: number;
}

describe('gateway: verification expiry (gateway mode)', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({ GATEWAY_VERIFICATION_TTL_MS: String(TTL_MS) });
  });
  afterAll(async () => {
    await stack.close();
  });

  const FIELDS = 'id status mode expiresAt createdAt attemptsLeft';
  const api = {
    rest: {
      async start(connection: string, to: string): Promise<Verification> {
        const res = await stack.rest('POST', '/v1/verifications', { connection, to });
        expect(res.status).toBe(201);
        return res.json as Verification;
      },
      async check(id: string, code: string): Promise<Result> {
        const res = await stack.rest('POST', `/v1/verifications/${id}/check`, { code });
        expect(res.status).toBe(200);
        return res.json as Result;
      },
      async get(id: string): Promise<Verification> {
        const res = await stack.rest('GET', `/v1/verifications/${id}`);
        expect(res.status).toBe(200);
        return res.json as Verification;
      },
    },
    graphql: {
      async start(connection: string, to: string): Promise<Verification> {
        const res = await stack.gql<{ startVerification: Verification }>(
          `mutation ($input: StartVerificationInput!) { startVerification(input: $input) { ${FIELDS} } }`,
          { input: { connection, to } },
        );
        expect(res.errors).toBeUndefined();
        return res.data!.startVerification;
      },
      async check(id: string, code: string): Promise<Result> {
        const res = await stack.gql<{ checkVerification: Result }>(
          'mutation ($input: CheckVerificationInput!) { checkVerification(input: $input) { verified status reason attemptsLeft } }',
          { input: { id, code } },
        );
        expect(res.errors).toBeUndefined();
        return res.data!.checkVerification;
      },
      async get(id: string): Promise<Verification> {
        const res = await stack.gql<{ verification: Verification }>(
          `query ($id: ID!) { verification(id: $id) { ${FIELDS} } }`,
          { id },
        );
        expect(res.errors).toBeUndefined();
        return res.data!.verification;
      },
    },
  };

  async function receivedCode(to: string): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const text = (await stack.simAdmin.messages(`?to=${encodeURIComponent(to)}`))[0]?.text;
      const match = typeof text === 'string' ? /^(\d+) is your /.exec(text) : null;
      if (match) return match[1]!;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${to} received no code`);
  }
  const wrong = (code: string) => code.replace(/^./, (d) => String((Number(d) + 1) % 10));
  const until = (iso: string) =>
    new Promise((r) => setTimeout(r, new Date(iso).getTime() - Date.now() + 100));

  const cases = (['rest', 'graphql'] as const).flatMap((kind) =>
    ['wessaal-demo', 'wamessenger-demo'].map((connection, i) => ({
      kind,
      connection,
      to: `+9665513${kind === 'rest' ? 1 : 2}${i}000`,
    })),
  );

  it.each(cases)(
    '$kind, $connection: the right code is refused once the configured TTL has passed',
    async ({ kind, connection, to }) => {
      const started = await api[kind].start(connection, to);
      expect(started).toMatchObject({ status: 'PENDING', mode: 'GATEWAY', attemptsLeft: 5 });
      const ttl = new Date(started.expiresAt).getTime() - new Date(started.createdAt).getTime();
      expect(ttl).toBeGreaterThanOrEqual(TTL_MS - 50);
      expect(ttl).toBeLessThan(TTL_MS + 1_000);
      const code = await receivedCode(to);
      expect(await api[kind].check(started.id, wrong(code))).toMatchObject({
        reason: 'INVALID_CODE',
        attemptsLeft: 4,
      });

      await until(started.expiresAt);
      // Read first: the expiry shows without a check.
      expect(await api[kind].get(started.id)).toMatchObject({ status: 'EXPIRED', attemptsLeft: 4 });
      const expired = { verified: false, status: 'EXPIRED', reason: 'EXPIRED', attemptsLeft: 4 };
      expect(await api[kind].check(started.id, code)).toEqual(expired);
      expect(await api[kind].check(started.id, code)).toEqual(expired);
      const rows: Array<{ status: string; attempts: number }> = await stack.db.query(
        'SELECT status, attempts FROM verifications WHERE id = $1',
        [started.id],
      );
      expect(rows).toEqual([{ status: 'EXPIRED', attempts: 1 }]);
    },
  );

  it('expires a code checked for the first time after the TTL, without spending an attempt', async () => {
    const to = '+966551309999';
    const started = await api.rest.start('wessaal-demo', to);
    const code = await receivedCode(to);
    await until(started.expiresAt);
    expect(await api.graphql.check(started.id, code)).toEqual({
      verified: false,
      status: 'EXPIRED',
      reason: 'EXPIRED',
      attemptsLeft: 5,
    });
  });

  it("leaves Watsal's native verifications on Watsal's own 300 s", async () => {
    const started = await api.rest.start('watsal-demo', '+966551308888');
    const ttl = new Date(started.expiresAt).getTime() - new Date(started.createdAt).getTime();
    expect(started.mode).toBe('NATIVE');
    expect(ttl).toBeGreaterThan(295_000);
  });
});
