import { DEFAULT_VERIFICATION_TTL_MS, loadGatewayConfig } from './gateway-config.js';

describe('loadGatewayConfig', () => {
  it('gives every variable its default', () => {
    expect(loadGatewayConfig({})).toEqual({
      NODE_ENV: 'development',
      GATEWAY_PORT: 3000,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_ENCRYPTION_KEY: expect.any(String),
      GATEWAY_POLL_INTERVAL_MS: 2_000,
      GATEWAY_TRUST_PROXY: false,
      GATEWAY_VERIFICATION_TTL_MS: DEFAULT_VERIFICATION_TTL_MS,
      usingDemoEncryptionKey: true,
    });
  });

  it('reads the verification TTL and refuses a bad one naming the variable', () => {
    expect(loadGatewayConfig({ GATEWAY_VERIFICATION_TTL_MS: '3000' }).GATEWAY_VERIFICATION_TTL_MS).toBe(
      3_000,
    );
    expect(() => loadGatewayConfig({ GATEWAY_VERIFICATION_TTL_MS: '10' })).toThrow(
      /GATEWAY_VERIFICATION_TTL_MS/,
    );
    expect(() => loadGatewayConfig({ GATEWAY_VERIFICATION_TTL_MS: 'soon' })).toThrow(
      /GATEWAY_VERIFICATION_TTL_MS/,
    );
  });

  it('reads GATEWAY_CORS_ORIGINS: unset or blank is off, * is any, else a list of origins', () => {
    expect(loadGatewayConfig({}).GATEWAY_CORS_ORIGINS).toBeUndefined();
    expect(loadGatewayConfig({ GATEWAY_CORS_ORIGINS: ' ' }).GATEWAY_CORS_ORIGINS).toBeUndefined();
    expect(loadGatewayConfig({ GATEWAY_CORS_ORIGINS: '*' }).GATEWAY_CORS_ORIGINS).toBe('*');
    expect(
      loadGatewayConfig({ GATEWAY_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' })
        .GATEWAY_CORS_ORIGINS,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(() => loadGatewayConfig({ GATEWAY_CORS_ORIGINS: 'https://app.example.com/' })).toThrow(
      /GATEWAY_CORS_ORIGINS: "https:\/\/app.example.com\/" is not an origin/,
    );
    expect(() => loadGatewayConfig({ GATEWAY_CORS_ORIGINS: 'app.example.com' })).toThrow(
      /GATEWAY_CORS_ORIGINS/,
    );
  });

  it('refuses the demo encryption key in production', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/GATEWAY_ENCRYPTION_KEY/);
  });
});
