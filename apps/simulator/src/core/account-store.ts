import { randomBytes } from 'node:crypto';
import { DEFAULT_DELAYS, type Account, type AccountPatch, type ProviderId } from './account.js';

export type AccountSeed<State = unknown> = Omit<Account<State>, 'rateWindow' | 'seeded' | 'delays'> & {
  delays?: Account['delays'];
};

/** Builds accounts for one provider: the demo seed and fresh accounts for parallel tests. */
export interface AccountFactory {
  readonly id: ProviderId;
  /** Demo accounts, rebuilt from scratch on every reset. */
  seedAccounts(): AccountSeed[];
  /** A fresh, empty account with new credentials. */
  newAccount(id: string): AccountSeed;
  /** The credential value accounts are looked up by (client-id, API key). */
  lookupKey(account: Account): string;
}

export function randomToken(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** All simulated accounts of all providers, indexed by id and by credential. */
export class AccountStore {
  private readonly byId = new Map<string, Account>();
  /** Provider → credential → account: a lookup hashes the header's string as it came, nothing concatenated. */
  private readonly byCredential = new Map<ProviderId, Map<string, Account>>();
  private readonly factories = new Map<ProviderId, AccountFactory>();
  private created = 0;

  register(factory: AccountFactory): void {
    this.factories.set(factory.id, factory);
  }

  /** Restores the demo seed of every provider and forgets every other account. */
  resetAll(): void {
    this.byId.clear();
    this.byCredential.clear();
    for (const factory of this.factories.values()) {
      for (const seed of factory.seedAccounts()) this.put(this.materialize(seed, true));
    }
  }

  /** Restores one account: a seeded one to its seed, a created one to empty with the same credentials. */
  resetOne(id: string): Account | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const factory = this.factoryOf(current.provider);
    const seed = current.seeded
      ? factory.seedAccounts().find((s) => s.id === id)
      : { ...factory.newAccount(id), credentials: current.credentials };
    if (!seed) return undefined;
    this.remove(current);
    const fresh = this.materialize(seed, current.seeded);
    this.put(fresh);
    return fresh;
  }

  create(provider: ProviderId, patch: AccountPatch = {}): Account {
    const id = `${provider}-${++this.created}-${randomBytes(3).toString('hex')}`;
    const account = this.materialize(this.factoryOf(provider).newAccount(id), false);
    this.put(account);
    this.patch(account, patch);
    return account;
  }

  patch(account: Account, patch: AccountPatch): Account {
    if (patch.ipWhitelist !== undefined) account.ipWhitelist = [...patch.ipWhitelist];
    if (patch.credits !== undefined) account.credits = patch.credits;
    if (patch.scopes !== undefined) account.scopes = [...patch.scopes];
    if (patch.plan !== undefined) account.plan = patch.plan;
    if (patch.rateLimitPerMinute !== undefined) account.rateLimitPerMinute = patch.rateLimitPerMinute;
    if (patch.delays !== undefined) account.delays = { ...account.delays, ...patch.delays };
    return account;
  }

  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  /** Hot path: two Map lookups. */
  findByCredential(provider: ProviderId, key: string): Account | undefined {
    return this.byCredential.get(provider)?.get(key);
  }

  list(provider?: string): Account[] {
    const all = [...this.byId.values()];
    return provider ? all.filter((a) => a.provider === provider) : all;
  }

  /** The account `/__admin/inbound` and friends use when none is named: the provider's first demo account. */
  defaultAccount(provider: ProviderId): Account | undefined {
    return this.list(provider).find((a) => a.seeded) ?? this.list(provider)[0];
  }

  private factoryOf(provider: ProviderId): AccountFactory {
    const factory = this.factories.get(provider);
    if (!factory) throw new Error(`no account factory for provider ${provider}`);
    return factory;
  }

  private materialize(seed: AccountSeed, seeded: boolean): Account {
    return {
      ...seed,
      delays: { ...DEFAULT_DELAYS, ...seed.delays },
      seeded,
      rateWindow: { startedAt: 0, count: 0 },
    };
  }

  private put(account: Account): void {
    this.byId.set(account.id, account);
    let accounts = this.byCredential.get(account.provider);
    if (accounts === undefined) this.byCredential.set(account.provider, (accounts = new Map()));
    accounts.set(this.factoryOf(account.provider).lookupKey(account), account);
  }

  private remove(account: Account): void {
    this.byId.delete(account.id);
    this.byCredential.get(account.provider)?.delete(this.factoryOf(account.provider).lookupKey(account));
  }
}
