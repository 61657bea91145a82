import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError, type ProviderErrorCode } from '@app/providers';
import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin } from '../../support/http.js';

/** The control API of one simulator, typed (the helpers of test/support/http.ts). */
export type Control = ReturnType<typeof admin>;

/** An account as `POST /__admin/accounts` and `GET /__admin/accounts/{id}` show it. */
export interface SimAccount {
  id: string;
  provider: string;
  seeded: boolean;
  credentials: Record<string, string>;
  ipWhitelist: string[];
  credits: number;
  scopes: string[];
  plan: string;
  rateLimitPerMinute: number;
  delays: { sentMs: number; deliveredMs: number; readMs: number };
}

/** What `GET /__admin/messages` lists for each simulated phone. */
export interface PhoneMessage {
  provider: string;
  accountId: string;
  id: string;
  to: string;
  type: string;
  text?: string;
  status: string;
  createdAt: string;
  updatedAt?: string;
}

/** Long enough that nothing moves on its own during a test: only clock jumps move a message on. */
export const STEP_MS = 60_000;
export const FROZEN_DELAYS = { sentMs: STEP_MS, deliveredMs: STEP_MS, readMs: STEP_MS };

export interface ContractSim {
  sim: StartedSimulator;
  url: string;
  control: Control;
  /** An isolated account with fresh credentials and frozen lifecycle delays unless `settings` say otherwise. */
  createAccount(provider: string, settings?: Record<string, unknown>): Promise<SimAccount>;
  patchAccount(id: string, patch: Record<string, unknown>): Promise<SimAccount>;
  advance(ms?: number): Promise<void>;
  phoneMessages(query: { account?: string; to?: string; provider?: string }): Promise<PhoneMessage[]>;
  close(): Promise<void>;
}

export async function startContractSim(): Promise<ContractSim> {
  const sim = await startSimulator({ port: 0 });
  const control = admin(sim.url);
  return {
    sim,
    url: sim.url,
    control,
    createAccount: (provider, settings = {}) =>
      control.createAccount<SimAccount>(provider, { delays: FROZEN_DELAYS, ...settings }),
    patchAccount: async (id, patch) => (await control.patchAccount(id, patch)) as SimAccount,
    advance: async (ms = STEP_MS) => {
      await control.advance(ms);
    },
    phoneMessages: async (query) => {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return (await control.messages(`?${params.toString()}`)) as unknown as PhoneMessage[];
    },
    close: () => sim.close(),
  };
}

/**
 * Awaits a call that must fail and returns its ProviderError, after checking the code (shown with the message on a
 * mismatch). A list of codes accepts any of them.
 */
export async function expectProviderError(
  call: Promise<unknown> | (() => unknown),
  code: ProviderErrorCode | readonly ProviderErrorCode[],
): Promise<ProviderError> {
  let outcome: { resolved: true; value: unknown } | { resolved: false; error: unknown };
  try {
    const value = typeof call === 'function' ? await call() : await call;
    outcome = { resolved: true, value };
  } catch (error) {
    outcome = { resolved: false, error };
  }
  if (outcome.resolved) {
    throw new Error(
      `expected ProviderError ${code}, but the call succeeded with ${JSON.stringify(outcome.value)}`,
    );
  }
  const { error } = outcome;
  if (!(error instanceof ProviderError)) throw error;
  const expected = typeof code === 'string' ? code : (code.find((c) => c === error.code) ?? code.join(' | '));
  expect({ code: error.code, message: error.message }).toEqual({ code: expected, message: error.message });
  return error;
}

/** A local webhook endpoint recording every POSTed body (parsed as JSON when it is JSON). */
export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  headers: IncomingHttpHeaders[];
  /** Resolves once `count` bodies arrived (fails after `timeoutMs` of wall time). */
  waitFor(count: number, timeoutMs?: number): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      bodies.push(body);
      headers.push(request.headers);
      response.statusCode = 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    bodies,
    headers,
    async waitFor(count, timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      while (bodies.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `webhook: expected ${count} bodies, got ${bodies.length}: ${JSON.stringify(bodies)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return [...bodies];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
