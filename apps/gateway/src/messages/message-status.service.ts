import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { isFinalStatusFor, isStatusAdvance, MessageStatus, type ProviderError } from '@app/providers';
import type { MessageErrorRecord } from '../database/entities/message.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { EventsService } from '../events/events.service.js';
import { statusChanges } from '../observability/metrics.js';
import { toMessageModel, withAttempts } from './message.mapper.js';
import {
  attemptsOf,
  finishAttemptSql,
  knownAttempts,
  rememberAttempts,
  type AttemptOutcomeWrite,
  type AttemptRow,
} from './attempt-log.js';
import { isSecret } from './message-request.js';
import { entityFromRow, rowValues } from './row-values.js';
import { createdAtBounds, isTimeOrderedId, messageKeyWhere, timeOfId } from './message-key.js';
import { sinceMonthSql, withinMonthsSql } from './message-months.js';
import { preparedQuery } from '../database/prepared-query.js';
import { scheduleCte } from './message-schedule.js';
import type { MessageModel } from './models/message.model.js';
import { unknownAnswerPatch, unknownAnswersOf } from './unknown-at-provider.js';
import { isUuid } from './message-cursor.js';
import { PollReschedules } from './poll-reschedules.js';
import { PollStatusWrites } from './poll-status-writes.js';
import { HISTORY_COLUMNS, type HistoryRow } from './status-history-row.js';

/** The subscription topic: every change of a message, with the whole message. */
export const MESSAGE_STATUS_CHANGED = 'messageStatusChanged';

export type StatusSource = 'send' | 'poll' | 'webhook' | 'gateway';

/** A status change to record together with a message update. */
export interface StatusChangeInput {
  status: MessageStatus;
  providerStatus: string | null;
  source: StatusSource;
}

/** The message fields a send attempt writes, their columns and SQL types (see `persist`). */
const WRITABLE: Partial<Record<keyof MessageEntity, { column: string; type: string }>> = {
  status: { column: 'status', type: 'text' },
  providerStatus: { column: 'provider_status', type: 'text' },
  providerMessageId: { column: 'provider_message_id', type: 'text' },
  error: { column: 'error', type: 'jsonb' },
  attempts: { column: 'attempts', type: 'int' },
};

export interface ProviderStatusUpdate {
  status: MessageStatus;
  providerStatus: string;
  source: StatusSource;
  /** A failure's explanation from the provider, when it gives one. */
  errorMessage?: string;
  raw?: unknown;
}

/**
 * The one place a message's status moves: under a row lock, forward only (`isStatusAdvance`), one StatusChange row
 * per move, and every change published on `messageStatusChanged`. Sends, polls and webhooks all come through here.
 */
