import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type Repository } from 'typeorm';
import {
  isFinalStatusFor,
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessagingProvider,
} from '@app/providers';
import { ConnectionsService } from '../connections/connections.service.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { reschedule } from './message-schedule.js';
import { HeldRequests } from './held-requests.js';
import { outgoingOf } from './message-request.js';
import { MessageSender } from './message-sender.js';
import { FailoverDispatch } from './failover-dispatch.js';
import { MessageStatusService } from './message-status.service.js';
import { MessageTiming } from './message-timing.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { entityFromRow } from './row-values.js';
import { preparedQuery } from '../database/prepared-query.js';
import { DispatchWakeup } from './dispatch-wakeup.js';
import { isUnknownMessageAnswer } from './unknown-at-provider.js';
import { StatusPollBatcher } from './status-poll-batcher.js';

/** A full claim at the default GATEWAY_DISPATCH_CONCURRENCY (64): the claim plan test and the history bench. */
export const BATCH_SIZE = 64;
const CLEANUP_EVERY_MS = 60_000;

/**
 * The claim ($1 = batch size, $2 = lease in ms): the due rows of message_schedule, in next_action_at order, locked
 * (SKIP LOCKED) and pushed ahead by the lease, then their messages read by primary key. The lease rewrites only the
 * narrow schedule row (two indexes), never the wide message row and its list indexes (issue #15, docs/benchmarks.md,
 * "History at scale"). Exported for the plan test and `npm run bench -- history`. Shaped for the plan cache of the
 * prepared statement and for the partitioned messages table:
 * - `LIMIT (SELECT $1::int ...)` hides the batch size from the planner, so every plan of it costs the same and
 *   PostgreSQL keeps one generic plan after five runs instead of planning every small claim again.
 * - Each claimed message is read by its whole key in a LATERAL subquery (OFFSET 0 keeps it from being flattened into
 *   a join), so PostgreSQL prunes to the one partition of each row as it runs: one primary key probe per message.
 *   `= ANY` of the claimed ids instead probed the primary key of every month partition for every id (a parameter
 *   array does not prune partitions), and a join on the claimed rows let the planner pick a scan of every partition.
 * - The rows come through unnest of arrays, which the planner counts as a few rows: over the claimed rows directly,
 *   it took the hidden limit for a tenth of the schedule, priced the loop over it above jit_above_cost, and each
 *   claim then spent seconds compiling it (measured at 10M messages).
 * - next_action_at is the lease the statement wrote (now() is the same throughout the statement), answered under
 *   the name entityFromRow reads a virtual column by (its property name).
 * - Its commit does not wait for the WAL flush (synchronous_commit off for this transaction only, set inside the
 *   hidden limit, which runs once before the scan): at 10M messages that cut the backend CPU per committed claim by
 *   about a tenth at 64 rows and a quarter at 1 to 20 rows, besides the wait for the disk (issue #15). The claim is
 *   visible to every other session at once as before; only a crash of the database server (or a failover) within
 *   a few WAL writer rounds (wal_writer_delay) can lose the lease, and then the rows are due again at once instead
 *   of when the lease expires: the at-least-once retry a lease already allows when its holder outlives it, never a
 *   lost message. The WAL is one sequence, so any later synchronous commit (another process's, or this claim's own
 *   send recording its answer) flushes the lease with it. A send whose lease was lost all the same is one whose
 *   attempt has no recorded outcome, which the crash recovery already handles as for a gateway killed mid-send:
 *   the provider is asked before the message goes again. The claim is an autocommit statement of its own
 *   (preparedQuery on the pool): no other write shares its commit.
 */
export const CLAIM_DUE_MESSAGES_SQL = `WITH due AS MATERIALIZED (
         SELECT message_id, created_at FROM message_schedule WHERE next_action_at <= now()
         ORDER BY next_action_at
         LIMIT (SELECT $1::int FROM set_config('synchronous_commit', 'off', true)) FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE message_schedule SET next_action_at = now() + $2 * interval '1 millisecond'
         WHERE message_id = ANY (ARRAY(SELECT message_id FROM due))
       )
       SELECT m.*, now() + $2 * interval '1 millisecond' AS "nextActionAt"
       FROM unnest(ARRAY(SELECT message_id FROM due), ARRAY(SELECT created_at FROM due)) AS d(id, created_at)
       CROSS JOIN LATERAL (
         SELECT * FROM messages m WHERE m.id = d.id AND m.created_at = d.created_at OFFSET 0
       ) AS m`;

