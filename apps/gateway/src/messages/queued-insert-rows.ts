import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { timeOfId } from './message-key.js';
import { DISPATCH_CHANNEL } from './dispatch-wakeup.js';
import type { QueuedRow } from './queued-insert.js';

/**
 * One message accepted for later delivery, as the insert statement takes it: the columns of a synchronous send's row
 * (queued-insert.ts) but its tenant, and due now unless leased.
 */
export interface AsyncRow extends Omit<QueuedRow, 'nextActionAt' | 'firstAttempt'> {
  tenantId: string;
  /** Its own idempotency key (claimed in the same statement) and the hash of what it sends. */
  key?: string;
  hash?: string;
  /**
   * Due later (now + lease) instead of now: the caller still has to store something first (an upload's bytes in
   * held_requests, which references the row) and releases it afterwards.
   */
  leased?: boolean;
}

/** What became of one row: created, or its key was already live (`prior`), or neither (the key is being claimed). */
export interface AsyncRowOutcome {
  created?: { createdAt: Date; updatedAt: Date };
  prior?: { messageId: string; requestHash: string };
}

/**
 * One statement for any number of rows (a batch, or single sends coalesced across tenants): claims each row's key
 * insert-first (a live key is left alone and reported with the message and hash it belongs to), inserts the rows
 * whose key was claimed or that have none, QUEUED and due now (their message_schedule rows), with their first
 * status change, and wakes the dispatchers of every process (pg_notify, delivered at commit). Keys must be unique
 * per tenant within one call:
 * ON CONFLICT cannot touch one row twice in a statement.
 */
const SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id uuid, connection_id uuid,
    connection_name text, provider text, type text, to_number text, request jsonb, key text, hash text, leased boolean,
    route_id uuid, route_name text, created_at timestamptz)
), claim AS (
  INSERT INTO idempotency_records (tenant_id, key, request_hash, message_id, created_at, expires_at)
  SELECT tenant_id, key, hash, id, COALESCE(created_at, now()), now() + $2::int * interval '1 millisecond'
  FROM input WHERE key IS NOT NULL
  ON CONFLICT (tenant_id, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, message_id = EXCLUDED.message_id,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_records.expires_at <= now()
  RETURNING tenant_id, key
), inserted AS (
  INSERT INTO messages (id, tenant_id, connection_id, connection_name, provider, type, to_number, request,
                        status, attempts, idempotency_key, route_id, route_name, created_at)
  SELECT id, tenant_id, connection_id, connection_name, provider, type, to_number, request, 'QUEUED', 0,
         key, route_id, route_name, COALESCE(created_at, now())
  FROM input
  WHERE key IS NULL OR EXISTS (SELECT 1 FROM claim c WHERE c.tenant_id = input.tenant_id AND c.key = input.key)
  RETURNING id, tenant_id, created_at, updated_at
), scheduled AS (
  INSERT INTO message_schedule (message_id, created_at, next_action_at)
  SELECT i.id, i.created_at,
         CASE WHEN input.leased THEN now() + $3::int * interval '1 millisecond' ELSE now() END
  FROM inserted i JOIN input ON input.id = i.id
), history AS (
  INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
  SELECT tenant_id, id, 'QUEUED', NULL, 'gateway', GREATEST($4::timestamptz, created_at) FROM inserted
), wake AS (
  SELECT pg_notify('${DISPATCH_CHANNEL}', '') AS notified FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row
)
SELECT input.id, i.created_at, i.updated_at, prior.message_id AS prior_id, prior.request_hash AS prior_hash
FROM input
LEFT JOIN inserted i ON i.id = input.id
LEFT JOIN LATERAL (
  -- Per row, by primary key, and only for a keyed row that was not inserted: never a scan of the whole table.
  SELECT r.message_id, r.request_hash FROM idempotency_records r
  WHERE input.key IS NOT NULL AND i.id IS NULL
    AND r.tenant_id = input.tenant_id AND r.key = input.key AND r.expires_at > now()
) AS prior ON true
LEFT JOIN wake ON true`;

interface OutcomeRow {
  id: string;
  created_at: Date | null;
  updated_at: Date | null;
  prior_id: string | null;
  prior_hash: string | null;
}

/** Inserts the rows (see SQL); answers one outcome per row, in order. */
export async function insertAsyncRows(
  dataSource: DataSource,
  rows: AsyncRow[],
  options: { leaseMs: number; idempotencyTtlMs: number; at: Date },
): Promise<AsyncRowOutcome[]> {
  const input = rows.map((r) => ({
    id: r.id,
    tenant_id: r.tenantId,
    connection_id: r.connectionId,
    connection_name: r.connectionName,
    provider: r.provider,
    type: r.type,
    to_number: r.to,
    request: r.request,
    key: r.key ?? null,
    hash: r.hash ?? null,
    leased: r.leased ?? false,
    route_id: r.routeId ?? null,
    route_name: r.routeName ?? null,
    // The partition key: the time of a UUIDv7 id (message-key.ts); now() for an id without one.
    created_at: timeOfId(r.id)?.toISOString() ?? null,
  }));
  const answered = await preparedQuery<OutcomeRow>(dataSource, SQL, [
    JSON.stringify(input),
    options.idempotencyTtlMs,
    options.leaseMs,
    options.at.toISOString(),
  ]);
  const byId = new Map(answered.map((row) => [row.id, row]));
  return rows.map((r) => {
    const row = byId.get(r.id);
    if (!row) throw new Error(`the queued insert answered nothing for message ${r.id}`);
    if (row.created_at && row.updated_at)
      return { created: { createdAt: row.created_at, updatedAt: row.updated_at } };
    if (row.prior_id && row.prior_hash !== null)
      return { prior: { messageId: row.prior_id, requestHash: row.prior_hash } };
    return {};
  });
}

/** Makes rows inserted `leased` due now (their held part is stored) and wakes the dispatchers. */
export async function releaseLeasedRows(dataSource: DataSource, ids: string[]): Promise<void> {
  await preparedQuery(
    dataSource,
    `WITH released AS (
       UPDATE message_schedule SET next_action_at = now() WHERE message_id = ANY($1::uuid[]) RETURNING message_id
     )
     SELECT pg_notify('${DISPATCH_CHANNEL}', '') FROM (SELECT 1 FROM released LIMIT 1) AS any_row`,
    [ids],
  );
}