@Injectable()
export class MessageStatusService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(StatusChangeEntity) private readonly changes: Repository<StatusChangeEntity>,
    private readonly events: EventsService,
  ) {
    this.reschedules = new PollReschedules(dataSource);
    this.pollWrites = new PollStatusWrites(dataSource);
  }

  /** Polls that change nothing but their next time, several per statement. */
  private readonly reschedules: PollReschedules;
  /** Polls that move a message's status, several per statement and one statement in flight. */
  private readonly pollWrites: PollStatusWrites;

  /** Other gateway processes announce status changes by id: this process reads the message to deliver it. */
  onModuleInit(): void {
    this.events.registerLoader(MESSAGE_STATUS_CHANGED, (tenantId, id) => this.findDescribed(tenantId, id));
  }

  /**
   * A stored message as the API shows it, read in one snapshot (REPEATABLE READ): the row, its history and its
   * attempts agree. Read one after the other, a send finishing in between could show its accepted attempt beside
   * the message still QUEUED without a provider id (the status and the attempt's outcome are written together).
   * Null when the tenant has no such message (or the id is not one).
   */
  async findDescribed(tenantId: string, id: string): Promise<MessageModel | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const message = await manager.findOne(MessageEntity, { where: { ...messageKeyWhere(id), tenantId } });
      if (!message) return null;
      const history = await this.historyOf([id], manager);
      const attempts = await attemptsOf(manager, [id]);
      return withAttempts(toMessageModel(message, history.get(id) ?? []), attempts.get(id) ?? []);
    });
  }

  /** The last model published per entity object (see describe). */
  private readonly published = new WeakMap<MessageEntity, MessageModel>();

  /** A status report about a provider message id of a connection (WaMessenger webhooks, polls). Unknown ids are ignored. */
  async applyProviderStatus(args: {
    connectionId: string;
    providerMessageId: string;
    status: MessageStatus;
    providerStatus: string;
    source: 'send' | 'poll' | 'webhook';
    errorMessage?: string;
    raw?: unknown;
  }): Promise<void> {
    if (!args.providerMessageId) return;
    const found = await this.messages.find({
      select: { id: true },
      where: { connectionId: args.connectionId, providerMessageId: args.providerMessageId },
    });
    for (const { id } of found) await this.applyReading(id, args);
  }

  /**
   * Applies a reading when it moves the status forward; `nextActionAt` (when given) reschedules a message that is
   * still not final. Returns the message when its status changed.
   */
  async applyReading(
    messageId: string,
    reading: ProviderStatusUpdate,
    nextActionAt?: Date | null,
    known?: MessageEntity,
  ): Promise<MessageEntity | null> {
    if (known) {
      const applied = await this.applyToKnown(known, reading, nextActionAt);
      if (applied !== STALE) return applied;
    }
    const changed = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(MessageEntity, {
        where: messageKeyWhere(messageId),
        lock: { mode: 'pessimistic_write' },
      });
      if (!message) return null;
      const { patch, change } = readingPatch(message, reading, nextActionAt);
      if (change) {
        // Under the lock, one statement: the update, its StatusChange row and the read-back to publish.
        const written = await this.write(manager, message, patch, change);
        if (!written) return null;
        Object.assign(message, written.current);
        return { message, ...written };
      }
      if (Object.keys(patch).length > 0) {
        // One statement for the row and its schedule (write), under the lock taken above.
        const written = await this.write(manager, message, patch);
        Object.assign(message, written?.current ?? patch);
      }
      return null;
    });
    if (!changed) return null;
    // Published once committed, as written (nothing read again).
    this.announce(changed.message, changed.current, changed.history);
    return changed.message;
  }

  /**
   * The scheduler's poll already holds the message as it claimed it: one compare-and-set statement (guarded by the
   * status it read) instead of a locked transaction of four round trips. STALE when the status moved meanwhile (a
   * webhook, say): the caller then takes the locked path, which reads it again.
   */
  private async applyToKnown(
    known: MessageEntity,
    reading: ProviderStatusUpdate,
    nextActionAt: Date | null | undefined,
  ): Promise<MessageEntity | null | typeof STALE> {
    const { patch, change } = readingPatch(known, reading, nextActionAt);
    const fields = Object.keys(patch);
    if (!change && fields.length === 0) return null;
    if (!change && fields.length === 1 && patch.nextActionAt !== undefined) {
      // Nothing new about the message: only its next poll moves (the message row and updatedAt stay as they are).
      await this.reschedules.set(known.id, patch.nextActionAt);
      known.nextActionAt = patch.nextActionAt;
      return null;
    }
    const written =
      change && isPollWritable(patch, change) && isTimeOrderedId(known.id)
        ? await this.writeFromPoll(known, patch, change)
        : await this.write(this.dataSource, known, patch, change, known.status);
    if (!written) return STALE;
    Object.assign(known, written.current);
    if (change) this.announce(known, written.current, written.history);
    return change ? known : null;
  }

  /** A poll's status change, coalesced with the other polls' (PollStatusWrites); null when the status moved. */
  private async writeFromPoll(
    known: MessageEntity,
    patch: Partial<MessageEntity>,
    change: StatusChangeInput,
  ): Promise<{ current: MessageEntity; history: StatusChangeEntity[] } | null> {
    const row = await this.pollWrites.write({
      messageId: known.id,
      expectedStatus: known.status,
      status: change.status,
      providerStatus: change.providerStatus,
      error: patch.error,
      nextActionAt: patch.nextActionAt ?? null,
      source: change.source,
    });
    return row ? this.writtenOf(row, change) : null;
  }

  /**
   * The scheduler's poll was answered "unknown message" (see unknown-at-provider.ts): the count goes up, and after a
   * few in a row the message is no longer polled, keeping its status. One statement guarded by the status the poll
   * read (a webhook that moved it meanwhile wins; the lease brings the message back). True when polling stopped.
   */
  async recordUnknownAnswer(known: MessageEntity, error: ProviderError, next: Date | null): Promise<boolean> {
    const patch = unknownAnswerPatch(known, error, next);
    const written = await this.write(this.dataSource, known, patch, undefined, known.status);
    if (!written) return false;
    Object.assign(known, written.current);
    this.announce(known, written.current, written.history);
    return patch.nextActionAt === null;
  }

  /** One StatusChange row, timestamped here so that history order never depends on transaction start times. */
  async recordChange(
    manager: EntityManager,
    message: Pick<MessageEntity, 'id' | 'tenantId'>,
    status: MessageStatus,
    providerStatus: string | null,
    source: StatusSource,
  ): Promise<StatusChangeEntity> {
    const change = manager.create(StatusChangeEntity, {
      tenantId: message.tenantId,
      messageId: message.id,
      status,
      providerStatus,
      source,
      // Never before the message (a clock behind the sender's): retention's partition drops rely on it.
      at: new Date(Math.max(Date.now(), timeOfId(message.id)?.getTime() ?? 0)),
    });
    await manager.insert(StatusChangeEntity, rowValues<StatusChangeEntity>(change));
    return change;
  }

  async historyOf(
    messageIds: string[],
    /** A transaction's manager, to read in its snapshot. */
    manager?: EntityManager,
  ): Promise<Map<string, StatusChangeEntity[]>> {
    const byMessage = new Map<string, StatusChangeEntity[]>(messageIds.map((id) => [id, []]));
    if (messageIds.length === 0) return byMessage;
    // A change is never stamped before its message (recordChange, write): with every id time-ordered, the
    // partitions of status_changes before the oldest message's month are left out.
    const [oldest] = createdAtBounds(messageIds);
    const rows = await (manager?.getRepository(StatusChangeEntity) ?? this.changes).find({
      where: { messageId: In(messageIds), ...(oldest instanceof Date && { at: MoreThanOrEqual(oldest) }) },
    });
    for (const row of rows) byMessage.get(row.messageId)?.push(row);
    return byMessage;
  }

  /** The API shape of a message; the copy just published is reused when this is the same entity object. */
  async describe(message: MessageEntity): Promise<MessageModel> {
    const published = this.published.get(message);
    const known = knownAttempts(message);
    const attempts = known ? undefined : attemptsOf(this.dataSource, [message.id]);
    const model =
      published && published.updatedAt.getTime() === message.updatedAt.getTime()
        ? published
        : toMessageModel(message, (await this.historyOf([message.id])).get(message.id) ?? []);
    return withAttempts(model, known ?? (await attempts!).get(message.id) ?? []);
  }

  async describeMany(messages: MessageEntity[]): Promise<MessageModel[]> {
    const ids = messages.map((m) => m.id);
    const [history, attempts] = await Promise.all([this.historyOf(ids), attemptsOf(this.dataSource, ids)]);
    return messages.map((m) =>
      withAttempts(toMessageModel(m, history.get(m.id) ?? []), attempts.get(m.id) ?? []),
    );
  }

  /**
   * Writes `patch` to the message and, with `change`, its StatusChange row, then publishes the message: one
   * statement (one round trip, atomic without an explicit transaction) that answers the row as written and its
   * whole history, so nothing is read again. `message` is refreshed with the row. Unknown patch fields throw.
   * With `attempt`, the same statement records that send attempt's outcome (AttemptLog's finish, folded in).
   */
  async persist(
    message: MessageEntity,
    patch: Partial<MessageEntity>,
    change?: StatusChangeInput,
    attempt?: AttemptOutcomeWrite,
  ): Promise<void> {
    const written = await this.write(this.dataSource, message, patch, change, undefined, attempt);
    if (!written) {
      Object.assign(message, patch);
      return;
    }
    Object.assign(message, written.current);
    this.announce(message, written.current, written.history);
  }

  /**
   * The statement of `persist`, through `runner`: the data source (a prepared statement on the pool), or a
   * transaction's manager.
   */
  private async write(
    runner: Pick<EntityManager, 'query'>,
    message: MessageEntity,
    patch: Partial<MessageEntity>,
    change?: StatusChangeInput,
    expectedStatus?: string,
    attempt?: AttemptOutcomeWrite,
  ): Promise<{ current: MessageEntity; history: StatusChangeEntity[] } | null> {
    // $2..$3: the created_at bounds of the id, so the update probes one partition (messages/message-key.ts); the
    // id's month as constants too, so the plan cached for this prepared statement holds that month's partitions
    // only (message-months.ts).
    const params: unknown[] = [message.id, ...createdAtBounds([message.id])];
    const [inMonth, sinceMonth] = [
      withinMonthsSql('created_at', [message.id]),
      sinceMonthSql('at', [message.id]),
    ];
    const sets: string[] = [];
    const { nextActionAt, ...columns } = patch;
    for (const [field, value] of Object.entries(columns)) {
      const target = WRITABLE[field as keyof MessageEntity];
      if (!target) throw new Error(`persist: ${field} is not a writable message field`);
      params.push(
        target.type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : value,
      );
      sets.push(`${target.column} = $${params.length}::${target.type}`);
    }
    sets.push('updated_at = now()');
    let guard = '';
    if (expectedStatus !== undefined) {
      params.push(expectedStatus);
      guard = ` AND status = $${params.length}::text`;
    }
    let changeCte = `SELECT ${HISTORY_COLUMNS} FROM status_changes WHERE false`;
    if (change) {
      params.push(change.status, change.providerStatus, change.source, new Date().toISOString());
      const n = params.length;
      // Timestamped here (not now()) so that history order never depends on transaction start times.
      changeCte = `INSERT INTO status_changes (tenant_id, message_id, status, provider_status, source, at)
        SELECT tenant_id, id, $${n - 3}::text, $${n - 2}::text, $${n - 1}::text,
               GREATEST($${n}::timestamptz, created_at) FROM updated
        RETURNING ${HISTORY_COLUMNS}`;
    }
    const finish = attempt ? finishAttemptSql(params, attempt) : undefined;
    // The schedule (message_schedule) moves with the row, in the same statement; left as it is when not patched.
    // Answered as "nextActionAt": entityFromRow reads a virtual column by its property name.
    let schedule = '';
    let nextActionAtSql = '(SELECT next_action_at FROM message_schedule WHERE message_id = $1::uuid)';
    if (nextActionAt === null) {
      schedule = `, scheduled AS (${scheduleCte('updated', null)})`;
      nextActionAtSql = 'NULL::timestamptz';
    } else if (nextActionAt !== undefined) {
      params.push(nextActionAt);
      nextActionAtSql = `$${params.length}::timestamptz`;
      schedule = `, scheduled AS (${scheduleCte('updated', nextActionAtSql)})`;
    }
    // The history sub-select sees the statement's snapshot (without the row inserted here): hence the UNION ALL.
    const sql = `WITH updated AS (
        UPDATE messages SET ${sets.join(', ')}
        WHERE id = $1::uuid AND created_at BETWEEN $2::timestamptz AND $3::timestamptz${inMonth}${guard} RETURNING *
      ), change AS (${changeCte})${finish ? `, ${finish.cte}` : ''}${schedule}
      SELECT u.*, ${nextActionAtSql} AS "nextActionAt", (SELECT coalesce(json_agg(h), '[]'::json) FROM (
        SELECT ${HISTORY_COLUMNS} FROM status_changes WHERE message_id = $1::uuid AND at >= $2::timestamptz${sinceMonth}
        UNION ALL SELECT ${HISTORY_COLUMNS} FROM change) h) AS history${finish ? `, ${finish.select} AS attempt_rows` : ''}
      FROM updated u`;
    type Row = Record<string, unknown> & { history: HistoryRow[]; attempt_rows?: AttemptRow[] };
    const rows: Row[] =
      runner === this.dataSource
        ? await preparedQuery<Row>(this.dataSource, sql, params)
        : await runner.query(sql, params);
    const row = rows[0];
    if (!row) return null;
    if (row.attempt_rows) rememberAttempts(message, row.attempt_rows);
    return this.writtenOf(row, change);
  }

  /** The entity and its history from a status write's answer (the row as written, its history in JSON). */
  private writtenOf(
    row: Record<string, unknown> & { history: HistoryRow[] },
    change: StatusChangeInput | undefined,
  ): { current: MessageEntity; history: StatusChangeEntity[] } {
    const current = entityFromRow(this.messages, row);
    if (change) statusChanges.inc({ provider: current.provider, status: change.status });
    const history = row.history.map((h) =>
      this.changes.create({
        id: h.id,
        tenantId: h.tenant_id,
        messageId: h.message_id,
        status: h.status as MessageStatus,
        providerStatus: h.provider_status,
        source: h.source,
        at: new Date(h.at),
      }),
    );
    return { current, history };
  }

  /**
   * Publishes the message as it is now (re-read, so subscribers never see a stale copy), refreshes `message` with
   * what was read, and remembers the published model for a describe() of that same object.
   */
  async publish(message: MessageEntity): Promise<void> {
    const [current, history] = await Promise.all([
      this.messages.findOne({ where: { ...messageKeyWhere(message.id), tenantId: message.tenantId } }),
      this.historyOf([message.id]),
    ]);
    if (!current) return;
    Object.assign(message, current);
    this.announce(message, current, history.get(message.id) ?? []);
  }

  private announce(message: MessageEntity, current: MessageEntity, history: StatusChangeEntity[]): void {
    const model = toMessageModel(current, history);
    this.published.set(message, model);
    this.events.publish(MESSAGE_STATUS_CHANGED, current.tenantId, model);
  }
}

