import { DEFAULT_VERIFICATION_TTL_MS, loadGatewayConfig } from './gateway-config.js';

describe('loadGatewayConfig', () => {
  it('gives every variable its default', () => {
    expect(loadGatewayConfig({})).toEqual({
      NODE_ENV: 'development',
      GATEWAY_PORT: 3000,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_ENCRYPTION_KEY: expect.any(String),
      GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: false,
      GATEWAY_POLL_INTERVAL_MS: 2_000,
      GATEWAY_TRUST_PROXY: false,
      GATEWAY_VERIFICATION_TTL_MS: DEFAULT_VERIFICATION_TTL_MS,
      GATEWAY_WEBHOOK_ALLOW_PRIVATE: false,
      GATEWAY_WEBHOOK_RETRY_SCALE: 1,
      GATEWAY_WEBHOOK_TIMEOUT_MS: 15_000,
      GATEWAY_WEBHOOK_POLL_INTERVAL_MS: 200,
      GATEWAY_WEBHOOK_CONCURRENCY: 32,
      GATEWAY_SEED_DEMO: false,
      GATEWAY_SHUTDOWN_TIMEOUT_MS: 10_000,
      GATEWAY_SEND_LEASE_MS: 120_000,
      GATEWAY_DISPATCH_ENABLED: true,
      GATEWAY_DISPATCH_CONCURRENCY: 64,
      GATEWAY_DISPATCH_TICK_MS: 100,
      GATEWAY_HELD_REQUEST_RETENTION_MS: 24 * 60 * 60 * 1000,
      GATEWAY_RETENTION_INTERVAL_MS: 60 * 60 * 1000,
      GATEWAY_RETENTION_BATCH_SIZE: 1_000,
      GATEWAY_RETENTION_BATCH_PAUSE_MS: 100,
      GATEWAY_PARTITIONS_AHEAD: 3,
      GATEWAY_PARTITIONS_INTERVAL_MS: 3_600_000,
      GATEWAY_SYNC_RATE_WAIT_MS: 1_000,
      GATEWAY_BREAKER_THRESHOLD: 5,
      GATEWAY_BREAKER_COOLDOWN_MS: 10_000,
      GATEWAY_BREAKER_MAX_COOLDOWN_MS: 300_000,
      GATEWAY_MAX_PAUSE_MS: 300_000,
      usingDemoEncryptionKey: true,
    });
    expect(loadGatewayConfig({}).GATEWAY_RETENTION_DAYS).toBeUndefined();
  });

  it('reads the retention settings and refuses a retention under a day or a batch of nothing', () => {
    expect(loadGatewayConfig({ GATEWAY_RETENTION_DAYS: '90' }).GATEWAY_RETENTION_DAYS).toBe(90);
    expect(() => loadGatewayConfig({ GATEWAY_RETENTION_DAYS: '0' })).toThrow(/GATEWAY_RETENTION_DAYS/);
    expect(() => loadGatewayConfig({ GATEWAY_RETENTION_DAYS: '1.5' })).toThrow(/GATEWAY_RETENTION_DAYS/);
    expect(() => loadGatewayConfig({ GATEWAY_RETENTION_BATCH_SIZE: '0' })).toThrow(
      /GATEWAY_RETENTION_BATCH_SIZE/,
    );
  });

  it('reads the deployment variables and refuses bad ones naming the variable', () => {
    const config = loadGatewayConfig({
      GATEWAY_SEED_DEMO: 'TRUE',
      GATEWAY_SHUTDOWN_TIMEOUT_MS: '2500',
      GATEWAY_METRICS_TOKEN: 'scrape-me',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      GATEWAY_SEED_DEMO: true,
      GATEWAY_SHUTDOWN_TIMEOUT_MS: 2_500,
      GATEWAY_METRICS_TOKEN: 'scrape-me',
      LOG_LEVEL: 'debug',
    });
    expect(loadGatewayConfig({ GATEWAY_SEED_DEMO: 'yes' }).GATEWAY_SEED_DEMO).toBe(false);
    expect(() => loadGatewayConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadGatewayConfig({ GATEWAY_SEND_LEASE_MS: '10' })).toThrow(/GATEWAY_SEND_LEASE_MS/);
    expect(() => loadGatewayConfig({ GATEWAY_METRICS_TOKEN: '' })).toThrow(/GATEWAY_METRICS_TOKEN/);
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

  it('refuses the crash fault hook in production and keeps it off unless asked for', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() =>
      loadGatewayConfig({
        NODE_ENV: 'production',
        GATEWAY_ENCRYPTION_KEY: key,
        GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: '1',
      }),
    ).toThrow(/GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT.*production/);
    expect(loadGatewayConfig({}).GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT).toBe(false);
    expect(
      loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: 'true' })
        .GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT,
    ).toBe(true);
  });
});
