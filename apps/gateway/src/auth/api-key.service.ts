import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { hashApiKey } from '../common/crypto/secret-box.js';
import { ApiKeyEntity } from '../database/entities/index.js';

const CACHE_TTL_MS = 30_000;

/** Resolves a presented API key to its tenant. Keys are stored hashed; lookups are cached briefly per hash. */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { tenantId: string | null; until: number }>();

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async tenantFor(presented: string): Promise<string | null> {
    const hash = hashApiKey(presented);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.tenantId;
    const key = await this.keys.findOne({ where: { keyHash: hash, revokedAt: IsNull() } });
    const tenantId = key?.tenantId ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { tenantId, until: now + CACHE_TTL_MS });
    return tenantId;
  }

  /** Stores a key for a tenant (hash only) and returns nothing secret. */
  async register(tenantId: string, name: string, presented: string): Promise<ApiKeyEntity> {
    return this.keys.save(
      this.keys.create({
        tenantId,
        name,
        prefix: presented.slice(0, 6),
        keyHash: hashApiKey(presented),
        revokedAt: null,
      }),
    );
  }
}

/** `Authorization: Bearer <key>` → the key, or undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