const STALE = Symbol('stale');

/** The fields PollStatusWrites writes: a status change, its error when it sets one, and the next poll. */
const POLL_WRITABLE = new Set<string>(['status', 'providerStatus', 'error', 'nextActionAt']);

/** A reading's patch the coalesced poll write can apply: the change's status, and the next poll (or none) set. */
function isPollWritable(patch: Partial<MessageEntity>, change: StatusChangeInput): boolean {
  return (
    patch.nextActionAt !== undefined &&
    patch.status === change.status &&
    patch.providerStatus === change.providerStatus &&
    Object.keys(patch).every((field) => POLL_WRITABLE.has(field))
  );
}

/** What a reading changes: the status (forward only) with its StatusChange, and the next poll or none once final. */
function readingPatch(
  message: MessageEntity,
  reading: ProviderStatusUpdate,
  nextActionAt: Date | null | undefined,
): { patch: Partial<MessageEntity>; change?: StatusChangeInput } {
  const advance = isStatusAdvance(message.status as MessageStatus, reading.status);
  const patch: Partial<MessageEntity> = {};
  if (advance) {
    patch.status = reading.status;
    patch.providerStatus = reading.providerStatus;
    if (reading.status === MessageStatus.FAILED) patch.error = failureReported(message, reading);
  }
  // Answered again after "unknown message" answers: the count starts over (see unknown-at-provider.ts).
  if (!patch.error && unknownAnswersOf(message) > 0) patch.error = null;
  const final = isFinalStatusFor(message.provider, (patch.status ?? message.status) as MessageStatus);
  if (final) patch.nextActionAt = null;
  else if (nextActionAt !== undefined) patch.nextActionAt = nextActionAt;
  if (!advance) return { patch };
  return {
    patch,
    change: { status: reading.status, providerStatus: reading.providerStatus, source: reading.source },
  };
}

function failureReported(message: MessageEntity, reading: ProviderStatusUpdate): MessageErrorRecord {
  return {
    code: 'REJECTED',
    message:
      reading.errorMessage?.trim() ||
      `${message.provider} reported the message as ${reading.providerStatus || 'failed'}`,
    providerCode: reading.providerStatus,
    rawBody: isSecret(message.request) ? undefined : reading.raw,
    transient: false,
    at: new Date().toISOString(),
  };
}
