import { randomInt } from 'node:crypto';
import { randomToken, type AccountSeed } from '../../core/account-store.js';
import { emptyState, PROVIDER_ID, type WamState } from './state.js';

export const DEMO_ACCOUNT_ID = 'wamessenger-demo';
export const DEMO_API_KEY = 'wamessenger-demo-key';
export const DEMO_OWN_NUMBER = '989121234568';

function account(id: string, apiKey: string, state: WamState): AccountSeed<WamState> {
  return {
    id,
    provider: PROVIDER_ID,
    credentials: { apiKey },
    ipWhitelist: [],
    credits: 0,
    scopes: [],
    plan: 'active',
    rateLimitPerMinute: 0,
    state,
  };
}

/** The demo account: receiving already on, sendSeen off, no webhook URL. */
export function demoSeed(): AccountSeed<WamState> {
  return account(DEMO_ACCOUNT_ID, DEMO_API_KEY, emptyState(DEMO_OWN_NUMBER, { receive: true, seen: false }));
}

/** A fresh account as the provider hands it out: receiving and sendSeen off (the documented defaults). */
export function freshAccount(id: string): AccountSeed<WamState> {
  const ownNumber = `98912${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  return account(id, randomToken('wm', 16), emptyState(ownNumber, { receive: false, seen: false }));
}
