#!/usr/bin/env node
// Records every platform-specific optional dependency in package-lock.json.
//
// Why: npm 11 writes only the binaries its registry can resolve into the lockfile, and `npm ci` then rebuilds
// the ideal tree, sees @swc/core's (and unrs-resolver's) other-platform binaries missing and refuses to install
// ("Missing: @swc/core-darwin-arm64@ from lock file"). The registry this project is built against lags behind
// for some foreign-platform binaries, so `npm install` cannot add them itself. An entry with version, os and cpu
// is all `npm ci` needs: it skips foreign-platform optional packages without fetching them.
//
// Run after any `npm install` that changes the lockfile: node scripts/tooling/complete-lockfile.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const parentDir = path === '' ? '' : `${path}/`;
    const candidates = [`${parentDir}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => packages[candidate])) continue;
    const platform = readPlatform(name);
    if (!platform) continue; // not a platform binary: npm resolves those itself
    packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform optional entr${added === 1 ? 'y' : 'ies'}`);

/** os/cpu/libc of a package, read from the newest version the registry has. */
function readPlatform(name) {
  try {
    const raw = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const info = JSON.parse(raw);
    if (!info || (!info.os && !info.cpu)) return undefined;
    return {
      ...(info.cpu ? { cpu: info.cpu } : {}),
      ...(info.libc ? { libc: info.libc } : {}),
      ...(info.os ? { os: info.os } : {}),
    };
  } catch {
    return undefined;
  }
}
