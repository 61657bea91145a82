import type { Account } from '../core/account.js';

/** An account as the control API shows it: settings and credentials, not the provider's whole state. */
export function accountView(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    provider: account.provider,
    seeded: account.seeded,
    credentials: account.credentials,
    ipWhitelist: account.ipWhitelist,
    credits: account.credits,
    scopes: account.scopes,
    plan: account.plan,
    rateLimitPerMinute: account.rateLimitPerMinute,
    delays: account.delays,
  };
}
