import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';
import { http } from '../../support/http.js';

interface Verification {
  id: string;
  connection: string;
  provider: string;
  to: string;
  status: string;
  mode: string;
  expiresAt: string;
  attemptsLeft: number;
  messageId: string | null;
  providerRequestId: string | null;
  createdAt: string;
}
interface Result {
  verified: boolean;
  status: string;
  reason: string | null;
  attemptsLeft: number;
}
interface Failure {
  code: string;
  fields?: Record<string, string[]>;
  httpStatus?: number;
}
type Answer<T> =
  { value: T; error?: undefined; raw: string } | { value?: undefined; error: Failure; raw: string };

const API_KINDS = ['rest', 'graphql'] as const;
type ApiKind = (typeof API_KINDS)[number];

const FIELDS =
  'id connection provider to status mode expiresAt attemptsLeft messageId providerRequestId createdAt';
const RESULT_FIELDS = 'verified status reason attemptsLeft';

/** One face of the API: the same calls through REST or GraphQL, answers normalized, never a 500. */
function apiOf(stack: GatewayStack, kind: ApiKind) {
  const restAnswer = <T>(
    res: { status: number; text: string; json: unknown },
    okStatus: number,
  ): Answer<T> => {
    expect(res.status).not.toBe(500);
    if (res.status === okStatus) return { value: res.json as T, raw: res.text };
    const problem = res.json as { code: string; fields?: Record<string, string[]> };
    expect(res.status).toBeGreaterThanOrEqual(400);
    return { error: { code: problem.code, fields: problem.fields, httpStatus: res.status }, raw: res.text };
  };
  const gqlAnswer = async <T>(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    apiKey?: string,
  ): Promise<Answer<T>> => {
    const res = await stack.gql<Record<string, T>>(query, variables, apiKey);
    const raw = JSON.stringify(res);
    const first = res.errors?.[0];
    if (first) {
      expect(first.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      return {
        error: {
          code: String(first.extensions?.code),
          fields: first.extensions?.fields as Record<string, string[]> | undefined,
        },
        raw,
      };
    }
    return { value: res.data?.[field] as T, raw };
  };
  return {
    kind,
    async start(input: Record<string, unknown>, apiKey?: string): Promise<Answer<Verification>> {
      if (kind === 'rest')
        return restAnswer(await stack.rest('POST', '/v1/verifications', input, apiKey), 201);
      return gqlAnswer(
        `mutation ($input: StartVerificationInput!) { startVerification(input: $input) { ${FIELDS} } }`,
        { input },
        'startVerification',
        apiKey,
      );
    },
    async check(id: string, code: string, apiKey?: string): Promise<Answer<Result>> {
      if (kind === 'rest') {
        const path = `/v1/verifications/${encodeURIComponent(id)}/check`;
        return restAnswer(await stack.rest('POST', path, { code }, apiKey), 200);
      }
      return gqlAnswer(
        `mutation ($input: CheckVerificationInput!) { checkVerification(input: $input) { ${RESULT_FIELDS} } }`,
        { input: { id, code } },
        'checkVerification',
        apiKey,
      );
    },
    /** The verification, or null when the caller cannot see it (REST: 404 NOT_FOUND, GraphQL: null). */
    async get(id: string, apiKey?: string): Promise<Verification | null> {
      if (kind === 'rest') {
        const answer = restAnswer<Verification>(
          await stack.rest('GET', `/v1/verifications/${encodeURIComponent(id)}`, undefined, apiKey),
          200,
        );
        if (answer.error) {
          expect(answer.error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
          return null;
        }
        return answer.value;
      }
      const answer = await gqlAnswer<Verification | null>(
        `query ($id: ID!) { verification(id: $id) { ${FIELDS} } }`,
        { id },
        'verification',
        apiKey,
      );
      // The lookup rule: an unknown or foreign id is null with a NOT_FOUND error.
      if (answer.error) {
        expect(answer.error).toMatchObject({ code: 'NOT_FOUND' });
        return null;
      }
      expect(answer.value).not.toBeNull();
      return answer.value ?? null;
    },
  };
}
type Api = ReturnType<typeof apiOf>;

function valueOf<T>(answer: Answer<T>): T {
  if (answer.error) throw new Error(`expected success, got ${answer.raw}`);
  return answer.value;
}

let phoneCounter = 0;
/** A fresh recipient per test (Saudi mobile range, far from the magic numbers), so phones never mix. */
function freshPhone(): string {
  phoneCounter += 1;
  return `+9665512${String(phoneCounter).padStart(5, '0')}`;
}

/** A code of `length` digits that is not `code`. */
function wrongCode(code: string): string {
  return code
    .split('')
    .map((d) => String((Number(d) + 1) % 10))
    .join('');
}

describe('gateway: verifications (OTP)', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(() => stack.close());

  /** The provider's request id as stored (the API shows the same value as `providerRequestId`). */
  async function providerRequestIdOf(id: string): Promise<string> {
    const rows: Array<{ provider_request_id: string }> = await stack.db.query(
      'SELECT provider_request_id FROM verifications WHERE id = $1',
      [id],
    );
    expect(rows[0]?.provider_request_id).toEqual(expect.any(String));
    return rows[0]!.provider_request_id;
  }
  async function watsalCode(id: string): Promise<string> {
    return (await stack.simAdmin.otp(await providerRequestIdOf(id))).code;
  }
  /** Gateway mode: the code as the simulated phone received it. */
  async function receivedText(to: string): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const received = await stack.simAdmin.messages(`?to=${encodeURIComponent(to)}`);
      const text = received[0]?.text;
      if (typeof text === 'string') return text;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${to} received nothing`);
  }
  async function receivedCode(to: string): Promise<string> {
    const match = /^(\d+) is your /.exec(await receivedText(to));
    expect(match).not.toBeNull();
    return match![1]!;
  }
  async function dbRow(id: string): Promise<Record<string, unknown>> {
    const rows: Array<Record<string, unknown>> = await stack.db.query(
      'SELECT * FROM verifications WHERE id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  describe.each(API_KINDS)('through %s', (kind) => {
    let api: Api;
    beforeAll(() => {
      api = apiOf(stack, kind);
    });

    describe('Watsal, natively', () => {
      it('verifies the code Watsal sent, after a wrong one; shows the request id, never the code', async () => {
        const to = freshPhone();
        const before = Date.now();
        const started = await api.start({ connection: 'watsal-demo', to });
        const verification = valueOf(started);
        expect(verification).toMatchObject({
          connection: 'watsal-demo',
          provider: 'watsal',
          to,
          status: 'PENDING',
          mode: 'NATIVE',
          attemptsLeft: 5,
          messageId: null,
        });
        const ttl = new Date(verification.expiresAt).getTime() - before;
        expect(ttl).toBeGreaterThan(295_000);
        expect(ttl).toBeLessThan(305_000);

        const requestId = await providerRequestIdOf(verification.id);
        const code = await watsalCode(verification.id);
        expect(code).toMatch(/^\d{6}$/);
        // The developer's path: the answer's providerRequestId is the simulator's key for the code it sent.
        expect(verification.providerRequestId).toBe(requestId);
        expect((await stack.simAdmin.otp(verification.providerRequestId!)).code).toBe(code);
        expect(started.raw).not.toContain(code);
        expect(await api.get(verification.id)).toMatchObject({ providerRequestId: requestId });
        expect(await dbRow(verification.id)).toMatchObject({
          mode: 'native',
          code_hash: null,
          code_salt: null,
        });

        expect(valueOf(await api.check(verification.id, wrongCode(code)))).toEqual({
          verified: false,
          status: 'PENDING',
          reason: 'INVALID_CODE',
          attemptsLeft: 4,
        });
        const ok = await api.check(verification.id, code);
        expect(valueOf(ok)).toEqual({ verified: true, status: 'VERIFIED', reason: null, attemptsLeft: 4 });
        expect(ok.raw).not.toContain(code);
        expect(valueOf(await api.check(verification.id, code))).toEqual({
          verified: false,
          status: 'VERIFIED',
          reason: 'ALREADY_VERIFIED',
          attemptsLeft: 4,
        });
        expect(await api.get(verification.id)).toMatchObject({ status: 'VERIFIED', attemptsLeft: 4 });
      });

      it('passes codeLength and brandName to Watsal', async () => {
        const to = freshPhone();
        const verification = valueOf(
          await api.start({ connection: 'watsal-demo', to, codeLength: 8, brandName: 'Acme' }),
        );
        const code = await watsalCode(verification.id);
        expect(code).toMatch(/^\d{8}$/);
        expect(await receivedText(to)).toBe(`${code} is your Acme verification code.`);
        const four = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone(), codeLength: 4 }));
        expect(await watsalCode(four.id)).toMatch(/^\d{4}$/);
        expect(valueOf(await api.check(four.id, await watsalCode(four.id))).verified).toBe(true);
      });

      it('mirrors EXPIRED once Watsal has let 300 s pass', async () => {
        const verification = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const code = await watsalCode(verification.id);
        await stack.simAdmin.advance(301_000);
        expect(valueOf(await api.check(verification.id, code))).toEqual({
          verified: false,
          status: 'EXPIRED',
          reason: 'EXPIRED',
          attemptsLeft: 5,
        });
        expect(valueOf(await api.check(verification.id, code))).toMatchObject({
          status: 'EXPIRED',
          reason: 'EXPIRED',
        });
        expect(await api.get(verification.id)).toMatchObject({ status: 'EXPIRED' });
        expect(await dbRow(verification.id)).toMatchObject({ status: 'EXPIRED' });
      });

      it('fails after 5 wrong codes, and then refuses even the right one', async () => {
        const verification = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const code = await watsalCode(verification.id);
        for (let left = 4; left >= 1; left--) {
          expect(valueOf(await api.check(verification.id, wrongCode(code)))).toEqual({
            verified: false,
            status: 'PENDING',
            reason: 'INVALID_CODE',
            attemptsLeft: left,
          });
        }
        expect(valueOf(await api.check(verification.id, wrongCode(code)))).toEqual({
          verified: false,
          status: 'FAILED',
          reason: 'INVALID_CODE',
          attemptsLeft: 0,
        });
        expect(valueOf(await api.check(verification.id, code))).toEqual({
          verified: false,
          status: 'FAILED',
          reason: 'TOO_MANY_ATTEMPTS',
          attemptsLeft: 0,
        });
        expect(await api.get(verification.id)).toMatchObject({ status: 'FAILED', attemptsLeft: 0 });
      });

      it("mirrors Watsal's own lock (too_many_attempts) and a request Watsal no longer knows (not_found)", async () => {
        const locked = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const requestId = await providerRequestIdOf(locked.id);
        const code = await watsalCode(locked.id);
        // Someone spends Watsal's attempts behind the gateway's back.
        for (let i = 0; i < 5; i++) {
          const res = await http(`${stack.sim.url}/watsal/v1/verify/check`, {
            method: 'POST',
            headers: { authorization: 'Bearer watsal-demo-key' },
            json: { request_id: requestId, code: wrongCode(code) },
          });
          expect(res.status).toBe(422);
        }
        expect(valueOf(await api.check(locked.id, code))).toEqual({
          verified: false,
          status: 'FAILED',
          reason: 'TOO_MANY_ATTEMPTS',
          attemptsLeft: 0,
        });

        const lost = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const lostCode = await watsalCode(lost.id);
        await stack.simAdmin.reset('watsal-demo');
        expect(valueOf(await api.check(lost.id, lostCode))).toEqual({
          verified: false,
          status: 'FAILED',
          reason: 'NOT_FOUND',
          attemptsLeft: 0,
        });
        expect(valueOf(await api.check(lost.id, lostCode))).toMatchObject({
          status: 'FAILED',
          reason: 'NOT_FOUND',
        });
      });

      it("maps Watsal's refusals and outages, and an outage spends no attempt", async () => {
        const blocked = await api.start({ connection: 'watsal-demo', to: '+966500000002' });
        expect(blocked.error).toMatchObject({ code: 'CONTACT_BLOCKED' });
        if (kind === 'rest') expect(blocked.error?.httpStatus).toBe(422);

        const verification = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const code = await watsalCode(verification.id);
        await stack.simAdmin.addFault({
          provider: 'watsal',
          kind: 'error',
          path: '/v1/verify/check',
          status: 503,
          times: 1,
        });
        const down = await api.check(verification.id, code);
        expect(down.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
        if (kind === 'rest') expect(down.error?.httpStatus).toBe(503);
        expect(await api.get(verification.id)).toMatchObject({ status: 'PENDING', attemptsLeft: 5 });
        expect(valueOf(await api.check(verification.id, code))).toMatchObject({
          verified: true,
          attemptsLeft: 5,
        });

        await stack.simAdmin.addFault({
          provider: 'watsal',
          kind: 'error',
          path: '/v1/verify/send',
          status: 401,
          times: 1,
        });
        expect((await api.start({ connection: 'watsal-demo', to: freshPhone() })).error).toMatchObject({
          code: 'AUTH_FAILED',
        });
      });

      it('lets only one of two simultaneous right codes verify', async () => {
        const verification = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        const code = await watsalCode(verification.id);
        const answers = (
          await Promise.all([api.check(verification.id, code), api.check(verification.id, code)])
        ).map(valueOf);
        expect(answers.filter((a) => a.verified)).toHaveLength(1);
        expect(answers.find((a) => !a.verified)).toMatchObject({
          status: 'VERIFIED',
          reason: 'ALREADY_VERIFIED',
        });
      });
    });

    describe.each(['wessaal-demo', 'wamessenger-demo', 'washeej-demo', 'wutt-demo'])(
      'gateway mode on %s',
      (connection) => {
        const provider = connection.replace(/-demo$/, '');
        /** Washeej/Wutt Cloud senders need the customer to have written within 24 h. */
        async function reachable(to: string): Promise<void> {
          if (provider === 'washeej' || provider === 'wutt')
            await stack.simAdmin.inbound({ provider, from: to, text: 'hi' });
        }

        it('sends a gateway code as a text, stores only its hash, and verifies it after a wrong one', async () => {
          const to = freshPhone();
          await reachable(to);
          const before = Date.now();
          const started = await api.start({ connection, to, codeLength: 8, brandName: 'Acme' });
          const verification = valueOf(started);
          expect(verification).toMatchObject({
            connection,
            provider,
            to,
            status: 'PENDING',
            mode: 'GATEWAY',
            attemptsLeft: 5,
            messageId: expect.any(String),
            providerRequestId: null,
          });
          const ttl = new Date(verification.expiresAt).getTime() - before;
          expect(ttl).toBeGreaterThan(590_000);
          expect(ttl).toBeLessThan(610_000);

          const text = await receivedText(to);
          const code = await receivedCode(to);
          expect(text).toBe(`${code} is your Acme code`);
          expect(code).toMatch(/^\d{8}$/);
          expect(started.raw).not.toContain(code);
          expect(JSON.stringify(await api.get(verification.id))).not.toContain(code);

          const row = await dbRow(verification.id);
          expect(row).toMatchObject({
            mode: 'gateway',
            provider_request_id: null,
            message_id: verification.messageId,
          });
          expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
          expect(JSON.stringify(row)).not.toContain(code);

          expect(valueOf(await api.check(verification.id, wrongCode(code)))).toEqual({
            verified: false,
            status: 'PENDING',
            reason: 'INVALID_CODE',
            attemptsLeft: 4,
          });
          const ok = await api.check(verification.id, code);
          expect(valueOf(ok)).toEqual({ verified: true, status: 'VERIFIED', reason: null, attemptsLeft: 4 });
          expect(ok.raw).not.toContain(code);
          expect(valueOf(await api.check(verification.id, code))).toEqual({
            verified: false,
            status: 'VERIFIED',
            reason: 'ALREADY_VERIFIED',
            attemptsLeft: 4,
          });
          expect(await api.get(verification.id)).toMatchObject({ status: 'VERIFIED' });
        });

        it('uses 6 digits and the word "verification" by default', async () => {
          const to = freshPhone();
          await reachable(to);
          valueOf(await api.start({ connection, to }));
          expect(await receivedText(to)).toMatch(/^\d{6} is your verification code$/);
        });

        it('fails after 5 wrong codes, and then refuses even the right one', async () => {
          const to = freshPhone();
          await reachable(to);
          const verification = valueOf(await api.start({ connection, to }));
          const code = await receivedCode(to);
          for (let left = 4; left >= 0; left--) {
            expect(valueOf(await api.check(verification.id, wrongCode(code)))).toEqual({
              verified: false,
              status: left === 0 ? 'FAILED' : 'PENDING',
              reason: 'INVALID_CODE',
              attemptsLeft: left,
            });
          }
          expect(valueOf(await api.check(verification.id, code))).toEqual({
            verified: false,
            status: 'FAILED',
            reason: 'TOO_MANY_ATTEMPTS',
            attemptsLeft: 0,
          });
          expect(await api.get(verification.id)).toMatchObject({ status: 'FAILED', attemptsLeft: 0 });
          expect(await dbRow(verification.id)).toMatchObject({ status: 'FAILED', attempts: 5 });
        });
      },
    );

    describe('gateway mode, concurrency and failures', () => {
      it('never lets simultaneous wrong codes spend more than the 5 attempts', async () => {
        const to = freshPhone();
        const verification = valueOf(await api.start({ connection: 'wessaal-demo', to }));
        const code = await receivedCode(to);
        const answers = (
          await Promise.all(Array.from({ length: 10 }, () => api.check(verification.id, wrongCode(code))))
        ).map(valueOf);
        const invalid = answers.filter((a) => a.reason === 'INVALID_CODE');
        expect(invalid.map((a) => a.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
        expect(answers.filter((a) => a.reason === 'TOO_MANY_ATTEMPTS')).toHaveLength(5);
        expect(await dbRow(verification.id)).toMatchObject({ status: 'FAILED', attempts: 5 });
      });

      it('lets only one of two simultaneous checks spend the last attempt', async () => {
        const to = freshPhone();
        const verification = valueOf(await api.start({ connection: 'wamessenger-demo', to }));
        const code = await receivedCode(to);
        for (let i = 0; i < 4; i++) await api.check(verification.id, wrongCode(code));
        const answers = (
          await Promise.all([api.check(verification.id, code), api.check(verification.id, code)])
        ).map(valueOf);
        expect(answers.filter((a) => a.verified)).toHaveLength(1);
        expect(answers.find((a) => !a.verified)).toMatchObject({
          status: 'VERIFIED',
          reason: 'ALREADY_VERIFIED',
        });
        expect(await dbRow(verification.id)).toMatchObject({ status: 'VERIFIED', attempts: 4 });
      });

      it('reports a text the provider refuses as the error, with no verification left behind', async () => {
        const count = async () =>
          Number((await stack.db.query('SELECT count(*) AS n FROM verifications'))[0].n);
        const before = await count();
        const closed = await api.start({ connection: 'washeej-demo', to: freshPhone() });
        expect(closed.error).toMatchObject({ code: 'REJECTED' });
        const blocked = await api.start({ connection: 'wessaal-demo', to: '+966500000002' });
        expect(blocked.error).toMatchObject({ code: 'CONTACT_BLOCKED' });
        if (kind === 'rest') expect(blocked.error?.httpStatus).toBe(422);
        expect(await count()).toBe(before);
      });
    });

    describe('input and isolation', () => {
      it('refuses codeLength 3 and 9, a bad number, a bad brand and malformed codes, naming the field', async () => {
        for (const codeLength of [3, 9]) {
          const answer = await api.start({ connection: 'wessaal-demo', to: freshPhone(), codeLength });
          expect(answer.error).toMatchObject({
            code: 'BAD_USER_INPUT',
            fields: { codeLength: expect.any(Array) },
          });
          if (kind === 'rest') expect(answer.error?.httpStatus).toBe(400);
        }
        for (const to of ['0501234567', '+12', '+9665512abc']) {
          const answer = await api.start({ connection: 'wessaal-demo', to });
          expect(answer.error).toMatchObject({ code: 'BAD_USER_INPUT', fields: { to: expect.any(Array) } });
        }
        const invalidNumber = await api.start({ connection: 'wessaal-demo', to: '+999123456789' });
        expect(invalidNumber.error).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { to: expect.any(Array) },
        });
        const brand = await api.start({ connection: 'wessaal-demo', to: freshPhone(), brandName: 'a\nb' });
        expect(brand.error).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { brandName: expect.any(Array) },
        });
        const unknown = await api.start({ connection: 'nope', to: freshPhone() });
        expect(unknown.error).toMatchObject({ code: 'NOT_FOUND' });

        const to = freshPhone();
        const verification = valueOf(await api.start({ connection: 'wessaal-demo', to }));
        for (const code of ['12a456', '123', '123456789', '']) {
          const answer = await api.check(verification.id, code);
          expect(answer.error).toMatchObject({ code: 'BAD_USER_INPUT', fields: { code: expect.any(Array) } });
        }
        expect(await api.get(verification.id)).toMatchObject({ attemptsLeft: 5 });
        for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
          expect((await api.check(id, '123456')).error).toMatchObject({ code: 'NOT_FOUND' });
          expect(await api.get(id)).toBeNull();
        }
      });

      it('keeps tenants apart: another tenant can neither read nor check, nor spend an attempt', async () => {
        const other = await stack.seedTenant();
        const to = freshPhone();
        const mine = valueOf(await api.start({ connection: 'wessaal-demo', to }));
        const code = await receivedCode(to);
        expect(await api.get(mine.id, other.apiKey)).toBeNull();
        const check = await api.check(mine.id, code, other.apiKey);
        expect(check.error).toMatchObject({ code: 'NOT_FOUND' });
        if (kind === 'rest') expect(check.error?.httpStatus).toBe(404);
        const native = valueOf(await api.start({ connection: 'watsal-demo', to: freshPhone() }));
        expect((await api.check(native.id, await watsalCode(native.id), other.apiKey)).error).toMatchObject({
          code: 'NOT_FOUND',
        });
        expect(await api.get(mine.id)).toMatchObject({ status: 'PENDING', attemptsLeft: 5 });
        expect(await api.get(native.id)).toMatchObject({ status: 'PENDING', attemptsLeft: 5 });

        const theirs = valueOf(
          await api.start({ connection: 'wessaal-demo', to: freshPhone() }, other.apiKey),
        );
        expect(await api.get(theirs.id)).toBeNull();
        expect(valueOf(await api.check(mine.id, code))).toMatchObject({ verified: true });
      });
    });
  });

  it('exposes no provider request id or code field in the GraphQL schema', async () => {
    const type = await stack.gql<{ __type: { fields: Array<{ name: string }> } }>(
      '{ __type(name: "Verification") { fields { name } } }',
    );
    expect(type.data?.__type.fields.map((f) => f.name).sort()).toEqual(FIELDS.split(' ').sort());
  });

  it('documents the three REST routes in OpenAPI, behind the bearer key', async () => {
    const doc = (await http(`${stack.url}/docs-json`)).json as {
      paths: Record<string, Record<string, { security?: unknown[]; tags?: string[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.paths['/v1/verifications']?.post?.tags).toEqual(['verifications']);
    expect(doc.paths['/v1/verifications/{id}/check']?.post?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/verifications/{id}']?.get).toBeDefined();
    expect(doc.components.schemas.VerificationModel?.properties?.providerRequestId).toMatchObject({
      type: 'string',
      nullable: true,
    });
    expect(Object.keys(doc.components.schemas.VerificationResultModel?.properties ?? {}).sort()).toEqual([
      'attemptsLeft',
      'reason',
      'status',
      'verified',
    ]);
  });

  it('keeps no clear code anywhere in the database', async () => {
    const to = freshPhone();
    const rest = apiOf(stack, 'rest');
    const verification = valueOf(await rest.start({ connection: 'wessaal-demo', to, codeLength: 8 }));
    const code = await receivedCode(to);
    expect(valueOf(await rest.check(verification.id, code)).verified).toBe(true);
    const tables: Array<{ table_name: string }> = await stack.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['verifications', 'messages']));
    for (const { table_name } of tables) {
      const rows: Array<{ row: string }> = await stack.db.query(
        `SELECT t::text AS row FROM "${table_name}" t`,
      );
      for (const { row } of rows)
        expect({ table_name, row }).toEqual({ table_name, row: expect.not.stringContaining(code) });
    }
  });
});
