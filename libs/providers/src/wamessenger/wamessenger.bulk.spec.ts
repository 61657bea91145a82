import nock from 'nock';
import { MessageStatus } from '../core/message-status.js';
import type { MessagingProvider } from '../core/messaging-provider.js';
import { wamessengerProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'https://sim.wamessenger.test';
const KEY = 'Ab12Cd34Ef56';

function adapter(): MessagingProvider {
  return wamessengerProvider.create({ baseUrl: BASE, credentials: { apiKey: KEY }, timeoutMs: 5_000 });
}

const singleForm = (phone: string, text: string): string =>
  new URLSearchParams({ phonenumber: phone, text }).toString();

const groupForm = (phones: string[], text: string, url?: string): string => {
  const params = new URLSearchParams(
    phones.map((phone, i): [string, string] => [`phonenumber[${i}]`, phone]),
  );
  params.append('text', text);
  if (url) params.append('url', url);
  return params.toString();
};

describe('WaMessengerAdapter.sendBulk', () => {
  useNock();

  it('makes one group send per distinct (text, url), text-only items one by one, and maps results back', async () => {
    // The group send requires url (wamessenger.txt), so text-only items use the single send.
    nock(BASE).post(`/sendMessage/${KEY}`, singleForm('989121234567', 'hello')).reply(200, '80461451');
    nock(BASE).post(`/sendMessage/${KEY}`, singleForm('989121234568', 'hello')).reply(200, '80461452');
    nock(BASE)
      .post(`/sendMessage/${KEY}`, groupForm(['989121234569'], 'see', 'https://f.test/a.jpg'))
      .reply(200, [{ phonenumber: '989121234569', tracking_Code: '80461453' }]);
    const result = await adapter().sendBulk({
      messages: [
        { type: 'text', to: '+989121234567', text: 'hello' },
        { type: 'image', to: '+989121234569', media: { url: 'https://f.test/a.jpg' }, caption: 'see' },
        { type: 'template', to: '+989121234567', template: '7' },
        { type: 'text', to: '+989121234568', text: 'hello' },
        { type: 'text', to: '12345', text: 'hello' },
      ],
    });
    expect(result.results).toEqual([
      {
        index: 0,
        to: '+989121234567',
        ok: true,
        providerMessageId: '80461451',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
      },
      {
        index: 1,
        to: '+989121234569',
        ok: true,
        providerMessageId: '80461453',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
      },
      {
        index: 2,
        to: '+989121234567',
        ok: false,
        error: 'UNSUPPORTED_CAPABILITY: wamessenger does not support template',
      },
      {
        index: 3,
        to: '+989121234568',
        ok: true,
        providerMessageId: '80461452',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
      },
      {
        index: 4,
        to: '12345',
        ok: false,
        error: expect.stringContaining('VALIDATION_FAILED: messages[4].to'),
      },
    ]);
    expect(result.raw).toHaveLength(3);
  });

  it('marks every item of a failed group call as failed and still sends the other groups', async () => {
    nock(BASE)
      .post(`/sendMessage/${KEY}`, groupForm(['989121234567'], 'a', 'https://f.test/a.pdf'))
      .reply(400, 'Bad Request');
    nock(BASE)
      .post(`/sendMessage/${KEY}`, groupForm(['989121234568'], 'b', 'https://f.test/b.pdf'))
      .reply(200, [{ phonenumber: '989121234568', tracking_Code: 2 }]);
    const result = await adapter().sendBulk({
      messages: [
        { type: 'document', to: '+989121234567', media: { url: 'https://f.test/a.pdf' }, caption: 'a' },
        { type: 'document', to: '+989121234568', media: { url: 'https://f.test/b.pdf' }, caption: 'b' },
      ],
    });
    expect(result.results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('VALIDATION_FAILED'),
    });
    expect(result.results[1]).toMatchObject({ ok: true, providerMessageId: '2' });
  });

  it('fails an item the answer has no tracking code for', async () => {
    nock(BASE)
      .post(`/sendMessage/${KEY}`, groupForm(['989121234567', '989121234568'], 'x', 'https://f.test/x.pdf'))
      .reply(200, [{ phonenumber: '989121234567', tracking_Code: 1 }]);
    const result = await adapter().sendBulk({
      messages: [
        { type: 'document', to: '+989121234567', media: { url: 'https://f.test/x.pdf' }, caption: 'x' },
        { type: 'document', to: '+989121234568', media: { url: 'https://f.test/x.pdf' }, caption: 'x' },
      ],
    });
    expect(result.results.map((item) => item.ok)).toEqual([true, false]);
  });
});
