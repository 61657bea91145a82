import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Repository } from 'typeorm';
import { createProvider, findProvider, isProviderError, type MessagingProvider } from '@app/providers';
import { SecretBox } from '../common/crypto/secret-box.js';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ConnectionEntity } from '../database/entities/index.js';
import { GATEWAY_LOGGER } from '../observability/logger.js';
import { observeProvider } from '../observability/observed-provider.js';
import type { ConnectionModel, ConnectionTestResultModel } from './connection.model.js';
import type { CreateConnectionInput, UpdateConnectionInput } from './connection.inputs.js';
import { refuseDeletingRoutedConnection } from '../routes/route-usage.js';
import { availabilityOf } from '../dispatch/connection-health.js';
import { rateLimitOf } from './rate-limit-input.js';

export interface ConnectedProvider {
  connection: ConnectionEntity;
  adapter: MessagingProvider;
}

/**
 * How long `connect` and `getById` answer from memory. Changes made through this process invalidate at once; a
 * change made by another gateway process is seen within this time.
 */
const CONNECTION_CACHE_TTL_MS = 5_000;
const CONNECTION_CACHE_MAX = 10_000;

/** See dispatch/rate-statements.ts: a connection's next free turn. */
const FORGET_TURNS_SQL = 'DELETE FROM connection_rate_state WHERE connection_id = $1';

/**
 * Connections of a tenant and the adapters built from them. Credentials are sealed with AES-256-GCM before they
 * reach the database and opened only to build an adapter; they never appear in a response or a log line.
 */
@Injectable()
export class ConnectionsService {
  private readonly box: SecretBox;
  /** Adapters are cheap but not free: one per connection version. */
  private readonly adapters = new Map<string, { version: number; adapter: MessagingProvider }>();
  /** Sends resolve their connection on every request: `tenant\0name` → connection and adapter, briefly. */
  private readonly byName = new Map<string, { value: ConnectedProvider; until: number }>();
  /** The scheduler resolves a message's connection by id on every retry and poll. */
  private readonly byId = new Map<string, { value: ConnectionEntity | null; until: number }>();
  /**
   * Lookups running now, by the same keys: callers that miss the cache together share one query. A claim's polls
   * all resolve their connection at once, and when its entry expired each of them queried it (issue #13: a dozen
   * connection queries at a time every 5 s, ~16 ms each at one connection). Cleared with the caches.
   */
  private readonly pending = new Map<string, Promise<unknown>>();
  /** Bumped on every change, so a lookup that raced a change does not cache what it read before it. */
  private generation = 0;

  constructor(
    @InjectRepository(ConnectionEntity) private readonly repo: Repository<ConnectionEntity>,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {
    this.box = new SecretBox(config.GATEWAY_ENCRYPTION_KEY);
  }

  async list(tenantId: string): Promise<ConnectionEntity[]> {
    return this.repo.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  async get(tenantId: string, name: string): Promise<ConnectionEntity> {
    const connection = await this.repo.findOne({ where: { tenantId, name } });
    if (!connection) throw GatewayError.notFound('connection', name);
    return connection;
  }

  /** By id (cached briefly, misses included: a deleted connection stays deleted). */
  async getById(tenantId: string, id: string): Promise<ConnectionEntity | null> {
    const key = `${tenantId}\u0000${id}`;
    const now = Date.now();
    const hit = this.byId.get(key);
    if (hit && hit.until > now) return hit.value;
    return this.shared(`id\u0000${key}`, async (generation) => {
      const connection = await this.repo.findOne({ where: { tenantId, id } });
      if (generation === this.generation) remember(this.byId, key, connection, now);
      return connection;
    });
  }

  async byWebhookToken(token: string): Promise<ConnectionEntity | null> {
    return this.repo.findOne({ where: { webhookToken: token } });
  }

  async create(tenantId: string, input: CreateConnectionInput): Promise<ConnectionEntity> {
    const credentials = this.checkCredentials(input.provider, input.credentials);
    if (await this.repo.exists({ where: { tenantId, name: input.name } })) {
      throw new GatewayError(GatewayErrorCode.CONFLICT, `a connection named "${input.name}" already exists`, {
        fields: { name: ['already taken'] },
      });
    }
    this.invalidate();
    return this.repo.save(
      this.repo.create({
        tenantId,
        name: input.name,
        provider: input.provider,
        baseUrl: input.baseUrl ?? null,
        defaultFrom: input.defaultFrom ?? null,
        rateLimit: rateLimitOf(input.rateLimit),
        credentialsSealed: this.box.seal(JSON.stringify(credentials)),
        webhookToken: randomBytes(24).toString('base64url'),
      }),
    );
  }

  async update(tenantId: string, name: string, input: UpdateConnectionInput): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, name);
    if (input.name !== undefined && input.name !== name) {
      if (await this.repo.exists({ where: { tenantId, name: input.name } })) {
        throw new GatewayError(
          GatewayErrorCode.CONFLICT,
          `a connection named "${input.name}" already exists`,
          { fields: { name: ['already taken'] } },
        );
      }
      connection.name = input.name;
    }
    if (input.credentials !== undefined) {
      connection.credentialsSealed = this.box.seal(
        JSON.stringify(this.checkCredentials(connection.provider, input.credentials)),
      );
    }
    if (input.baseUrl !== undefined) {
      if (input.baseUrl !== '' && !/^https?:\/\/\S+$/.test(input.baseUrl))
        throw GatewayError.badInput('baseUrl', 'must be an http(s) URL');
      connection.baseUrl = input.baseUrl || null;
    }
    if (input.defaultFrom !== undefined) connection.defaultFrom = input.defaultFrom || null;
    const rateLimitChanged = input.rateLimit !== undefined;
    if (rateLimitChanged) connection.rateLimit = rateLimitOf(input.rateLimit);
    this.invalidate();
    try {
      const saved = await this.repo.save(connection);
      // A new limit starts afresh: the next free turn under the old one (perhaps a minute away) no longer holds.
      if (rateLimitChanged) await this.repo.query(FORGET_TURNS_SQL, [connection.id]);
      return saved;
    } finally {
      this.invalidate();
    }
  }

