import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Account, ProviderId } from './account.js';
import type { AccountFactory } from './account-store.js';
import type { SimCore } from './sim-core.js';

/** What a simulated phone received, as `GET /__admin/messages` shows it. */
export interface PhoneMessage {
  provider: ProviderId;
  accountId: string;
  id: string;
  to: string;
  type: string;
  text?: string;
  /** The provider's own status word (`delivered`, `2`, `phone`, ...). */
  status: string;
  createdAt: string;
  updatedAt?: string;
  /** Why it failed, when the provider says. */
  error?: string;
  /** Type-specific fields as the provider keeps them (media url, location, buttons, poll values, contacts). */
  details?: Record<string, unknown>;
}

export interface InboundInput {
  from: string;
  text: string;
}

/** A body and content type in the provider's own error style. */
export interface ProviderReply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** OpenAPI 3 path items, merged into the simulator's `/docs` document. */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/**
 * One simulated provider. Each lives in its own folder under providers/ and is an independent implementation of
 * the provider's documented contract, written from the docs alone: nothing here comes from the gateway's provider
 * clients (architecture.spec.ts holds the simulator to that).
 */
export interface SimProvider extends AccountFactory {
  readonly id: ProviderId;
  readonly name: string;
  /** The base URL's path after `/<id>` that clients use (`/integration/v1`), as the README table shows it. */
  readonly basePath: string;
  /** Registers the provider's routes; called inside a Fastify scope whose prefix is `/<id>`. */
  register(app: FastifyInstance, core: SimCore): Promise<void> | void;
  /** An injected fault without a body answers with this (the provider's own error shape for that status). */
  errorReply(status: number): ProviderReply;
  /** A customer writes in: opens windows, lands in received lists, fires webhooks. Returns what was stored. */
  inbound(account: Account, input: InboundInput, core: SimCore): unknown;
  phoneMessages(account: Account): PhoneMessage[];
  /** The code of an OTP request, for `GET /__admin/otp/{id}`. */
  findOtp?(account: Account, requestId: string): string | undefined;
  /** Masks secrets that travel in the path (WaMessenger's key) before the journal keeps it. */
  redactPath?(path: string): string;
  /** Masks secrets an answer echoes (WaMessenger's key, its webhook URL) before the journal keeps the answer. */
  redactResponse?(request: FastifyRequest, payload: unknown): unknown;
  openApiPaths(): OpenApiPaths;
}