/**
 * Every GATEWAY_DISPATCH_TICK_MS (100 ms; at most GATEWAY_POLL_INTERVAL_MS): claims the messages whose
 * next_action_at is due (FOR UPDATE SKIP LOCKED, then pushed ahead by a lease, so several gateway processes never work
 * on the same message and no row lock is held during a provider call), and for each one either retries the send
 * (QUEUED without a provider id) or polls the provider's status (not final, with a provider id, provider with
 * `message_status`), then reschedules it.
 * Providers without a status endpoint (Washeej, Wutt) keep the status their send answer gave.
 * Besides the tick, a NOTIFY on gateway_dispatch (a send queued by any process, see DispatchWakeup) claims at once;
 * each claim takes at most the free slots of GATEWAY_DISPATCH_CONCURRENCY, and GATEWAY_DISPATCH_ENABLED=false keeps
 * the process from claiming at all.
 */
@Injectable()
export class MessageScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MessageScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastCleanup = 0;
  /** When a round last started or ended: /health/ready fails when this gets old. */
  private lastActivity = Date.now();
  /** Messages claimed by this process and not processed yet: handed back when it stops before they are. */
  private readonly claimed = new Set<string>();
  /** Sends and polls running now; a claim takes at most GATEWAY_DISPATCH_CONCURRENCY minus these. */
  private inFlight = 0;
  private claiming = false;
  /** A wake-up arrived during a claim (which may have missed what it announced): claim again after it. */
  private wakePending = false;
  /** The last claim was full: more is due, so finished work frees slots for the next claim at once. */
  private backlog = false;
  /** The sends and polls running now (awaited on shutdown). */
  private readonly working = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly connections: ConnectionsService,
    private readonly sender: MessageSender,
    private readonly status: MessageStatusService,
    private readonly idempotency: IdempotencyService,
    private readonly held: HeldRequests,
    private readonly timing: MessageTiming,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly wakeup: DispatchWakeup,
    private readonly failover: FailoverDispatch,
    private readonly batcher: StatusPollBatcher,
  ) {}

  private get concurrency(): number {
    return this.config.GATEWAY_DISPATCH_CONCURRENCY;
  }

  onModuleInit(): void {
    if (!this.config.GATEWAY_DISPATCH_ENABLED) return;
    this.wakeup.register(() => this.wake());
    this.schedule(this.timing.tickMs);
  }

  /**
   * Claims now rather than at the next tick (a NOTIFY on gateway_dispatch, or slots freed while more is due); a
   * no-op while stopped or with no free slot (finished work then wakes it), deferred while a claim runs.
   */
  wake(): void {
    if (this.stopped || !this.config.GATEWAY_DISPATCH_ENABLED) return;
    if (this.claiming) {
      this.wakePending = true;
      return;
    }
    if (this.inFlight >= this.concurrency) {
      this.backlog = true;
      return;
    }
    void this.tick();
  }

  /**
   * Stops claiming, lets the current round finish up to GATEWAY_SHUTDOWN_TIMEOUT_MS, then hands back the leases of
   * what it claimed and did not finish (next_action_at = now), so another process takes them at once instead of
   * after the lease.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([this.running, ...this.working]),
      new Promise((resolve) => (deadline = setTimeout(resolve, this.config.GATEWAY_SHUTDOWN_TIMEOUT_MS))),
    ]);
    clearTimeout(deadline);
    await this.handBackLeases();
  }

  /** Running and completing rounds: false once stopped or when no round started or ended for a long while. */
  isRunning(): boolean {
    if (!this.config.GATEWAY_DISPATCH_ENABLED) return !this.stopped; // an API-only process: nothing to run
    const stale = Math.max(60_000, this.timing.intervalMs * 10);
    return !this.stopped && Date.now() - this.lastActivity < stale;
  }

  private async handBackLeases(): Promise<void> {
    if (this.claimed.size === 0) return;
    const ids = [...this.claimed];
    try {
      await this.dataSource.query(
        `UPDATE message_schedule SET next_action_at = now() WHERE message_id = ANY($1::uuid[]) AND next_action_at > now()`,
        [ids],
      );
      this.logger.log(`handed back ${ids.length} claimed message(s) to the other gateway processes`);
    } catch (error) {
      this.logger.warn(
        `could not hand back ${ids.length} lease(s); they expire on their own: ${(error as Error).message}`,
      );
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then((full) => {
        this.running = undefined;
        this.schedule(full ? 0 : this.timing.tickMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * One claim of up to the free dispatch slots; the claimed messages are worked off in the background (a slow
   * provider call holds its slot, not the next tick). True when the claim was full (more may be due): slots freed
   * while more is due start the next claim at once (see finished). Never throws.
   */
  async tick(): Promise<boolean> {
    this.lastActivity = Date.now();
    try {
      const limit = this.concurrency - this.inFlight;
      if (limit <= 0 || this.claiming) return false;
      this.claiming = true;
      let due: MessageEntity[];
      try {
        due = await this.claim(limit);
      } finally {
        this.claiming = false;
      }
      this.backlog = due.length === limit;
      this.inFlight += due.length;
      for (const message of due) this.claimed.add(message.id);
      if (this.wakePending) {
        this.wakePending = false;
        this.wake();
      }
      for (const message of due) {
        const work = this.process(message).finally(() => this.finished(message));
        this.working.add(work);
        void work.finally(() => this.working.delete(work));
      }
      if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
        this.lastCleanup = Date.now();
        await this.idempotency.removeExpired();
        await this.held.removeExpired();
      }
      this.lastActivity = Date.now();
      return due.length === limit;
    } catch (error) {
      if (!this.stopped) this.logger.error('scheduler round failed', (error as Error).stack);
      return false;
    }
  }

  /** A claimed message is done with: its slot is free; with more due, claim again once a quarter is free. */
  private finished(message: MessageEntity): void {
    this.claimed.delete(message.id);
    this.inFlight--;
    if (this.backlog && this.concurrency - this.inFlight >= Math.max(1, Math.floor(this.concurrency / 4)))
      this.wake();
  }

  private async claim(limit: number): Promise<MessageEntity[]> {
    if (this.stopped) return [];
    // One statement: claims the batch and answers the rows as claimed (no second read).
    const rows = await preparedQuery<Record<string, unknown>>(this.dataSource, CLAIM_DUE_MESSAGES_SQL, [
      limit,
      this.timing.leaseMs,
    ]);
    return rows.map((row) => entityFromRow(this.messages, row));
  }

  private async process(message: MessageEntity): Promise<void> {
    try {
      const connection = await this.connections.getById(message.tenantId, message.connectionId);
      const status = message.status as MessageStatus;
      const pendingSend = status === MessageStatus.QUEUED && message.providerMessageId === null;
      if (!connection) {
        if (pendingSend)
          await this.sender.fail(message, {
            code: ProviderErrorCode.NOT_FOUND,
            message: `the connection "${message.connectionName}" was deleted before the message could be sent`,
            transient: false,
            at: new Date().toISOString(),
          });
        else await this.stopWatching(message);
        return;
      }
      const adapter = this.connections.adapterOf(connection);
      if (pendingSend) {
        const outgoing = outgoingOf(message.request, await this.held.get(message.id));
        if (outgoing.kind === 'gone') {
          await this.sender.fail(message, {
            code: ProviderErrorCode.GONE,
            message:
              'what the message row does not keep (uploaded media bytes, a secret text) is no longer held for retries (its retention ran out); send the message again',
            transient: false,
            at: new Date().toISOString(),
          });
          return;
        }
        await this.failover.retry(message, connection, outgoing);
        return;
      }
      if (
        isFinalStatusFor(message.provider, status) ||
        !message.providerMessageId ||
        !adapter.capabilities.message_status
      ) {
        await this.stopWatching(message);
        return;
      }
      await this.poll(message, adapter);
    } catch (error) {
      // A database hiccup or a bug: the lease brings the message back later.
      this.logger.error(`message ${message.id}: scheduler step failed`, (error as Error).stack);
    }
  }

  private async poll(message: MessageEntity, adapter: MessagingProvider): Promise<void> {
    const next = this.timing.pollAt(message.createdAt);
    try {
      // Batched with the claim's other polls of this connection where the provider lists statuses (Wessaal).
      const reading = await this.batcher.read(adapter, message.providerMessageId!);
      await this.status.applyReading(
        message.id,
        {
          status: reading.status,
          providerStatus: reading.providerStatus,
          source: 'poll',
          errorMessage: reading.errorMessage,
          raw: reading.raw,
        },
        next,
        message,
      );
    } catch (error) {
      if (isUnknownMessageAnswer(error)) {
        if (await this.status.recordUnknownAnswer(message, error, next))
          this.logger.warn(
            `message ${message.id}: unknown to its provider, no longer polled: ${error.message}`,
          );
        return;
      }
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn(`message ${message.id}: status poll failed: ${error.code}: ${error.message}`);
      await reschedule(this.dataSource, message.id, next);
    }
  }

  private async stopWatching(message: MessageEntity): Promise<void> {
    await reschedule(this.dataSource, message.id, null);
  }
}
