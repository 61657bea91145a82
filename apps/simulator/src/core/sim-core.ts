import { AccountStore } from './account-store.js';
import { SimClock } from './clock.js';
import { FaultRegistry } from './faults.js';
import { InboundLog } from './inbound-log.js';
import { Journal } from './journal.js';
import { RouteTable } from './route-table.js';
import type { ProviderId } from './account.js';
import type { SimProvider } from './sim-provider.js';

export interface SimulatorConfig {
  trustProxy: boolean;
  journalSize: number;
  webhookTimeoutMs: number;
  /** Largest request body accepted, except Washeej's uploads (documents up to 100 MB). */
  bodyLimitBytes: number;
  /**
   * Messages (and received messages, OTP requests) kept per account; past it the oldest final ones go first
   * (core/retention.ts). 0 = unlimited.
   */
  maxMessagesPerAccount: number;
  /** Where the provider routes log unexpected errors (JSON lines, errors and warnings only); stdout when absent. */
  logStream?: { write(line: string): unknown };
}

export const DEFAULT_CONFIG: SimulatorConfig = {
  trustProxy: false,
  journalSize: 1_000,
  webhookTimeoutMs: 3_000,
  bodyLimitBytes: 1024 * 1024,
  maxMessagesPerAccount: 10_000,
};

/** The state and machinery every simulated provider shares. Plain classes: one instance per simulator. */
export class SimCore {
  readonly clock = new SimClock();
  readonly journal: Journal;
  readonly faults = new FaultRegistry();
  readonly accounts = new AccountStore();
  readonly providers = new Map<ProviderId, SimProvider>();
  /** Every provider route, filled as the providers register. */
  readonly routes = new RouteTable();
  /** What simulated customers wrote, per account, for the inbox's threads. */
  readonly inboundLog: InboundLog;

  constructor(readonly config: SimulatorConfig) {
    this.journal = new Journal(config.journalSize);
    this.inboundLog = new InboundLog(config.maxMessagesPerAccount);
  }

  addProvider(provider: SimProvider): void {
    this.providers.set(provider.id, provider);
    this.accounts.register(provider);
  }

  provider(id: string): SimProvider | undefined {
    return this.providers.get(id as ProviderId);
  }

  /** Back to the demo seed: accounts, clock, journal and faults. */
  resetAll(): void {
    this.clock.reset();
    this.journal.clear();
    this.faults.clear();
    this.accounts.resetAll();
    this.inboundLog.clear();
  }
}
