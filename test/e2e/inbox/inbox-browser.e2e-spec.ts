import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { launchBrowser } from '../../support/browser.js';
import { admin, http } from '../../support/http.js';
import { waitFor } from '../../support/wait-for.js';

const KEY = 'wamessenger-demo-key';
const CUSTOMER = '989121117777';
const SHOTS = 'reports/inbox';

/**
 * The web inbox in headless Chromium: a message sent through the provider API shows in the phone's thread, its
 * ticks move when the clock advances (from the page), and a reply typed on the page lands in the provider's
 * received list. Screenshots go to reports/inbox/.
 */
describe('simulator web inbox (real browser)', () => {
  let sim: StartedSimulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sim = await startSimulator({ port: 0 });
    // Steps far apart in simulator time: only the page's clock button moves the ticks, not the wall clock.
    await admin(sim.url).patchAccount('wamessenger-demo', {
      delays: { sentMs: 20_000, deliveredMs: 20_000, readMs: 20_000 },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('is linked from / and served by the simulator itself, with no outside request', async () => {
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(sim.url)) outside.push(request.url());
    });
    await page.goto(`${sim.url}/`);
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.locator('select#provider').selectOption('wamessenger');
    await page.locator('select#account option[value="wamessenger-demo"]').waitFor({ state: 'attached' });
    expect(await page.locator('select#account').inputValue()).toBe('wamessenger-demo');
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    expect(outside).toEqual([]);
  });

  it('send by API → thread → ticks move with the clock → reply from the page → received list', async () => {
    const sent = await http(`${sim.url}/wamessenger/sendMessage/${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `phonenumber=${CUSTOMER}&text=${encodeURIComponent('Your order has shipped')}`,
    });
    expect(sent.status).toBe(200);
    const id = sent.text;

    await page.getByRole('button', { name: CUSTOMER }).click();
    const bubble = page.locator(`li.bubble.out[data-id="${id}"]`);
    await expect(bubble.textContent()).resolves.toContain('Your order has shipped');
    expect(await bubble.getAttribute('data-tick')).toBe('queued');
    await page.screenshot({ path: `${SHOTS}/1-sent.png` });

    // The page's own clock control: a minute of simulator time runs the whole lifecycle.
    await page.getByRole('button', { name: '+1 min' }).click();
    await page.locator(`li.bubble.out[data-id="${id}"][data-tick="read"]`).waitFor();
    await page.screenshot({ path: `${SHOTS}/2-read.png` });

    await page.getByLabel('Reply as the customer').fill('Thanks, when does it arrive?');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('li.bubble.in', { hasText: 'Thanks, when does it arrive?' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/3-reply.png` });

    const received = await http(`${sim.url}/wamessenger/showAllGetMessages/${KEY}`);
    expect(JSON.stringify(received.json)).toContain('Thanks, when does it arrive?');
    expect(JSON.stringify(received.json)).toContain(CUSTOMER);
  });

  it('controls the world: account settings, faults (a bad one is refused with the reason), reset', async () => {
    await page.getByLabel('Credits', { exact: true }).fill('42');
    await page.getByLabel('Rate limit per minute (0 = none)').fill('7');
    await page.getByRole('button', { name: 'Save account' }).click();
    const saved = await waitFor(
      'the saved account settings',
      () =>
        admin(sim.url).call<{ credits: number; rateLimitPerMinute: number }>(
          'GET',
          '/accounts/wamessenger-demo',
        ),
      (account) => account.rateLimitPerMinute === 7,
    );
    expect(saved.credits).toBe(42);

    await page.getByLabel('Path glob (optional)').fill('/nowhere/at/all');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /400: this fault could never fire/ })
      .waitFor();
    await page.getByLabel('Path glob (optional)').fill('/pending/*');
    await page.getByLabel('Status (error)').fill('503');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page.getByRole('button', { name: /Remove fault/ }).waitFor();
    expect(await admin(sim.url).call<unknown[]>('GET', '/faults')).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}/4-world.png` });

    await page.getByRole('button', { name: 'Reset everything' }).click();
    await page.getByRole('button', { name: /Remove fault/ }).waitFor({ state: 'detached' });
    expect(await admin(sim.url).call<unknown[]>('GET', '/faults')).toEqual([]);
  });
});
