import type { DataSource } from 'typeorm';
import { type SecretBox, hashApiKey } from '../common/crypto/secret-box.js';
import { ApiKeyEntity, ConnectionEntity, TenantEntity } from '../database/entities/index.js';
import { randomBytes } from 'node:crypto';

export const DEMO_TENANT_ID = '00000000-0000-4000-8000-000000000001';
export const DEMO_API_KEY = 'gw_demo_key';

export interface SeedConnection {
  name: string;
  provider: string;
  /** Path under the simulator's URL, e.g. `/wessaal/integration/v1`. */
  simulatorPath: string;
  credentials: Record<string, string>;
  defaultFrom?: string;
}

/** The demo connections: one per provider, each pointing at the simulator's demo account. */
export const DEMO_CONNECTIONS: SeedConnection[] = [
  {
    name: 'washeej-demo',
    provider: 'washeej',
    simulatorPath: '/washeej/external-api',
    credentials: { clientId: 'washeej-demo-id', clientSecret: 'washeej-demo-secret' },
    defaultFrom: '+966512345678',
  },
  {
    name: 'wutt-demo',
    provider: 'wutt',
    simulatorPath: '/wutt/external-api',
    credentials: { clientId: 'wutt-demo-id', clientSecret: 'wutt-demo-secret' },
    defaultFrom: '+966512345678',
  },
  {
    name: 'watsal-demo',
    provider: 'watsal',
    simulatorPath: '/watsal',
    credentials: { apiKey: 'watsal-demo-key' },
  },
  {
    name: 'wessaal-demo',
    provider: 'wessaal',
    simulatorPath: '/wessaal/integration/v1',
    credentials: { apiKey: 'sk_test_wessaal_demo' },
    defaultFrom: 'my-instance',
  },
  {
    name: 'wamessenger-demo',
    provider: 'wamessenger',
    simulatorPath: '/wamessenger',
    credentials: { apiKey: 'wamessenger-demo-key' },
  },
];

/**
 * Creates (or brings up to date) a tenant, its API key and its connections. Idempotent: a second `npm start` finds
 * them and only points the connections at the simulator's current URL.
 */
export async function seedTenant(
  dataSource: DataSource,
  box: SecretBox,
  options: {
    tenantId: string;
    name: string;
    apiKey: string;
    simulatorUrl: string;
    connections?: SeedConnection[];
  },
): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await tx.getRepository(TenantEntity).upsert({ id: options.tenantId, name: options.name }, ['id']);
    const keys = tx.getRepository(ApiKeyEntity);
    const keyHash = hashApiKey(options.apiKey);
    if (!(await keys.exists({ where: { keyHash } }))) {
      await keys.save(
        keys.create({
          tenantId: options.tenantId,
          name: 'demo',
          prefix: options.apiKey.slice(0, 6),
          lastFour: options.apiKey.slice(-4),
          keyHash,
          revokedAt: null,
        }),
      );
    }
    const connections = tx.getRepository(ConnectionEntity);
    for (const seed of options.connections ?? DEMO_CONNECTIONS) {
      const existing = await connections.findOne({ where: { tenantId: options.tenantId, name: seed.name } });
      const fields = {
        provider: seed.provider,
        baseUrl: `${options.simulatorUrl}${seed.simulatorPath}`,
        credentialsSealed: box.seal(JSON.stringify(seed.credentials)),
        defaultFrom: seed.defaultFrom ?? null,
      };
      if (existing) await connections.save({ ...existing, ...fields });
      else
        await connections.save(
          connections.create({
            tenantId: options.tenantId,
            name: seed.name,
            webhookToken: randomBytes(24).toString('base64url'),
            ...fields,
          }),
        );
    }
  });
}
