import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const embedded = globalThis.__embeddedPostgres;
  if (!embedded) return;
  await embedded.pg.stop();
  rmSync(embedded.root, { recursive: true, force: true });
}
