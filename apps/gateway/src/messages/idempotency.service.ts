import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { IdempotencyRecordEntity } from '../database/entities/idempotency-record.entity.js';

/** How long a key answers with its first message. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export function keyReused(key: string): GatewayError {
  return new GatewayError(
    GatewayErrorCode.IDEMPOTENCY_KEY_REUSED,
    `idempotency key "${key}" was already used with a different request`,
    { fields: { idempotencyKey: ['already used with a different request'] } },
  );
}

/**
 * Idempotency keys of a tenant. A key is claimed insert-first by the statement that creates its message(s)
 * (queued-insert.ts): a concurrent request with the same key waits on the primary key, then finds the key taken
 * and replays the first request's messages; an expired record is taken over in the same statement.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectRepository(IdempotencyRecordEntity) private readonly records: Repository<IdempotencyRecordEntity>,
  ) {}

  /** The live record of a key, or null. */
  async find(tenantId: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return this.records.findOne({ where: { tenantId, key, expiresAt: MoreThan(new Date()) } });
  }

  /** The existing record's message id, or IDEMPOTENCY_KEY_REUSED when the request differs. */
  check(record: IdempotencyRecordEntity, requestHash: string): string {
    if (record.requestHash !== requestHash) throw keyReused(record.key);
    return record.messageId;
  }

  async removeExpired(): Promise<void> {
    await this.records.createQueryBuilder().delete().where('expires_at <= now()').execute();
  }
}
