import nock from 'nock';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { WaMessengerClient, type WaMessengerClientConfig } from './wamessenger.client.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'https://api.wamessenger.ir';
const KEY = 'Ab12Cd34Ef56';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_BODY = { 'content-type': 'application/json' };

function clientWith(overrides: Partial<WaMessengerClientConfig> = {}): WaMessengerClient {
  return new WaMessengerClient({ baseUrl: BASE, apiKey: KEY, timeoutMs: 5_000, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

// The doc's getStatus / showAllMessages item.
const STATUS_ITEM = {
  status: 'OK',
  statusInfo: 'Message successfully sent',
  id: '80406105',
  phonenumber: '989121234567',
  text: 'test',
  created: '2022-08-29 21:52:05',
  execute: '2022-08-29 21:52:05',
  delivery: 'read',
};

describe('WaMessengerClient', () => {
  useNock();

  describe('sendMessage (single)', () => {
    it('form-encodes phonenumber, text and url, with the key as a path segment, and reads the bare id', async () => {
      nock(BASE, { reqheaders: FORM })
        .post(
          `/sendMessage/${KEY}`,
          'phonenumber=989121234567&text=test&url=https%3A%2F%2Furl.com%2Fimage.jpeg',
        )
        .reply(200, '80379458 ', { 'content-type': 'text/html; charset=UTF-8' });
      const id = await clientWith().sendMessage({
        phonenumber: '989121234567',
        text: 'test',
        url: 'https://url.com/image.jpeg',
      });
      expect(id).toBe('80379458');
    });

    it('leaves url out when there is none', async () => {
      nock(BASE).post(`/sendMessage/${KEY}`, 'phonenumber=989121234567&text=hello').reply(200, '80379459');
      await expect(clientWith().sendMessage({ phonenumber: '989121234567', text: 'hello' })).resolves.toBe(
        '80379459',
      );
    });

    it('accepts the id as a JSON number or a JSON string', async () => {
      nock(BASE).post(`/sendMessage/${KEY}`).reply(200, '80379460', { 'content-type': 'application/json' });
      nock(BASE).post(`/sendMessage/${KEY}`).reply(200, '"80379461"', { 'content-type': 'application/json' });
      const client = clientWith();
      await expect(client.sendMessage({ phonenumber: '989121234567', text: 'a' })).resolves.toBe('80379460');
      await expect(client.sendMessage({ phonenumber: '989121234567', text: 'b' })).resolves.toBe('80379461');
    });

    it('sends a JSON body when configured for the successor service', async () => {
      nock(BASE, { reqheaders: JSON_BODY })
        .post(`/sendMessage/${KEY}`, { phonenumber: '989121234567', text: 'test' })
        .reply(200, '80379462');
      const id = await clientWith({ bodyEncoding: 'json' }).sendMessage({
        phonenumber: '989121234567',
        text: 'test',
      });
      expect(id).toBe('80379462');
    });

    it('escapes the key as one path segment', async () => {
      nock(BASE).post('/sendMessage/k%2Fey%20%3F1', 'phonenumber=989121234567&text=x').reply(200, '1');
      await expect(
        clientWith({ apiKey: 'k/ey ?1' }).sendMessage({ phonenumber: '989121234567', text: 'x' }),
      ).resolves.toBe('1');
    });

    it('reports a 200 whose body is not an id as UNEXPECTED_RESPONSE', async () => {
      nock(BASE).post(`/sendMessage/${KEY}`).reply(200, 'Message queued');
      const error = await failure(clientWith().sendMessage({ phonenumber: '989121234567', text: 'x' }));
      expect(error).toMatchObject({
        code: ProviderErrorCode.UNEXPECTED_RESPONSE,
        httpStatus: 200,
        rawBody: 'Message queued',
      });
    });
  });

  describe('sendGroupMessage', () => {
    const DOC_ANSWER = [
      { phonenumber: '989121234567', tracking_Code: 80461451 },
      { phonenumber: '989121234568', tracking_Code: 80461452 },
    ];

    it('form-encodes the numbers PHP-style (phonenumber[0], phonenumber[1]) and parses the tracking codes', async () => {
      nock(BASE, { reqheaders: FORM })
        .post(
          `/sendMessage/${KEY}`,
          'phonenumber%5B0%5D=989121234567&phonenumber%5B1%5D=989121234568&text=test&url=https%3A%2F%2Furl.com%2Fimage.jpeg',
        )
        .reply(200, DOC_ANSWER);
      const answer = await clientWith().sendGroupMessage({
        phonenumber: ['989121234567', '989121234568'],
        text: 'test',
        url: 'https://url.com/image.jpeg',
      });
      expect(answer).toEqual([
        { phonenumber: '989121234567', tracking_Code: '80461451' },
        { phonenumber: '989121234568', tracking_Code: '80461452' },
      ]);
    });

    it('accepts string tracking codes and keeps unknown fields', async () => {
      nock(BASE)
        .post(`/sendMessage/${KEY}`)
        .reply(200, [{ phonenumber: 989121234567, tracking_Code: '80461453', queued: true }]);
      const answer = await clientWith().sendGroupMessage({ phonenumber: ['989121234567'], text: 'hi' });
      expect(answer).toEqual([{ phonenumber: '989121234567', tracking_Code: '80461453', queued: true }]);
    });

    it('sends the numbers as a JSON array when configured for JSON bodies', async () => {
      nock(BASE, { reqheaders: JSON_BODY })
        .post(`/sendMessage/${KEY}`, {
          phonenumber: ['989121234567', '989121234568'],
          text: 'test',
          url: 'https://u.test/a.pdf',
        })
        .reply(200, DOC_ANSWER);
      const answer = await clientWith({ bodyEncoding: 'json' }).sendGroupMessage({
        phonenumber: ['989121234567', '989121234568'],
        text: 'test',
        url: 'https://u.test/a.pdf',
      });
      expect(answer.map((item) => item.tracking_Code)).toEqual(['80461451', '80461452']);
    });

    it('reports an item without tracking code as UNEXPECTED_RESPONSE', async () => {
      nock(BASE)
        .post(`/sendMessage/${KEY}`)
        .reply(200, [{ phonenumber: '989121234567' }]);
      const error = await failure(
        clientWith().sendGroupMessage({ phonenumber: ['989121234567'], text: 'x' }),
      );
      expect(error.code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
      expect(error.message).toContain('tracking_Code');
    });
  });

  describe('getStatus', () => {
    it('GETs getStatus/{key}?id= and parses the documented report, keeping unknown fields', async () => {
      nock(BASE)
        .get(`/getStatus/${KEY}`)
        .query({ id: '80406105' })
        .reply(200, { ...STATUS_ITEM, deliveredAt: '2022-08-29 21:53:00' });
      const report = await clientWith().getStatus('80406105');
      expect(report).toEqual({ ...STATUS_ITEM, deliveredAt: '2022-08-29 21:53:00' });
    });

    it('accepts a numeric id and phone number and an absent delivery', async () => {
      nock(BASE).get(`/getStatus/${KEY}`).query({ id: '1' }).reply(200, {
        status: 'pending',
        id: 1,
        phonenumber: 989121234567,
        text: 'x',
        created: '2022-08-29 21:52:05',
      });
      await expect(clientWith().getStatus('1')).resolves.toMatchObject({
        id: '1',
        phonenumber: '989121234567',
        status: 'pending',
      });
    });

    it('reports a report without status as UNEXPECTED_RESPONSE', async () => {
      nock(BASE).get(`/getStatus/${KEY}`).query({ id: '1' }).reply(200, { id: '1', phonenumber: '98912' });
      const error = await failure(clientWith().getStatus('1'));
      expect(error.code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
    });
  });

  describe('showAllMessages', () => {
    const DOC_PAGE = {
      count: 3,
      pageCount: 1,
      page: 'page 1 from 1',
      data: [
        { ...STATUS_ITEM, id: '80379458' },
        { ...STATUS_ITEM, id: '80379452', text: 'test1' },
        { ...STATUS_ITEM, id: '80379453', text: 'test2' },
      ],
    };

    it('GETs page and phonenumber and parses the page label into numbers', async () => {
      nock(BASE)
        .get(`/showAllMessages/${KEY}`)
        .query({ page: '1', phonenumber: '0912' })
        .reply(200, DOC_PAGE);
      const page = await clientWith().showAllMessages({ page: 1, phonenumber: '0912' });
      expect(page).toMatchObject({
        count: 3,
        pageCount: 1,
        page: 'page 1 from 1',
        currentPage: 1,
        lastPage: 1,
      });
      expect(page.data.map((item) => item.id)).toEqual(['80379458', '80379452', '80379453']);
    });

    it('sends no query when none is given and accepts string counts', async () => {
      nock(BASE)
        .get(`/showAllMessages/${KEY}`)
        .query({})
        .reply(200, { count: '250', pageCount: '3', page: 'page 2 from 3', data: [] });
      const page = await clientWith().showAllMessages();
      expect(page).toMatchObject({ count: 250, pageCount: 3, currentPage: 2, lastPage: 3, data: [] });
    });
  });

  describe('pending', () => {
    it('reads the plain text "No Pending Message" as an empty queue', async () => {
      nock(BASE).get(`/pending/${KEY}`).reply(200, 'No Pending Message ');
      await expect(clientWith().pending()).resolves.toEqual([]);
    });

    it('parses queued items', async () => {
      const item = {
        status: 'pending',
        id: '80379470',
        phonenumber: '989121234567',
        text: 'hi',
        created: '2022-08-29 21:52:05',
      };
      nock(BASE).get(`/pending/${KEY}`).reply(200, [item]);
      await expect(clientWith().pending()).resolves.toEqual([item]);
    });

    it('reports other plain text as UNEXPECTED_RESPONSE', async () => {
      nock(BASE).get(`/pending/${KEY}`).reply(200, 'Service paused');
      const error = await failure(clientWith().pending());
      expect(error).toMatchObject({ code: ProviderErrorCode.UNEXPECTED_RESPONSE, rawBody: 'Service paused' });
    });
  });

  describe('showAllGetMessages', () => {
    it('GETs page and phonenumber and parses received chat and file messages', async () => {
      const chat = {
        id: '3836672',
        type: 'chat',
        from: '989121234567',
        to: '989121234568',
        date: '2022/08/29 21:54:18',
        chat: 'test',
      };
      const file = {
        id: '3836673',
        type: 'file',
        from: '989121234567',
        to: '989121234568',
        date: '2022/08/29 21:55:00',
        file: 'https://f.test/a.jpg',
      };
      nock(BASE)
        .get(`/showAllGetMessages/${KEY}`)
        .query({ page: '1', phonenumber: '912' })
        .reply(200, { count: 2, pageCount: 1, page: 'page 1 from 1', data: [chat, file] });
      const page = await clientWith().showAllGetMessages({ page: 1, phonenumber: '912' });
      expect(page).toMatchObject({ count: 2, currentPage: 1, lastPage: 1, data: [chat, file] });
    });

    it('reports an unknown message type as UNEXPECTED_RESPONSE', async () => {
      nock(BASE)
        .get(`/showAllGetMessages/${KEY}`)
        .reply(200, {
          count: 1,
          pageCount: 1,
          page: 'page 1 from 1',
          data: [{ id: '1', type: 'sticker', from: '1', to: '2', date: 'x' }],
        });
      const error = await failure(clientWith().showAllGetMessages());
      expect(error.code).toBe(ProviderErrorCode.UNEXPECTED_RESPONSE);
    });
  });
});
