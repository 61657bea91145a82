import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { timeOfId } from './message-key.js';

export interface QueuedRow {
  id: string;
  connectionId: string;
  connectionName: string;
  provider: string;
  type: string;
  to: string;
  request: Record<string, unknown>;
  nextActionAt: Date;
  /** Sent by route (routes/): its id and name. */
  routeId?: string | null;
  routeName?: string | null;
  /** The send's first attempt starts now: its attempt row (message_attempts) is written with the message. */
  firstAttempt?: boolean;
}

export interface QueuedInsert {
  tenantId: string;
  rows: QueuedRow[];
  /** With a key, the rows are inserted only when this statement claims it (new, or its record expired). */
  idempotency?: { key: string; requestHash: string; ttlMs: number };
}

/**
 * One statement, so one round trip and one commit on the hot path: claims the idempotency key (insert-first:
 * a concurrent claim of the same key waits on the primary key, then finds it taken), inserts the messages QUEUED,
 * their schedule rows (message_schedule: leased to this send, or due) and their first status change. Answers the created rows' timestamps, or nothing when the key was taken.
 */
const SQL = `
WITH claim AS (
  INSERT INTO idempotency_records (tenant_id, key, request_hash, message_id, created_at, expires_at)
  SELECT $1::uuid, $2::text, $3::text, $4::uuid, COALESCE($8::timestamptz, now()),
         now() + $5::int * interval '1 millisecond'
  WHERE $2::text IS NOT NULL
  ON CONFLICT (tenant_id, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, message_id = EXCLUDED.message_id,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_records.expires_at <= now()
  RETURNING key
), inserted AS (
  INSERT INTO messages (id, tenant_id, connection_id, connection_name, provider, type, to_number, request,
                        status, attempts, idempotency_key, route_id, route_name, created_at)
  SELECT r.id, $1::uuid, r.connection_id, r.connection_name, r.provider, r.type, r.to_number, r.request,
         'QUEUED', 0, $2::text, r.route_id, r.route_name, COALESCE(r.created_at, now())
  FROM jsonb_to_recordset($6::jsonb) AS r(id uuid, connection_id uuid, connection_name text, provider text,
                                          type text, to_number text, request jsonb,
                                          route_id uuid, route_name text, created_at timestamptz)
  WHERE $2::text IS NULL OR EXISTS (SELECT 1 FROM claim)
  RETURNING id, connection_id, connection_name, provider, created_at, updated_at
), scheduled AS (
  INSERT INTO message_schedule (message_id, created_at, next_action_at)
  SELECT i.id, i.created_at, r.next_action_at
  FROM inserted i JOIN jsonb_to_recordset($6::jsonb) AS r(id uuid, next_action_at timestamptz) ON r.id = i.id
), attempt AS (
  INSERT INTO message_attempts (message_id, number, connection_id, connection_name, provider, started_at)
  SELECT i.id, 1, i.connection_id, i.connection_name, i.provider, now()
  FROM inserted i JOIN jsonb_to_recordset($6::jsonb) AS r(id uuid, first_attempt boolean) ON r.id = i.id
  WHERE r.first_attempt
), history AS (
  INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
  SELECT $1::uuid, id, 'QUEUED', NULL, 'gateway', GREATEST($7::timestamptz, created_at) FROM inserted
)
SELECT id, created_at, updated_at FROM inserted`;

/** A row as the statements' jsonb_to_recordset reads it: column names, timestamps as ISO text. */
function columnsOf(r: QueuedRow): Record<string, unknown> {
  return {
    id: r.id,
    connection_id: r.connectionId,
    connection_name: r.connectionName,
    provider: r.provider,
    type: r.type,
    to_number: r.to,
    request: r.request,
    next_action_at: r.nextActionAt.toISOString(),
    route_id: r.routeId ?? null,
    route_name: r.routeName ?? null,
    first_attempt: r.firstAttempt ?? false,
    // The partition key: the time of a UUIDv7 id (message-key.ts); now() for an id without one.
    created_at: timeOfId(r.id)?.toISOString() ?? null,
  };
}

