export const PROVIDER_IDS = ['washeej', 'wutt', 'watsal', 'wessaal', 'wamessenger'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const PLANS = ['active', 'expired', 'none', 'no_api'] as const;
export type Plan = (typeof PLANS)[number];

/** Delays (simulator ms) between lifecycle steps of an accepted message. */
export interface LifecycleDelays {
  sentMs: number;
  deliveredMs: number;
  readMs: number;
}

export const DEFAULT_DELAYS: LifecycleDelays = { sentMs: 200, deliveredMs: 300, readMs: 1_000 };

/**
 * One simulated customer account at one provider. The fields every provider shares live here; what a provider
 * keeps (contacts, messages, templates, ...) lives in `state`, owned by that provider's module.
 */
export interface Account<State = unknown> {
  id: string;
  provider: ProviderId;
  /** Provider-specific credentials: `{clientId, clientSecret}` or `{apiKey}`. */
  credentials: Record<string, string>;
  /** Washeej/Wutt only: IPs allowed to call. */
  ipWhitelist: string[];
  /** Wessaal's WhatsApp pocket. */
  credits: number;
  /** Wessaal key scopes. */
  scopes: string[];
  /** Washeej/Wutt subscription. */
  plan: Plan;
  /** Requests per minute of simulator time before 429 (Wessaal, Watsal); 0 = unlimited. */
  rateLimitPerMinute: number;
  delays: LifecycleDelays;
  /** Whether this account came from the demo seed (reset restores it) or from `POST /__admin/accounts`. */
  seeded: boolean;
  state: State;
  rateWindow: { startedAt: number; count: number };
}

export type AccountPatch = Partial<
  Pick<Account, 'ipWhitelist' | 'credits' | 'scopes' | 'plan' | 'rateLimitPerMinute'> & {
    delays: Partial<LifecycleDelays>;
  }
>;
