import type { z } from 'zod';
import type { CapabilityTable } from './capabilities.js';
import type { MessageStatus } from './message-status.js';
import type { MessagingProvider } from './messaging-provider.js';

/** How an adapter is built for one connection: a fresh adapter and client per connection, never shared. */
export interface AdapterConfig<Credentials> {
  /** Defaults to the provider's real base URL; point it at the simulator to test offline. */
  baseUrl?: string;
  credentials: Credentials;
  timeoutMs?: number;
  /** Connection defaults, e.g. the Washeej sender number or the Wessaal instance. */
  defaults?: { from?: string };
  fetch?: typeof fetch;
}

/** One entry of the provider registry: everything the gateway needs to know about a provider without calling it. */
export interface ProviderDefinition<Credentials = unknown> {
  readonly id: string;
  readonly name: string;
  readonly defaultBaseUrl: string;
  readonly capabilities: CapabilityTable;
  /** Validates credentials a user gives for a connection. */
  readonly credentialsSchema: z.ZodType<Credentials>;
  /** Credential fields that are secrets: encrypted at rest and never logged. */
  readonly secretFields: readonly string[];
  /**
   * Statuses after which this provider reports nothing new, so the gateway stops polling there. Defaults to
   * FINAL_STATUSES (READ, FAILED); a provider without read receipts ends at DELIVERED and would otherwise be polled
   * until the poll age limit (a week) for a READ that never comes.
   */
  readonly finalStatuses?: ReadonlySet<MessageStatus>;
  create(config: AdapterConfig<Credentials>): MessagingProvider;
}

/** Keeps the Credentials type of a definition while letting the registry hold them side by side. */
export function defineProvider<Credentials>(
  definition: ProviderDefinition<Credentials>,
): ProviderDefinition<Credentials> {
  return Object.freeze(definition);
}
