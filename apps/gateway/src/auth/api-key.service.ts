import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hashApiKey } from '../common/crypto/secret-box.js';
import { ALL_SCOPES, type ApiScope } from './scopes.js';

/**
 * How long one process trusts its last answer for a key. A key revoked, expired or whose tenant was disabled (by
 * the admin CLI, on any process) is refused everywhere within this long: the bound is one second.
 */
export const KEY_CACHE_TTL_MS = 500;

/** Who is calling: the key's tenant and what the key may do. */
export interface Principal {
  tenantId: string;
  keyId: string;
  scopes: ReadonlySet<ApiScope>;
}

const KNOWN_SCOPES = new Set<string>(ALL_SCOPES);

/** Resolves a presented API key to its principal. Keys are stored hashed; lookups are cached briefly per hash. */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The key's principal, or null when it is unknown, revoked, expired or its tenant is disabled. */
  async authenticate(presented: string): Promise<Principal | null> {
    const hash = hashApiKey(presented);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.tenant_id, k.scopes, k.expires_at FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND t.disabled_at IS NULL
         AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [hash],
    )) as Array<{ id: string; tenant_id: string; scopes: string[]; expires_at: Date | null }>;
    const row = rows[0];
    const principal: Principal | null = row
      ? {
          tenantId: row.tenant_id,
          keyId: row.id,
          scopes: new Set(row.scopes.filter((s) => KNOWN_SCOPES.has(s)) as ApiScope[]),
        }
      : null;
    // Never trust a cached answer past the key's own expiry.
    const until = Math.min(now + KEY_CACHE_TTL_MS, row?.expires_at?.getTime() ?? Infinity);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until });
    return principal;
  }
}

/** `Authorization: Bearer <key>` → the key, or undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
