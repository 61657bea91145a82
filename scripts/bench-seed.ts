import type { DataSource } from 'typeorm';
import { SecretBox } from '../apps/gateway/src/common/crypto/secret-box.js';
import { openDataSource } from '../apps/gateway/src/database/data-source.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../apps/gateway/src/seed/demo-seed.js';

/** The benches' tenant (the demo key and connections, pointed at `simulatorUrl`), on an open data source. */
export async function openSeededDatabase(
  url: string,
  encryptionKey: string,
  simulatorUrl: string,
): Promise<DataSource> {
  const db = await openDataSource(url);
  await seedTenant(db, new SecretBox(encryptionKey), {
    tenantId: DEMO_TENANT_ID,
    name: 'Bench',
    apiKey: DEMO_API_KEY,
    simulatorUrl,
  });
  return db;
}
