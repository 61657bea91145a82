import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashApiKey } from '../common/crypto/secret-box.js';
import { ApiKeyEntity, TenantEntity } from '../database/entities/index.js';
import { ALL_SCOPES, type ApiScope } from '../auth/scopes.js';

/** A mistake in what the operator typed: exit code 2. */
export class UsageError extends Error {}
/** The command was understood but cannot be done (unknown tenant, duplicate name): exit code 1. */
export class CommandFailure extends Error {}

export type KeyEnvironment = 'live' | 'test';

/** `gw_live_` / `gw_test_` followed by 32 random base64url characters (192 bits). */
export function newApiKey(environment: KeyEnvironment): string {
  return `gw_${environment}_${randomBytes(24).toString('base64url')}`;
}

/** Tenants and keys, straight on the database: what the admin CLI runs. */
export class AdminCommands {
  constructor(private readonly db: DataSource) {}

  async createTenant(name: string): Promise<TenantEntity> {
    const tenants = this.db.getRepository(TenantEntity);
    if (await tenants.exists({ where: { name } }))
      throw new CommandFailure(`a tenant named "${name}" already exists`);
    return tenants.save(tenants.create({ name, disabledAt: null }));
  }

  async listTenants(): Promise<TenantEntity[]> {
    return this.db.getRepository(TenantEntity).find({ order: { createdAt: 'ASC' } });
  }

  async disableTenant(name: string): Promise<TenantEntity> {
    const tenant = await this.tenantNamed(name);
    if (!tenant.disabledAt) {
      tenant.disabledAt = new Date();
      await this.db.getRepository(TenantEntity).save(tenant);
    }
    return tenant;
  }

  /** Sets how long the tenant's data is kept: days, 0 = forever, null = follow GATEWAY_RETENTION_DAYS. */
  async setTenantRetention(name: string, days: number | null): Promise<TenantEntity> {
    const tenant = await this.tenantNamed(name);
    await this.db.getRepository(TenantEntity).update({ id: tenant.id }, { retentionDays: days });
    tenant.retentionDays = days;
    return tenant;
  }

  /** Creates a key and returns it in clear text: the only time it exists outside the caller's hands. */
  async createKey(options: {
    tenant: string;
    scopes: readonly ApiScope[];
    expiresAt: Date | null;
    environment: KeyEnvironment;
    name: string;
  }): Promise<{ key: string; record: ApiKeyEntity }> {
    const tenant = await this.tenantNamed(options.tenant);
    if (tenant.disabledAt) throw new CommandFailure(`tenant "${tenant.name}" is disabled`);
    const key = newApiKey(options.environment);
    const keys = this.db.getRepository(ApiKeyEntity);
    const record = await keys.save(
      keys.create({
        tenantId: tenant.id,
        name: options.name,
        prefix: `gw_${options.environment}_`,
        lastFour: key.slice(-4),
        keyHash: hashApiKey(key),
        scopes: [...options.scopes],
        expiresAt: options.expiresAt,
        revokedAt: null,
      }),
    );
    return { key, record };
  }

  async listKeys(tenantName: string): Promise<ApiKeyEntity[]> {
    const tenant = await this.tenantNamed(tenantName);
    return this.db
      .getRepository(ApiKeyEntity)
      .find({ where: { tenantId: tenant.id }, order: { createdAt: 'ASC' } });
  }

  async revokeKey(id: string): Promise<ApiKeyEntity> {
    const keys = this.db.getRepository(ApiKeyEntity);
    const key = /^[0-9a-f-]{36}$/i.test(id) ? await keys.findOne({ where: { id } }) : null;
    if (!key) throw new CommandFailure(`no API key with id "${id}"`);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await keys.save(key);
    }
    return key;
  }

  private async tenantNamed(name: string): Promise<TenantEntity> {
    const tenant = await this.db.getRepository(TenantEntity).findOne({ where: { name } });
    if (!tenant) throw new CommandFailure(`no tenant named "${name}"`);
    return tenant;
  }
}

/** `send,read` → the scopes, refusing unknown names. */
export function parseScopes(value: string | undefined): ApiScope[] {
  if (value === undefined) return [...ALL_SCOPES];
  const scopes = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0)
    throw new UsageError(
      `--scopes: ${unknown.length > 0 ? `unknown scope "${unknown[0]}"` : 'none given'}; choose from ${ALL_SCOPES.join(', ')}`,
    );
  return [...new Set(scopes)] as ApiScope[];
}

/** The longest retention a tenant may set: 100 years, the same bound as GATEWAY_RETENTION_DAYS. */
export const MAX_RETENTION_DAYS = 36_500;

/** `tenant retention NAME DAYS|keep|default`: days (1 to 36500), 0 for keep (forever), null for default (global). */
export function parseRetention(value: string): number | null {
  if (value === 'keep') return 0;
  if (value === 'default') return null;
  const days = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS))
    throw new UsageError(
      `retention: "${value}" is not a number of days (1 to ${MAX_RETENTION_DAYS}), keep (forever) or default (GATEWAY_RETENTION_DAYS)`,
    );
  return days;
}

/** How `tenant list` and `tenant retention` show a tenant's retention. */
export function describeRetention(days: number | null): string {
  if (days === null) return 'retention default';
  return days === 0 ? 'retention keep' : `retention ${days}d`;
}

/** An ISO-8601 date-time in the future, or a usage error. */
export function parseExpiry(value: string | undefined, now = Date.now()): Date | null {
  if (value === undefined) return null;
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--expires: "${value}" is not an ISO-8601 date-time`);
  if (at.getTime() <= now) throw new UsageError(`--expires: ${at.toISOString()} is in the past`);
  return at;
}
