import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const INSTALL_HINT = 'apt-get install -y chromium';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && executable('/usr/bin/apt-get');
}

/**
 * A Chromium on this machine: CHROMIUM_PATH, then Debian's and Chrome's usual paths. On a fresh machine where we are
 * root with apt (as in CI), Debian's package is installed once; otherwise the error names the one command to run.
 * Playwright's own browser download is never used: it needs the internet, which these machines do not have.
 */
export function findChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (executable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
  }
  const found = CANDIDATES.find(executable);
  if (found) return found;
  if (canInstallWithApt()) {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 10 * 60_000,
    });
    if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(`no Chromium found for the browser tests; install Debian's package: ${INSTALL_HINT}`);
}

/**
 * Headless Chromium for page tests. The flags keep it off the network (these machines refuse outbound connections,
 * and Chromium's background services would otherwise retry them) and let it run as root.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
