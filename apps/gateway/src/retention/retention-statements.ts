import type { DeletedCounts, RetentionTable } from './retention-policy.js';

/**
 * One batch of one kind of row: a single autocommit statement (no transaction spans batches) taking `$1` tenant id,
 * `$2` cutoff and `$3` batch size, answering one row of counts per table. Candidates are picked `FOR UPDATE SKIP
 * LOCKED`: a row a send, a poll or a delivery is changing right now is skipped (taken by a later pass), so a
 * retention batch never waits for them and they never wait for more than one small batch.
 */
export interface RetentionStatement {
  /** The table whose count decides whether another batch is needed. */
  primary: RetentionTable;
  sql: string;
}

/**
 * Messages whose scheduler has nothing left to do (no message_schedule row: not queued, not leased to a send, not
 * waiting for a retry or a status poll) and older than the cutoff, with their status changes, held requests,
 * attempts, rate turns and schedule rows (there should be none: deleted all the same, so none can outlive its
 * message), in one statement (no foreign key cascades since messages are partitioned: every dependent is named here). A message that still has work scheduled is kept whatever its age. Deleted by its whole
 * (id, created_at) key, so each row is found in its own partition.
 */
const MESSAGES = `
WITH batch AS (
  SELECT id, created_at FROM messages
  WHERE tenant_id = $1 AND created_at < $2
    AND NOT EXISTS (SELECT 1 FROM message_schedule s WHERE s.message_id = messages.id)
  ORDER BY created_at, id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
),
status_changes_deleted AS (
  DELETE FROM status_changes WHERE message_id IN (SELECT id FROM batch) RETURNING 1
),
held_requests_deleted AS (
  DELETE FROM held_requests WHERE message_id IN (SELECT id FROM batch) RETURNING 1
),
attempts_deleted AS (
  DELETE FROM message_attempts WHERE message_id IN (SELECT id FROM batch) RETURNING 1
),
rate_turns_deleted AS (
  DELETE FROM message_rate_turns WHERE message_id IN (SELECT id FROM batch)
),
schedule_deleted AS (
  DELETE FROM message_schedule WHERE message_id IN (SELECT id FROM batch)
),
messages_deleted AS (
  DELETE FROM messages WHERE (id, created_at) IN (SELECT id, created_at FROM batch) RETURNING 1
)
SELECT (SELECT count(*) FROM messages_deleted)::int AS messages,
       (SELECT count(*) FROM status_changes_deleted)::int AS status_changes,
       (SELECT count(*) FROM held_requests_deleted)::int AS held_requests,
       (SELECT count(*) FROM attempts_deleted)::int AS message_attempts`;

/**
 * Idempotency keys go with their message: older than the cutoff and whose message is gone (deleted above). A key
 * of a message kept because it is still at work stays, so a retry of its request still finds it.
 */
const IDEMPOTENCY_RECORDS = `
WITH batch AS (
  SELECT r.tenant_id, r.key FROM idempotency_records r
  WHERE r.tenant_id = $1 AND r.created_at < $2
    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id)
  ORDER BY r.created_at
  LIMIT $3
  FOR UPDATE SKIP LOCKED
),
deleted AS (
  DELETE FROM idempotency_records r USING batch b
  WHERE r.tenant_id = b.tenant_id AND r.key = b.key
  RETURNING 1
)
SELECT (SELECT count(*) FROM deleted)::int AS idempotency_records`;

/** Inbound messages received before the cutoff. */
const INBOUND_MESSAGES = `
WITH batch AS (
  SELECT id FROM inbound_messages
  WHERE tenant_id = $1 AND received_at < $2
  ORDER BY received_at, id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
),
deleted AS (DELETE FROM inbound_messages WHERE id IN (SELECT id FROM batch) RETURNING 1)
SELECT (SELECT count(*) FROM deleted)::int AS inbound_messages`;

/** Verifications started before the cutoff, unless one is somehow still open (pending and not expired). */
const VERIFICATIONS = `
WITH batch AS (
  SELECT id FROM verifications
  WHERE tenant_id = $1 AND created_at < $2 AND (status <> 'PENDING' OR expires_at <= now())
  ORDER BY created_at, id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
),
deleted AS (DELETE FROM verifications WHERE id IN (SELECT id FROM batch) RETURNING 1)
SELECT (SELECT count(*) FROM deleted)::int AS verifications`;

/**
 * Client-webhook deliveries that are finished (succeeded or failed, not pending) and untouched since the cutoff
 * (a manual resend touches them), with their attempts. Found through the tenant's endpoints, whose
 * (endpoint_id, created_at, id) index serves it.
 */
const WEBHOOK_DELIVERIES = `
WITH batch AS (
  SELECT d.id FROM webhook_deliveries d
  WHERE d.endpoint_id IN (SELECT e.id FROM webhook_endpoints e WHERE e.tenant_id = $1)
    AND d.status <> 'pending' AND d.updated_at < $2
  LIMIT $3
  FOR UPDATE OF d SKIP LOCKED
),
attempts_deleted AS (
  DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM batch) RETURNING 1
),
deliveries_deleted AS (
  DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM batch) RETURNING 1
)
SELECT (SELECT count(*) FROM deliveries_deleted)::int AS webhook_deliveries,
       (SELECT count(*) FROM attempts_deleted)::int AS webhook_attempts`;

/** Outbox events older than the cutoff that no delivery needs any more (all finished and deleted, or none). */
const WEBHOOK_EVENTS = `
WITH batch AS (
  SELECT ev.id FROM webhook_events ev
  WHERE ev.tenant_id = $1 AND ev.created_at < $2
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id)
  ORDER BY ev.created_at, ev.id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
),
deleted AS (DELETE FROM webhook_events WHERE id IN (SELECT id FROM batch) RETURNING 1)
SELECT (SELECT count(*) FROM deleted)::int AS webhook_events`;

/** In this order: a message's idempotency records after the message, events after their deliveries. */
export const RETENTION_STATEMENTS: readonly RetentionStatement[] = [
  { primary: 'messages', sql: MESSAGES },
  { primary: 'idempotency_records', sql: IDEMPOTENCY_RECORDS },
  { primary: 'inbound_messages', sql: INBOUND_MESSAGES },
  { primary: 'verifications', sql: VERIFICATIONS },
  { primary: 'webhook_deliveries', sql: WEBHOOK_DELIVERIES },
  { primary: 'webhook_events', sql: WEBHOOK_EVENTS },
];

/** The one row of counts a statement answers. */
export function countsOf(rows: unknown): Partial<DeletedCounts> {
  const row = (rows as Array<Record<string, unknown>>)[0] ?? {};
  return Object.fromEntries(
    Object.entries(row).map(([table, n]) => [table, Number(n)]),
  ) as Partial<DeletedCounts>;
}
