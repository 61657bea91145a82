import nock from 'nock';
import { ProviderErrorCode } from '../core/provider-error.js';
import { fieldErrorsFromSentences, fieldOfSentence } from './washeej.field-errors.js';
import {
  CREDENTIALS,
  ORIGIN,
  PREFIX,
  failure,
  providerErrorOf,
  washeejTestClient,
} from './washeej.spec-support.js';
import { useNock } from '../core/testing/use-nock.js';
import { useResettingServer } from '../core/testing/resetting-server.js';
import { WasheejClient } from './washeej.client.js';

describe('Washeej error mapping (through the client)', () => {
  useNock();
  const resetting = useResettingServer();

  const client = washeejTestClient();
  const contactList = () => nock(ORIGIN).get(`${PREFIX}/contact/list`);

  describe('HTTP 401, remark Unauthorized (auth middleware, in order)', () => {
    it.each([
      ['The client id is required'],
      // The docs' example.
      ['The client secret is required'],
      ['Invalid credentials'],
    ])('"%s" → AUTH_FAILED', async (sentence) => {
      const body = failure('Unauthorized', [sentence]);
      contactList().reply(401, body);

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.AUTH_FAILED,
        provider: 'washeej',
        httpStatus: 401,
        rawBody: body,
        providerCode: 'Unauthorized',
        fieldErrors: undefined,
        retryAfterSeconds: undefined,
      });
      expect(error.message).toBe(`washeej: Unauthorized: ${sentence}`);
    });

    it('the IP whitelist refusal (docs example) → IP_NOT_WHITELISTED, keeping both sentences and the IP', async () => {
      const body = {
        remark: 'Unauthorized',
        status: 'error',
        message: [
          'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
          'In order to access this API endpoint, please add your IP address (::1) to the white list from the user dashboard.',
        ],
      };
      contactList().reply(401, body);

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.IP_NOT_WHITELISTED,
        httpStatus: 401,
        providerCode: 'Unauthorized',
        rawBody: body,
      });
      expect(error.message).toContain('caller IP ::1 is not on the account');
      expect(error.message).toContain(body.message[0]);
      expect(error.message).toContain(body.message[1]);
    });

    it('reports the real caller IP the server puts in place of ::1', async () => {
      contactList().reply(
        401,
        failure('Unauthorized', [
          'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
          'In order to access this API endpoint, please add your IP address (203.0.113.7) to the white list from the user dashboard.',
        ]),
      );

      const error = await providerErrorOf(client.contactList());

      expect(error.code).toBe(ProviderErrorCode.IP_NOT_WHITELISTED);
      expect(error.message).toContain('caller IP 203.0.113.7');
    });
  });

  describe('HTTP 200 with status "error"', () => {
    it.each([
      ['subscription_required', 'You have no active plan', ProviderErrorCode.SUBSCRIPTION_REQUIRED],
      ['not_available', 'Your plan does not include API access', ProviderErrorCode.SUBSCRIPTION_REQUIRED],
      ['exception', 'Something went to wrong', ProviderErrorCode.PROVIDER_UNAVAILABLE],
      ['not_found', 'The whatsapp account is not found', ProviderErrorCode.NOT_FOUND],
      ['unknown_contact', 'The contact is not found', ProviderErrorCode.NOT_FOUND],
      ['user_error', 'No user found for provided credentials', ProviderErrorCode.AUTH_FAILED],
      // Blocked contacts come back under whatever remark the endpoint uses.
      [
        'not_found',
        'You cannot send or receive messages with this contact because they have been blocked.',
        ProviderErrorCode.CONTACT_BLOCKED,
      ],
      ['contact_blocked', 'The contact is unavailable', ProviderErrorCode.CONTACT_BLOCKED],
      // A plan lacking a feature is reported as not_found by the platform.
      [
        'not_found',
        'Your current plan does not support interactive messages. Please upgrade your plan.',
        ProviderErrorCode.SUBSCRIPTION_REQUIRED,
      ],
      [
        'contact_limit_error',
        'You’ve reached your  contact limit. Please upgrade your plan to continue.',
        ProviderErrorCode.SUBSCRIPTION_REQUIRED,
      ],
      // Business refusals whose remark the docs do not give: REJECTED, remark kept.
      [
        'window_closed',
        'Free-form messages are only allowed within 24 hours after the customer last messaged you.',
        ProviderErrorCode.REJECTED,
      ],
      ['sender_error', 'Templates are only supported on Cloud API accounts.', ProviderErrorCode.REJECTED],
    ])('remark %s "%s" → %s', async (remark, sentence, code) => {
      const body = failure(remark, [sentence]);
      contactList().reply(200, body);

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code,
        httpStatus: 200,
        providerCode: remark,
        rawBody: body,
        fieldErrors: undefined,
      });
      expect(error.message).toBe(`washeej: ${remark}: ${sentence}`);
    });

    it('validation_error → VALIDATION_FAILED with fieldErrors built from the flat sentence list', async () => {
      const body = failure('validation_error', [
        'The firstname field is required.',
        'The mobile code field is required.',
        'The mobile has already been taken.',
        'The mobile field format is invalid.',
        'The body variables.0 field must be a string.',
        'Something went wrong with your request.',
      ]);
      contactList().reply(200, body);

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.VALIDATION_FAILED,
        httpStatus: 200,
        providerCode: 'validation_error',
        rawBody: body,
        fieldErrors: {
          firstname: ['The firstname field is required.'],
          mobile_code: ['The mobile code field is required.'],
          mobile: ['The mobile has already been taken.', 'The mobile field format is invalid.'],
          'body_variables.0': ['The body variables.0 field must be a string.'],
          _: ['Something went wrong with your request.'],
        },
      });
    });

    it('an error envelope without remark or message → REJECTED', async () => {
      contactList().reply(200, { status: 'error' });

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.REJECTED,
        providerCode: undefined,
        rawBody: { status: 'error' },
      });
      expect(error.message).toBe('washeej: HTTP 200: no message');
    });
  });

  describe('HTTP errors and transport', () => {
    it('404 for an unknown route (e.g. the docs typo extern-api) → NOT_FOUND with the HTML kept', async () => {
      contactList().reply(404, '<!DOCTYPE html><title>Not Found</title>');

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.NOT_FOUND,
        httpStatus: 404,
        rawBody: '<!DOCTYPE html><title>Not Found</title>',
        providerCode: undefined,
      });
    });

    it('429 → RATE_LIMITED with Retry-After seconds', async () => {
      const body = { message: 'Too Many Attempts.' };
      contactList().reply(429, body, { 'Retry-After': '30' });

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.RATE_LIMITED,
        httpStatus: 429,
        retryAfterSeconds: 30,
        rawBody: body,
      });
      expect(error.transient).toBe(true);
    });

    it('503 → PROVIDER_UNAVAILABLE, even with an error envelope', async () => {
      const body = failure('exception', ['Service Unavailable']);
      contactList().reply(503, body, { 'Retry-After': '120' });

      const error = await providerErrorOf(client.contactList());

      expect(error).toMatchObject({
        code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
        httpStatus: 503,
        providerCode: 'exception',
        retryAfterSeconds: 120,
        rawBody: body,
      });
    });

    it('a timeout → PROVIDER_UNAVAILABLE', async () => {
      contactList().delay(1_000).reply(200, {});

      const error = await providerErrorOf(washeejTestClient(100).contactList());

      expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, provider: 'washeej' });
      expect(error.message).toContain('no answer within 100 ms');
    });

    it('a connection reset → PROVIDER_UNAVAILABLE', async () => {
      const accepted = resetting.connections;
      const reset = new WasheejClient({
        ...CREDENTIALS,
        baseUrl: `${resetting.origin}${PREFIX}`,
        timeoutMs: 15_000,
      });

      const error = await providerErrorOf(reset.contactList());

      expect(error).toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE, httpStatus: undefined });
      expect(error.message).toContain('connection failed (ECONNRESET: read ECONNRESET)');
      expect(resetting.connections).toBe(accepted + 1);
    });
  });
});

describe('fieldOfSentence', () => {
  it.each([
    ['The firstname field is required.', 'firstname'],
    ['The lastname field must not be greater than 40 characters.', 'lastname'],
    ['The mobile code field is required.', 'mobile_code'],
    ['The mobile field format is invalid.', 'mobile'],
    ['The profile image field must be an image.', 'profile_image'],
    ['The longitude field is required when latitude is not empty.', 'longitude'],
    ['The message should not be empty.', 'message'],
    ['The template id field is required.', 'template_id'],
    ['The selected status is invalid.', 'status'],
    ['The header variables.1 field must be a string.', 'header_variables.1'],
    ['The nickname field is required.', 'nickname'],
    ['The whatsapp account is not found', undefined],
    ['Please try again later.', undefined],
  ])('"%s" → %s', (sentence, field) => {
    expect(fieldOfSentence(sentence)).toBe(field);
  });

  it('groups sentences per field and keeps their order', () => {
    expect(
      fieldErrorsFromSentences(['The city field must be a string.', 'Oops.', 'The city is bad.']),
    ).toEqual({
      city: ['The city field must be a string.', 'The city is bad.'],
      _: ['Oops.'],
    });
  });
});
