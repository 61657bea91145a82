import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SendRequest } from '@app/providers';
import { SecretBox } from '../common/crypto/secret-box.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

/**
 * What the message row must not keep in clear (uploaded media bytes: only their sha256 and size are in `request`;
 * the text of a secret message, an OTP code) is kept here, in the held_requests table, sealed with
 * GATEWAY_ENCRYPTION_KEY, until the send has a final outcome: any gateway process can then retry the message, after a
 * restart too. What outlives GATEWAY_HELD_REQUEST_RETENTION_MS is removed by the scheduler's cleanup, and a retry
 * after that ends FAILED with code GONE.
 */
@Injectable()
export class HeldRequests {
  private readonly box: SecretBox;
  private readonly retentionMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.box = new SecretBox(config.GATEWAY_ENCRYPTION_KEY);
    this.retentionMs = config.GATEWAY_HELD_REQUEST_RETENTION_MS;
  }

  async put(messageId: string, request: SendRequest, bytes: number): Promise<void> {
    const sealed = this.box.seal(JSON.stringify(encodeBytes(request)));
    await this.dataSource.query(
      `INSERT INTO held_requests (message_id, sealed, bytes, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id) DO UPDATE SET sealed = excluded.sealed, bytes = excluded.bytes,
         expires_at = excluded.expires_at`,
      [messageId, sealed, bytes, new Date(Date.now() + this.retentionMs)],
    );
  }

  async get(messageId: string): Promise<SendRequest | undefined> {
    const rows = (await this.dataSource.query(
      'SELECT sealed FROM held_requests WHERE message_id = $1 AND expires_at > now()',
      [messageId],
    )) as Array<{ sealed: string }>;
    const sealed = rows[0]?.sealed;
    return sealed === undefined ? undefined : (decodeBytes(JSON.parse(this.box.open(sealed))) as SendRequest);
  }

  async delete(messageId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM held_requests WHERE message_id = $1', [messageId]);
  }

  /** The scheduler's periodic cleanup. */
  async removeExpired(): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      'DELETE FROM held_requests WHERE expires_at <= now()',
    )) as [unknown, number];
    return affected;
  }
}

/** A stored request whose retry needs its held part (see outgoingOf): only those get a held_requests row. */
export function needsHeldRequest(stored: Record<string, unknown>): boolean {
  const media = stored.media as { upload?: unknown } | undefined;
  return stored.secret === true || (media?.upload !== undefined && media.upload !== null);
}

const BYTES = '$bytes';

/** JSON cannot carry bytes: Uint8Arrays become `{ $bytes: base64 }` (and back in decodeBytes). */
export function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
  return value;
}

export function decodeBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record[BYTES] === 'string')
      return new Uint8Array(Buffer.from(record[BYTES], 'base64'));
    return Object.fromEntries(keys.map((k) => [k, decodeBytes(record[k])]));
  }
  return value;
}
