import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from './types.js';

export const DEFAULT_FIXTURES_DIR = join(process.cwd(), 'test', 'fixtures');

/** `test/fixtures/<provider>/<name>.json`, or undefined when there is none. */
export function readFixture(dir: string, provider: string, name: string): Fixture | undefined {
  const file = join(dir, provider, `${name}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Fixture;
}

/** Every fixture of a provider (not the recorded ones), by file name without `.json`. */
export function listFixtures(dir: string, provider: string): Map<string, Fixture> {
  const folder = join(dir, provider);
  const out = new Map<string, Fixture>();
  if (!existsSync(folder)) return out;
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json')) continue;
    out.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(folder, file), 'utf8')) as Fixture);
  }
  return out;
}

export function writeFixture(dir: string, provider: string, name: string, fixture: Fixture): string {
  const folder = join(dir, provider);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
  return file;
}