export async function insertQueued(
  dataSource: DataSource,
  insert: QueuedInsert,
): Promise<Map<string, { createdAt: Date; updatedAt: Date }> | null> {
  const rows = insert.rows.map(columnsOf);
  const created = await preparedQuery<{ id: string; created_at: Date; updated_at: Date }>(dataSource, SQL, [
    insert.tenantId,
    insert.idempotency?.key ?? null,
    insert.idempotency?.requestHash ?? null,
    insert.rows[0]?.id ?? null,
    insert.idempotency?.ttlMs ?? 0,
    JSON.stringify(rows),
    new Date().toISOString(),
    // The key's record is as old as its first message, so a replay finds messages created at or after it.
    insert.rows[0] ? (timeOfId(insert.rows[0].id)?.toISOString() ?? null) : null,
  ]);
  if (created.length === 0) return null;
  return new Map(created.map((c) => [c.id, { createdAt: c.created_at, updatedAt: c.updated_at }]));
}

/**
 * The same insert for many keyless sends at once (see StatementCoalescer): one statement for every tenant's rows,
 * each with its schedule row and first status change. Answers, per insert, the created rows' timestamps.
 */
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id uuid, connection_id uuid, connection_name text,
    provider text, type text, to_number text, request jsonb, next_action_at timestamptz, at timestamptz,
    route_id uuid, route_name text, first_attempt boolean, created_at timestamptz)
), inserted AS (
  INSERT INTO messages (id, tenant_id, connection_id, connection_name, provider, type, to_number, request,
                        status, attempts, idempotency_key, route_id, route_name, created_at)
  SELECT id, tenant_id, connection_id, connection_name, provider, type, to_number, request, 'QUEUED', 0,
         NULL, route_id, route_name, COALESCE(created_at, now())
  FROM input
  RETURNING id, tenant_id, created_at, updated_at
), scheduled AS (
  INSERT INTO message_schedule (message_id, created_at, next_action_at)
  SELECT i.id, i.created_at, input.next_action_at FROM inserted i JOIN input ON input.id = i.id
), attempt AS (
  INSERT INTO message_attempts (message_id, number, connection_id, connection_name, provider, started_at)
  SELECT input.id, 1, input.connection_id, input.connection_name, input.provider, now()
  FROM inserted i JOIN input ON input.id = i.id
  WHERE input.first_attempt
), history AS (
  INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
  SELECT i.tenant_id, i.id, 'QUEUED', NULL, 'gateway', GREATEST(input.at, i.created_at)
  FROM inserted i JOIN input ON input.id = i.id
)
SELECT id, created_at, updated_at FROM inserted`;

export type CreatedRows = Map<string, { createdAt: Date; updatedAt: Date }>;

export async function insertQueuedBatch(
  dataSource: DataSource,
  inserts: Array<Omit<QueuedInsert, 'idempotency'>>,
): Promise<CreatedRows[]> {
  const at = new Date().toISOString();
  const rows = inserts.flatMap((insert) =>
    insert.rows.map((r) => ({ ...columnsOf(r), tenant_id: insert.tenantId, at })),
  );
  const created = await preparedQuery<{ id: string; created_at: Date; updated_at: Date }>(
    dataSource,
    BATCH_SQL,
    [JSON.stringify(rows)],
  );
  const byId = new Map(created.map((c) => [c.id, { createdAt: c.created_at, updatedAt: c.updated_at }]));
  return inserts.map((insert) => {
    const mine: CreatedRows = new Map();
    for (const row of insert.rows) {
      const stamps = byId.get(row.id);
      if (!stamps) throw new Error(`message ${row.id} was not inserted`);
      mine.set(row.id, stamps);
    }
    return mine;
  });
}