  async remove(tenantId: string, name: string): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, name);
    await refuseDeletingRoutedConnection(this.repo.manager, connection);
    this.invalidate();
    try {
      await this.repo.delete({ id: connection.id, tenantId });
    } finally {
      this.invalidate();
    }
    this.adapters.delete(connection.id);
    return connection;
  }

  /**
   * The connection and its adapter, as every send and resource call needs them: answered from memory for
   * CONNECTION_CACHE_TTL_MS (a send then costs no connection query). NOT_FOUND is never cached.
   */
  async connect(tenantId: string, name: string): Promise<ConnectedProvider> {
    const key = `${tenantId}\u0000${name}`;
    const now = Date.now();
    const hit = this.byName.get(key);
    if (hit && hit.until > now) return hit.value;
    return this.shared(`name\u0000${key}`, async (generation) => {
      const connection = await this.get(tenantId, name);
      const value = { connection, adapter: this.adapterOf(connection) };
      if (generation === this.generation) remember(this.byName, key, value, now);
      return value;
    });
  }

  /**
   * Runs `lookup` once for all callers of `key` until it settles (its failure too: NOT_FOUND is never cached, and
   * the next caller queries again). A change in between (invalidate) starts a new one for the callers after it.
   */
  private shared<T>(key: string, lookup: (generation: number) => Promise<T>): Promise<T> {
    const running = this.pending.get(key);
    if (running) return running as Promise<T>;
    const started = lookup(this.generation).finally(() => {
      if (this.pending.get(key) === started) this.pending.delete(key);
    });
    this.pending.set(key, started);
    return started;
  }

  /** Forgets every cached lookup (a connection was created, renamed, changed or deleted). */
  private invalidate(): void {
    this.generation++;
    this.byName.clear();
    this.byId.clear();
    this.pending.clear();
  }

  adapterOf(connection: ConnectionEntity): MessagingProvider {
    const version = connection.updatedAt.getTime();
    const cached = this.adapters.get(connection.id);
    if (cached && cached.version === version) return cached.adapter;
    const adapter = observeProvider(
      createProvider(connection.provider, {
        baseUrl: connection.baseUrl ?? undefined,
        credentials: JSON.parse(this.box.open(connection.credentialsSealed)) as unknown,
        defaults: { from: connection.defaultFrom ?? undefined },
        timeoutMs: 15_000,
      }),
      this.logger,
    );
    this.adapters.set(connection.id, { version, adapter });
    return adapter;
  }

  async test(tenantId: string, name: string): Promise<ConnectionTestResultModel> {
    const { adapter } = await this.connect(tenantId, name);
    try {
      await adapter.testConnection();
      return { ok: true, code: null, message: null };
    } catch (error) {
      if (isProviderError(error)) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  credentialFieldsOf(connection: ConnectionEntity): string[] {
    return Object.keys(
      JSON.parse(this.box.open(connection.credentialsSealed)) as Record<string, unknown>,
    ).sort();
  }

  toModel(connection: ConnectionEntity): ConnectionModel {
    return {
      id: connection.id,
      name: connection.name,
      provider: connection.provider,
      baseUrl: connection.baseUrl,
      defaultFrom: connection.defaultFrom,
      credentialFields: this.credentialFieldsOf(connection),
      webhookPath: `/v1/webhooks/${connection.provider}/${connection.webhookToken}`,
      rateLimit: connection.rateLimit
        ? {
            perSecond: connection.rateLimit.perSecond ?? null,
            perMinute: connection.rateLimit.perMinute ?? null,
          }
        : null,
      availability: availabilityOf(connection).availability,
      pausedUntil: connection.pausedUntil,
      pauseReason: connection.pauseReason,
      unavailableUntil: connection.unavailableUntil,
      consecutiveFailures: connection.consecutiveFailures,
      createdAt: connection.createdAt,
      updatedAt: connection.updatedAt,
    };
  }

  private checkCredentials(provider: string, credentials: unknown): Record<string, unknown> {
    const definition = findProvider(provider);
    if (!definition) throw GatewayError.badInput('provider', `unknown provider "${provider}"`);
    const parsed = definition.credentialsSchema.safeParse(credentials);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues)
        (fields[`credentials.${issue.path.join('.')}`] ??= []).push(issue.message);
      throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, `invalid ${provider} credentials`, { fields });
    }
    return parsed.data as Record<string, unknown>;
  }
}

function remember<T>(
  cache: Map<string, { value: T; until: number }>,
  key: string,
  value: T,
  now: number,
): void {
  if (cache.size >= CONNECTION_CACHE_MAX) cache.clear();
  cache.set(key, { value, until: now + CONNECTION_CACHE_TTL_MS });
}
