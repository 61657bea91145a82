import { randomToken, type AccountSeed } from '../../core/account-store.js';
import { newState, type WatsalState } from './state.js';

function account(id: string, apiKey: string): AccountSeed<WatsalState> {
  return {
    id,
    provider: 'watsal',
    credentials: { apiKey },
    ipWhitelist: [],
    credits: 0,
    scopes: [],
    plan: 'active',
    rateLimitPerMinute: 0,
    state: newState(),
  };
}

/** The demo account: templates `order_confirmed` and `order_update`, no rate limit. */
export function seedAccounts(): AccountSeed<WatsalState>[] {
  return [account('watsal-demo', 'watsal-demo-key')];
}

/** A fresh account with a new key, the same two templates and no messages. */
export function newAccount(id: string): AccountSeed<WatsalState> {
  return account(id, randomToken('watsal_'));
}
