import {
  createProvider,
  MessageStatus,
  ProviderErrorCode,
  WatsalClient,
  type MessagingProvider,
} from '@app/providers';
import {
  expectProviderError,
  startContractSim,
  STEP_MS,
  type ContractSim,
  type SimAccount,
} from './support/contract.js';

/** Watsal: OTP verification and template notifications (docs: provider-docs/README.md "Watsal", watsal.txt). */

const DEMO_KEY = 'watsal-demo-key';
const FAILS = '+966500000001';
const BLOCKED = '+966500000002';
const NEVER_DELIVERED = '+966500000003';
const READS_INSTANTLY = '+966500000004';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('watsal contract: client and adapter against the simulator', () => {
  let cs: ContractSim;
  let baseUrl: string;
  /** An isolated account with frozen lifecycle delays: only clock jumps move a message on. */
  let account: SimAccount;

  const clientFor = (apiKey: string, timeoutMs?: number): WatsalClient =>
    new WatsalClient({ baseUrl, apiKey, timeoutMs });
  const client = (): WatsalClient => clientFor(account.credentials.apiKey!);
  const adapterFor = (apiKey: string, timeoutMs?: number): MessagingProvider =>
    createProvider('watsal', { baseUrl, credentials: { apiKey }, timeoutMs });
  const adapter = (): MessagingProvider => adapterFor(account.credentials.apiKey!);
  const otpCode = async (requestId: string): Promise<string> => (await cs.control.otp(requestId)).code;
  /** Any code of the right shape that is not the one sent. */
  const wrongCode = (code: string): string => code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));

  beforeAll(async () => {
    cs = await startContractSim();
    baseUrl = `${cs.url}/watsal`;
    account = await cs.createAccount('watsal');
  });
  afterAll(async () => {
    await cs.close();
  });
  afterEach(async () => {
    await cs.control.clearFaults();
  });

  describe('client: every endpoint', () => {
    it('verifySend → verifyCheck: the code sent to the phone verifies the request', async () => {
      const to = '+966511000101';
      const sent = await client().verifySend({ phone: to, length: 6, brandName: 'Souq' });
      expect(sent).toMatchObject({ success: true, data: { status: 'sent', expires_in: 300 } });
      expect(sent.data.request_id).toMatch(/^req_/);

      const code = await otpCode(sent.data.request_id);
      expect(code).toMatch(/^\d{6}$/);
      const onPhone = await cs.phoneMessages({ account: account.id, to });
      expect(onPhone).toEqual([
        expect.objectContaining({
          id: sent.data.request_id,
          text: `${code} is your Souq verification code.`,
        }),
      ]);

      const checked = await client().verifyCheck({ requestId: sent.data.request_id, code });
      expect(checked.success).toBe(true);
      expect(checked.data.verified).toBe(true);
      expect(checked.data.timestamp).toMatch(ISO_SECONDS);
    });

    it('verifySend honours length 4 and 8 and defaults to 6', async () => {
      for (const [length, expected] of [
        [4, 4],
        [8, 8],
        [undefined, 6],
      ] as const) {
        const sent = await client().verifySend({ phone: '+966511000102', length });
        expect((await otpCode(sent.data.request_id)).length).toBe(expected);
      }
    });

    it('getMessage: an OTP request id is a message id; sent → delivered → read as the clock moves', async () => {
      const sent = await client().verifySend({ phone: '+966511000103' });
      const statuses: string[] = [];
      for (let i = 0; i < 3; i++) {
        const message = await client().getMessage(sent.data.request_id);
        expect(message.data.id).toBe(sent.data.request_id);
        expect(message.data.timestamp).toMatch(ISO_SECONDS);
        statuses.push(message.data.status);
        await cs.advance(STEP_MS);
      }
      expect(statuses).toEqual(['sent', 'delivered', 'read']);
    });

    it('notificationsSend: the template is rendered with the variables; queued → sent → delivered → read', async () => {
      const to = '+966511000104';
      const sent = await client().notificationsSend({
        phone: to,
        template: 'order_confirmed',
        variables: { name: 'Ahmed', order_id: '123' },
      });
      expect(sent).toMatchObject({ success: true, data: { status: 'queued' } });
      expect(sent.data.request_id).toMatch(/^req_/);
      expect((await cs.phoneMessages({ account: account.id, to })).map((m) => m.text)).toEqual([
        'Hi Ahmed, your order 123 is confirmed.',
      ]);

      const statuses: string[] = [];
      const stamps: string[] = [];
      for (let i = 0; i < 4; i++) {
        const message = await client().getMessage(sent.data.request_id);
        expect(message.data.id).toBe(sent.data.request_id);
        statuses.push(message.data.status);
        stamps.push(message.data.timestamp);
        await cs.advance(STEP_MS);
      }
      expect(statuses).toEqual(['queued', 'sent', 'delivered', 'read']);
      expect(new Set(stamps).size).toBe(4);
    });

    it('magic numbers: FAILS → failed, NEVER_DELIVERED stays sent, READS_INSTANTLY → read at once', async () => {
      const ids: Record<string, string> = {};
      for (const to of [FAILS, NEVER_DELIVERED, READS_INSTANTLY]) {
        const sent = await client().notificationsSend({ phone: to, template: 'order_update', variables: {} });
        ids[to] = sent.data.request_id;
      }
      await cs.advance(STEP_MS);
      await cs.advance(STEP_MS);
      await cs.advance(STEP_MS);
      expect((await client().getMessage(ids[FAILS]!)).data.status).toBe('failed');
      expect((await client().getMessage(ids[NEVER_DELIVERED]!)).data.status).toBe('sent');
      expect((await client().getMessage(ids[READS_INSTANTLY]!)).data.status).toBe('read');
    });
  });

  describe('adapter: every capability of the table', () => {
    it('the capability table is template, message_status and otp', () => {
      const supported = Object.entries(adapter().capabilities)
        .filter(([, on]) => on)
        .map(([capability]) => capability)
        .sort();
      expect(supported).toEqual(['message_status', 'otp', 'template']);
    });

    it('testConnection succeeds with the demo key', async () => {
      await expect(adapterFor(DEMO_KEY).testConnection()).resolves.toBeUndefined();
    });

    it('send template: QUEUED, then SENT → DELIVERED → READ through getMessageStatus', async () => {
      const sent = await adapter().send({
        type: 'template',
        to: '+966511000105',
        template: 'order_update',
        variables: { name: 'Sara', order_id: '77', status: 'shipped' },
      });
      expect(sent).toMatchObject({ status: MessageStatus.QUEUED, providerStatus: 'queued' });
      expect(
        (await cs.phoneMessages({ account: account.id, to: '+966511000105' })).map((m) => m.text),
      ).toEqual(['Hi Sara, your order 77 is now shipped.']);

      const seen: MessageStatus[] = [];
      for (let i = 0; i < 4; i++) {
        const status = await adapter().getMessageStatus(sent.providerMessageId);
        expect(status.providerMessageId).toBe(sent.providerMessageId);
        expect(status.updatedAt).toMatch(ISO_SECONDS);
        seen.push(status.status);
        await cs.advance(STEP_MS);
      }
      expect(seen).toEqual([
        MessageStatus.QUEUED,
        MessageStatus.SENT,
        MessageStatus.DELIVERED,
        MessageStatus.READ,
      ]);
    });

    it('send template to the FAILS number: QUEUED, then FAILED', async () => {
      const sent = await adapter().send({ type: 'template', to: FAILS, template: 'order_confirmed' });
      expect(sent.status).toBe(MessageStatus.QUEUED);
      await cs.advance(STEP_MS);
      expect(await adapter().getMessageStatus(sent.providerMessageId)).toMatchObject({
        status: MessageStatus.FAILED,
        providerStatus: 'failed',
      });
    });

    it('startVerification → checkVerification with the code sent: verified', async () => {
      const started = await adapter().startVerification({
        to: '+966511000106',
        codeLength: 5,
        brandName: 'Souq',
      });
      expect(started).toMatchObject({ status: 'sent', expiresInSeconds: 300 });
      const code = await otpCode(started.requestId);
      expect(code).toMatch(/^\d{5}$/);
      const checked = await adapter().checkVerification(started.requestId, code);
      expect(checked.verified).toBe(true);
      expect(checked.reason).toBeUndefined();
      expect(checked.checkedAt).toMatch(ISO_SECONDS);
      // An OTP's request id is also a message id (provider-docs/README.md, Watsal): its status is readable.
      expect(await adapter().getMessageStatus(started.requestId)).toMatchObject({
        providerMessageId: started.requestId,
        status: MessageStatus.SENT,
        providerStatus: 'sent',
      });
    });

    it('checkVerification reasons: invalid_code → INVALID_CODE, code_expired → EXPIRED, too_many_attempts → TOO_MANY_ATTEMPTS, unknown → NOT_FOUND', async () => {
      const wrong = await adapter().startVerification({ to: '+966511000107' });
      const code = await otpCode(wrong.requestId);
      expect(await adapter().checkVerification(wrong.requestId, wrongCode(code))).toMatchObject({
        verified: false,
        reason: 'INVALID_CODE',
      });
      // A wrong attempt does not spend the request: the right code still verifies.
      expect((await adapter().checkVerification(wrong.requestId, code)).verified).toBe(true);

      const expiring = await adapter().startVerification({ to: '+966511000108' });
      const expiringCode = await otpCode(expiring.requestId);
      await cs.advance(301_000);
      expect(await adapter().checkVerification(expiring.requestId, expiringCode)).toMatchObject({
        verified: false,
        reason: 'EXPIRED',
      });

      const locked = await adapter().startVerification({ to: '+966511000109' });
      const lockedCode = await otpCode(locked.requestId);
      for (let i = 0; i < 5; i++) {
        expect((await adapter().checkVerification(locked.requestId, wrongCode(lockedCode))).reason).toBe(
          'INVALID_CODE',
        );
      }
      expect(await adapter().checkVerification(locked.requestId, lockedCode)).toMatchObject({
        verified: false,
        reason: 'TOO_MANY_ATTEMPTS',
      });

      expect(await adapter().checkVerification('req_does-not-exist', '123456')).toMatchObject({
        verified: false,
        reason: 'NOT_FOUND',
      });
    });
  });

  describe('errors: every refusal the simulator can produce maps to its ProviderErrorCode', () => {
    it('missing or wrong key → AUTH_FAILED (401 unauthorized)', async () => {
      const missing = await expectProviderError(
        clientFor('').getMessage('req_x'),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(missing).toMatchObject({ httpStatus: 401, providerCode: 'unauthorized' });
      const wrong = await expectProviderError(
        clientFor('not-a-key').verifySend({ phone: '+966511000110' }),
        ProviderErrorCode.AUTH_FAILED,
      );
      expect(wrong).toMatchObject({ httpStatus: 401, providerCode: 'unauthorized' });
      await expectProviderError(adapterFor('not-a-key').testConnection(), ProviderErrorCode.AUTH_FAILED);
    });

    it('validation errors → VALIDATION_FAILED with fieldErrors naming the field', async () => {
      const phone = await expectProviderError(
        client().verifySend({ phone: '0501234567' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(phone).toMatchObject({ httpStatus: 422, providerCode: 'validation_error' });
      expect(Object.keys(phone.fieldErrors ?? {})).toEqual(['phone']);

      const notificationPhone = await expectProviderError(
        client().notificationsSend({ phone: '966511000111', template: 'order_confirmed' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(notificationPhone.fieldErrors ?? {})).toEqual(['phone']);

      const code = await expectProviderError(
        client().verifyCheck({ requestId: 'req_anything', code: 'abc' }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(Object.keys(code.fieldErrors ?? {})).toEqual(['code']);
    });

    it('unknown message, template and verification request → NOT_FOUND', async () => {
      const message = await expectProviderError(
        client().getMessage('req_missing'),
        ProviderErrorCode.NOT_FOUND,
      );
      expect(message).toMatchObject({ httpStatus: 404, providerCode: 'not_found' });
      await expectProviderError(adapter().getMessageStatus('req_missing'), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(
        client().notificationsSend({ phone: '+966511000112', template: 'no_such_template' }),
        ProviderErrorCode.NOT_FOUND,
      );
      await expectProviderError(
        client().verifyCheck({ requestId: 'req_missing', code: '123456' }),
        ProviderErrorCode.NOT_FOUND,
      );
    });

    it('the blocked number: refused (422 contact_blocked on `phone`) → CONTACT_BLOCKED, as on the other providers', async () => {
      const otp = await expectProviderError(
        client().verifySend({ phone: BLOCKED }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
      expect(otp).toMatchObject({ httpStatus: 422, providerCode: 'contact_blocked' });
      await expectProviderError(
        adapter().send({ type: 'template', to: BLOCKED, template: 'order_confirmed' }),
        ProviderErrorCode.CONTACT_BLOCKED,
      );
    });

    it('invalid_code, code_expired and too_many_attempts through the client keep their providerCode', async () => {
      const started = await client().verifySend({ phone: '+966511000113' });
      const code = await otpCode(started.data.request_id);
      const invalid = await expectProviderError(
        client().verifyCheck({ requestId: started.data.request_id, code: wrongCode(code) }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(invalid).toMatchObject({ httpStatus: 422, providerCode: 'invalid_code' });
      for (let i = 0; i < 4; i++) {
        await expectProviderError(
          client().verifyCheck({ requestId: started.data.request_id, code: wrongCode(code) }),
          ProviderErrorCode.VALIDATION_FAILED,
        );
      }
      // Locked for good after five wrong codes: the 429 is not a transient rate limit.
      const locked = await expectProviderError(
        client().verifyCheck({ requestId: started.data.request_id, code }),
        ProviderErrorCode.REJECTED,
      );
      expect(locked).toMatchObject({ httpStatus: 429, providerCode: 'too_many_attempts' });

      const expiring = await client().verifySend({ phone: '+966511000114' });
      const expiringCode = await otpCode(expiring.data.request_id);
      await cs.advance(300_000);
      const expired = await expectProviderError(
        client().verifyCheck({ requestId: expiring.data.request_id, code: expiringCode }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(expired).toMatchObject({ httpStatus: 422, providerCode: 'code_expired' });
    });

    it('a second check of a verified request is refused (already_verified)', async () => {
      const started = await client().verifySend({ phone: '+966511000115' });
      const code = await otpCode(started.data.request_id);
      await client().verifyCheck({ requestId: started.data.request_id, code });
      const again = await expectProviderError(
        client().verifyCheck({ requestId: started.data.request_id, code }),
        ProviderErrorCode.VALIDATION_FAILED,
      );
      expect(again.providerCode).toBe('already_verified');
      // The adapter reads it as an answer about the code, not a failure of the call.
      await expect(adapter().checkVerification(started.data.request_id, code)).resolves.toMatchObject({
        verified: false,
        reason: 'ALREADY_VERIFIED',
      });
    });

    it('over the rate limit → RATE_LIMITED with retryAfterSeconds; allowed again in the next minute', async () => {
      const limitedAccount = await cs.createAccount('watsal', { rateLimitPerMinute: 2 });
      const limitedClient = clientFor(limitedAccount.credentials.apiKey!);
      await expectProviderError(limitedClient.getMessage('req_a'), ProviderErrorCode.NOT_FOUND);
      await expectProviderError(limitedClient.getMessage('req_b'), ProviderErrorCode.NOT_FOUND);
      const limited = await expectProviderError(
        limitedClient.verifySend({ phone: '+966511000116' }),
        ProviderErrorCode.RATE_LIMITED,
      );
      expect(limited).toMatchObject({ httpStatus: 429, providerCode: 'rate_limited' });
      expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
      await cs.advance(61_000);
      await expect(limitedClient.verifySend({ phone: '+966511000116' })).resolves.toMatchObject({
        success: true,
      });
    });

    it('injected 503 → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'watsal', kind: 'error', status: 503, path: '/v1/verify/send' });
      const error = await expectProviderError(
        client().verifySend({ phone: '+966511000117' }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.httpStatus).toBe(503);
      await expectProviderError(
        adapter().startVerification({ to: '+966511000117' }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
    });

    it('injected connection reset → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'watsal', kind: 'reset', path: '/v1/notifications/send' });
      await expectProviderError(
        client().notificationsSend({ phone: '+966511000118', template: 'order_confirmed' }),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
    });

    it('injected hang with a 300 ms client timeout → PROVIDER_UNAVAILABLE', async () => {
      await cs.control.addFault({ provider: 'watsal', kind: 'hang', path: '/v1/messages/*' });
      const error = await expectProviderError(
        clientFor(account.credentials.apiKey!, 300).getMessage('req_x'),
        ProviderErrorCode.PROVIDER_UNAVAILABLE,
      );
      expect(error.message).toContain('300 ms');
    });

    it('a malformed 200 body → UNEXPECTED_RESPONSE keeping the raw body', async () => {
      const body = { success: true, data: { request_id: 'req_1' } };
      await cs.control.addFault({
        provider: 'watsal',
        kind: 'error',
        status: 200,
        path: '/v1/verify/send',
        body,
      });
      const error = await expectProviderError(
        client().verifySend({ phone: '+966511000119' }),
        ProviderErrorCode.UNEXPECTED_RESPONSE,
      );
      expect(error.rawBody).toEqual(body);
    });
  });
});
