import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { launchBrowser } from '../../support/browser.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * GraphiQL (/graphiql) and Swagger UI (/docs) as a newcomer meets them, in a real headless Chromium: they render and
 * work with every asset served by the gateway itself (no request leaves for another host: these machines have no
 * internet, and a CDN asset would leave the page blank). Screenshots go to reports/.
 */
const reports = fileURLToPath(new URL('../../../reports/', import.meta.url));
const PAGE_TIMEOUT_MS = 60_000;

describe('gateway pages in a browser: GraphiQL and Swagger UI, offline', () => {
  let stack: GatewayStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startGatewayStack();
    // The demo tenant, as `npm start` seeds it: the key GraphiQL's headers pane is pre-filled with.
    await seedTenant(stack.db, new SecretBox(stack.config.GATEWAY_ENCRYPTION_KEY), {
      tenantId: DEMO_TENANT_ID,
      name: 'demo',
      apiKey: DEMO_API_KEY,
      simulatorUrl: stack.sim.url,
    });
    browser = await launchBrowser();
    mkdirSync(reports, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A page that records every URL it requests (WebSockets too) and every request that failed. */
  async function openPage(path: string): Promise<{ page: Page; requested: string[]; failed: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    await page.goto(`${stack.url}${path}`, { waitUntil: 'load' });
    return { page, requested, failed };
  }

  /** Every request went to the gateway itself (or stayed in the page: data:, blob:). */
  function expectOnlyLocal(requested: string[]): void {
    const gateway = new URL(stack.url);
    const elsewhere = requested.filter((url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
      // ws://host:port is the gateway too.
      return parsed.host !== gateway.host;
    });
    expect(elsewhere).toEqual([]);
  }

  it('GraphiQL runs a query typed in its editor with the pre-filled demo key, and shows the result', async () => {
    const { page, requested, failed } = await openPage('/graphiql');
    try {
      await page.locator('.graphiql-container').waitFor();
      // The headers pane holds the demo key.
      await page.getByText(DEMO_API_KEY).first().waitFor();
      const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('{ connections { nodes { name provider } } }');
      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response');
      await response.getByText('wessaal-demo').first().waitFor();
      const text = await response.innerText();
      for (const name of ['washeej-demo', 'wutt-demo', 'watsal-demo', 'wessaal-demo', 'wamessenger-demo'])
        expect(text).toContain(name);
      expect(text).not.toContain('"errors"');
      await page.screenshot({ path: join(reports, 'graphiql.png') });
      expectOnlyLocal(requested);
      expect(requested.some((url) => url.endsWith('/graphiql/assets/graphiql.min.js'))).toBe(true);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('GraphiQL runs a subscription over graphql-ws, authenticated by the headers pane', async () => {
    const { page, requested, failed } = await openPage('/graphiql');
    try {
      await page.getByText(DEMO_API_KEY).first().waitFor();
      await page.locator('.graphiql-query-editor .CodeMirror').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('subscription { messageStatusChanged { id status } }');
      await page.locator('.graphiql-execute-button').click();
      // A send by the demo tenant changes a status; the page shows the event.
      const response = page.locator('.graphiql-response');
      for (
        let attempt = 0;
        attempt < 20 && !(await response.getByText('messageStatusChanged').count());
        attempt++
      ) {
        const sent = await stack.rest(
          'POST',
          '/v1/messages',
          { connection: 'wessaal-demo', to: '+966501234567', text: 'GraphiQL subscription' },
          DEMO_API_KEY,
        );
        expect(sent.status).toBe(201);
        await page.waitForTimeout(500);
      }
      await response.getByText('messageStatusChanged').first().waitFor();
      expect(await response.innerText()).not.toContain('"errors"');
      await page.screenshot({ path: join(reports, 'graphiql-subscription.png') });
      expect(requested.some((url) => url.startsWith(stack.url.replace(/^http/, 'ws')))).toBe(true);
      expectOnlyLocal(requested);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('Swagger UI renders the REST API from the gateway alone', async () => {
    const { page, requested, failed } = await openPage('/docs');
    try {
      await page.locator('.swagger-ui .info .title').getByText('WhatsApp gateway').waitFor();
      await page.locator('.opblock-summary-path', { hasText: '/v1/messages' }).first().waitFor();
      expect(await page.locator('.opblock').count()).toBeGreaterThan(30);
      expect(await page.getByText('Send a message').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(reports, 'swagger-ui.png'), fullPage: false });
      expectOnlyLocal(requested);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});
