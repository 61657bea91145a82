import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { createProvider, findProvider, isProviderError, type MessagingProvider } from '@app/providers';
import { SecretBox } from '../common/crypto/secret-box.js';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ConnectionEntity } from '../database/entities/index.js';
import type { ConnectionModel, ConnectionTestResultModel } from './connection.model.js';
import type { CreateConnectionInput, UpdateConnectionInput } from './connection.inputs.js';

export interface ConnectedProvider {
  connection: ConnectionEntity;
  adapter: MessagingProvider;
}

/**
 * Connections of a tenant and the adapters built from them. Credentials are sealed with AES-256-GCM before they
 * reach the database and opened only to build an adapter; they never appear in a response or a log line.
 */
@Injectable()
export class ConnectionsService {
  private readonly box: SecretBox;
  /** Adapters are cheap but not free: one per connection version. */
  private readonly adapters = new Map<string, { version: number; adapter: MessagingProvider }>();

  constructor(
    @InjectRepository(ConnectionEntity) private readonly repo: Repository<ConnectionEntity>,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
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

  async getById(tenantId: string, id: string): Promise<ConnectionEntity | null> {
    return this.repo.findOne({ where: { tenantId, id } });
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
    return this.repo.save(
      this.repo.create({
        tenantId,
        name: input.name,
        provider: input.provider,
        baseUrl: input.baseUrl ?? null,
        defaultFrom: input.defaultFrom ?? null,
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
    return this.repo.save(connection);
  }

  async remove(tenantId: string, name: string): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, name);
    await this.repo.delete({ id: connection.id, tenantId });
    this.adapters.delete(connection.id);
    return connection;
  }

  async connect(tenantId: string, name: string): Promise<ConnectedProvider> {
    const connection = await this.get(tenantId, name);
    return { connection, adapter: this.adapterOf(connection) };
  }

  adapterOf(connection: ConnectionEntity): MessagingProvider {
    const version = connection.updatedAt.getTime();
    const cached = this.adapters.get(connection.id);
    if (cached && cached.version === version) return cached.adapter;
    const adapter = createProvider(connection.provider, {
      baseUrl: connection.baseUrl ?? undefined,
      credentials: JSON.parse(this.box.open(connection.credentialsSealed)) as unknown,
      defaults: { from: connection.defaultFrom ?? undefined },
      timeoutMs: 15_000,
    });
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
