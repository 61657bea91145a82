import { isForbiddenAddress, parseWebhookUrl, pinWebhookUrl, UnsafeUrlError } from './url-guard.js';

const strict = { requireHttps: true, allowPrivate: false };
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook URL guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('allows %s', (address) =>
    expect(isForbiddenAddress(address)).toBe(false),
  );

  it('wants https in production, and no credentials or fragment', () => {
    expect(() => parseWebhookUrl('http://example.com/hook', strict)).toThrow(/https/);
    expect(() => parseWebhookUrl('ftp://example.com/hook', { ...strict, requireHttps: false })).toThrow(
      /http\(s\)/,
    );
    expect(() => parseWebhookUrl('https://u:p@example.com/', strict)).toThrow(/credentials/);
    expect(() => parseWebhookUrl('https://example.com/#x', strict)).toThrow(/fragment/);
    expect(parseWebhookUrl('https://example.com/hook', strict).hostname).toBe('example.com');
  });

  it('refuses a name when any of its addresses is private, and pins a public one', async () => {
    await expect(
      pinWebhookUrl('https://hooks.example/', strict, resolvesTo('8.8.8.8', '10.0.0.1')),
    ).rejects.toThrow(UnsafeUrlError);
    await expect(pinWebhookUrl('https://[::1]/', strict)).rejects.toThrow(/loopback/);
    await expect(
      pinWebhookUrl('https://hooks.example/', strict, resolvesTo('8.8.8.8')),
    ).resolves.toMatchObject({ address: '8.8.8.8', family: 4 });
  });

  it('allows private targets when told to, and names a host that does not resolve', async () => {
    const open = { requireHttps: false, allowPrivate: true };
    await expect(pinWebhookUrl('http://127.0.0.1:9/x', open)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(
      pinWebhookUrl('https://nowhere.invalid/', open, () => Promise.reject(new Error('ENOTFOUND'))),
    ).rejects.toThrow(/does not resolve/);
  });
});
