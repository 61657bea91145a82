import nock from 'nock';
import { MessageStatus } from '../core/message-status.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import type { MessagingProvider } from '../core/messaging-provider.js';
import { wamessengerProvider } from './index.js';
import { useNock } from '../core/testing/use-nock.js';

const BASE = 'https://sim.wamessenger.test';
const KEY = 'Ab12Cd34Ef56';

function adapter(): MessagingProvider {
  return wamessengerProvider.create({ baseUrl: BASE, credentials: { apiKey: KEY }, timeoutMs: 5_000 });
}

const STATUS_ITEM = {
  status: 'OK',
  statusInfo: 'Message successfully sent',
  id: '80406105',
  phonenumber: '989121234567',
  text: 'test',
  created: '2022-08-29 21:52:05',
  execute: '2022-08-29 21:52:06',
  delivery: 'read',
};

describe('WaMessengerAdapter operations', () => {
  useNock();

  describe('getMessageStatus', () => {
    it('maps the getStatus report', async () => {
      nock(BASE).get(`/getStatus/${KEY}`).query({ id: '80406105' }).reply(200, STATUS_ITEM);
      await expect(adapter().getMessageStatus('80406105')).resolves.toEqual({
        providerMessageId: '80406105',
        status: MessageStatus.READ,
        providerStatus: 'read',
        to: '+989121234567',
        errorMessage: undefined,
        updatedAt: '2022-08-29 21:52:06',
        raw: STATUS_ITEM,
      });
    });

    it('reports a failed send with its statusInfo', async () => {
      const failed = {
        ...STATUS_ITEM,
        status: 'Failed',
        statusInfo: 'Number is not on WhatsApp',
        delivery: '',
      };
      nock(BASE).get(`/getStatus/${KEY}`).query({ id: '80406105' }).reply(200, failed);
      await expect(adapter().getMessageStatus('80406105')).resolves.toMatchObject({
        status: MessageStatus.FAILED,
        providerStatus: 'Failed',
        errorMessage: 'Number is not on WhatsApp',
      });
    });
  });

  describe('listMessages', () => {
    it('reads showAllMessages with the page and the search without +', async () => {
      nock(BASE)
        .get(`/showAllMessages/${KEY}`)
        .query({ page: '2', phonenumber: '98912' })
        .reply(200, { count: 101, pageCount: 2, page: 'page 2 from 2', data: [STATUS_ITEM] });
      const page = await adapter().listMessages({ page: 2, search: '+98912' });
      expect(page).toMatchObject({ page: 2, pageCount: 2, total: 101 });
      expect(page.items).toEqual([
        {
          providerMessageId: '80406105',
          to: '+989121234567',
          status: MessageStatus.READ,
          providerStatus: 'read',
          text: 'test',
          createdAt: '2022-08-29 21:52:05',
          raw: STATUS_ITEM,
        },
      ]);
    });

    it('reads only the send queue with pendingOnly', async () => {
      const queued = {
        status: 'pending',
        id: '80379470',
        phonenumber: '989121234567',
        text: 'hi',
        created: '2022-08-29 21:52:05',
      };
      nock(BASE).get(`/pending/${KEY}`).reply(200, [queued]);
      const page = await adapter().listMessages({ pendingOnly: true });
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 1 });
      expect(page.items[0]).toMatchObject({
        providerMessageId: '80379470',
        status: MessageStatus.QUEUED,
        providerStatus: 'pending',
      });
    });

    it('reads "No Pending Message" as an empty page', async () => {
      nock(BASE).get(`/pending/${KEY}`).reply(200, 'No Pending Message');
      await expect(adapter().listMessages({ pendingOnly: true })).resolves.toMatchObject({
        items: [],
        total: 0,
      });
    });
  });

  describe('listInbound', () => {
    it('maps received chat and file messages, numbers back to E.164', async () => {
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
        .query({ page: '1' })
        .reply(200, { count: 2, pageCount: 1, page: 'page 1 from 1', data: [chat, file] });
      const page = await adapter().listInbound({ page: 1 });
      expect(page).toMatchObject({ page: 1, pageCount: 1, total: 2 });
      expect(page.items).toEqual([
        {
          providerMessageId: '3836672',
          from: '+989121234567',
          to: '+989121234568',
          kind: 'text',
          text: 'test',
          fileUrl: undefined,
          receivedAt: '2022/08/29 21:54:18',
          raw: chat,
        },
        {
          providerMessageId: '3836673',
          from: '+989121234567',
          to: '+989121234568',
          kind: 'file',
          text: undefined,
          fileUrl: 'https://f.test/a.jpg',
          receivedAt: '2022/08/29 21:55:00',
          raw: file,
        },
      ]);
    });
  });

  describe('webhooks', () => {
    it('sets and removes the webhook', async () => {
      nock(BASE).get(`/webhook/set/${KEY}`).query({ url: 'https://gw.test/hooks/1' }).reply(200, {
        set: 'true',
        url: 'https://gw.test/hooks/1',
        message: 'Webhook has been set successfully',
      });
      nock(BASE)
        .get(`/webhook/remove/${KEY}`)
        .reply(200, { set: 'true', url: '', message: 'Webhook successfully removed' });
      const provider = adapter();
      await expect(provider.setWebhook('https://gw.test/hooks/1')).resolves.toMatchObject({
        url: 'https://gw.test/hooks/1',
        message: 'Webhook has been set successfully',
      });
      await expect(provider.removeWebhook()).resolves.toMatchObject({
        url: '',
        message: 'Webhook successfully removed',
      });
    });

    it('reads and resends the queue, with the echoed key redacted from raw', async () => {
      nock(BASE).get(`/webhook/pending/${KEY}`).reply(200, {
        pending: 3,
        hash: KEY,
        message: 'You have 3 pending messages',
        url: 'https://test.com',
      });
      nock(BASE).get(`/webhook/resend/${KEY}`).reply(200, {
        pending: '3',
        hash: KEY,
        message: 'Resend 3 messages to https://test.com',
        url: 'https://test.com',
      });
      const provider = adapter();
      const queue = await provider.getWebhookQueue();
      expect(queue).toEqual({
        url: 'https://test.com',
        pending: 3,
        message: 'You have 3 pending messages',
        raw: {
          pending: 3,
          hash: '[redacted]',
          message: 'You have 3 pending messages',
          url: 'https://test.com',
        },
      });
      const resent = await provider.resendWebhookQueue();
      expect(resent).toMatchObject({ pending: 3, message: 'Resend 3 messages to https://test.com' });
      expect(JSON.stringify(resent.raw)).not.toContain(KEY);
    });

    it('switches sendSeen and receive on and off', async () => {
      nock(BASE)
        .get(`/sendSeen/${KEY}`)
        .query({ seen: 'on' })
        .reply(200, { set: 'True', message: 'sendSeen changed to on' });
      nock(BASE)
        .get(`/receive/${KEY}`)
        .query({ receive: 'off' })
        .reply(200, { set: 'True', message: 'Receive changed to off' });
      const provider = adapter();
      await expect(provider.setSendSeen(true)).resolves.toBeUndefined();
      await expect(provider.setReceive(false)).resolves.toBeUndefined();
    });

    it('rejects a refused setting', async () => {
      nock(BASE)
        .get(`/receive/${KEY}`)
        .query({ receive: 'on' })
        .reply(200, { set: 'false', message: 'Receive not changed' });
      const error = await adapter()
        .setReceive(true)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: ProviderErrorCode.REJECTED });
    });
  });
});
