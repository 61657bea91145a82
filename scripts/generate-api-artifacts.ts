import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApiArtifacts } from '../apps/gateway/src/app.factory.js';

/**
 * `npm run docs:api`: writes apps/gateway/schema.gql and apps/gateway/openapi.json from the code. No database is
 * needed (the app is built in Nest's preview mode). Commit both; test/e2e/gateway/api-artifacts.e2e-spec.ts fails when
 * they drift from the code.
 */
async function main(): Promise<void> {
  const artifacts = await generateApiArtifacts();
  for (const [name, text] of Object.entries(artifacts)) {
    const file = join('apps', 'gateway', name);
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
