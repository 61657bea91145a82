import { jest } from '@jest/globals';
import type { DataSource, Repository } from 'typeorm';
import {
  isFinalStatusFor,
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessagingProvider,
} from '@app/providers';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import type { EventsService } from '../events/events.service.js';
import type { DispatchWakeup } from './dispatch-wakeup.js';
import type { FailoverDispatch } from './failover-dispatch.js';
import type { HeldRequests } from './held-requests.js';
import type { IdempotencyService } from './idempotency.service.js';
import { MessageScheduler } from './message-scheduler.js';
import { StatusPollBatcher } from './status-poll-batcher.js';
import type { MessageSender } from './message-sender.js';
import { MessageStatusService } from './message-status.service.js';
import { MessageTiming } from './message-timing.js';
import {
  UNKNOWN_ANSWERS_BEFORE_GIVING_UP,
  unknownAnswerPatch,
  unknownAnswersOf,
  type UnknownAtProviderRecord,
} from './unknown-at-provider.js';

const notFound = () =>
  new ProviderError(ProviderErrorCode.NOT_FOUND, {
    provider: 'watsal',
    message: 'Message not found.',
    httpStatus: 404,
    providerCode: 'not_found',
    rawBody: { error: { code: 'not_found' } },
  });

function delivered(overrides: Partial<MessageEntity> = {}): MessageEntity {
  return {
    id: 'm1',
    tenantId: 't1',
    connectionId: 'c1',
    provider: 'watsal',
    status: MessageStatus.DELIVERED,
    providerStatus: 'delivered',
    providerMessageId: 'p1',
    error: null,
    request: {},
    nextActionAt: new Date(),
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  } as MessageEntity;
}

describe('unknownAnswerPatch', () => {
  it('counts the answers in a row, asks again until the limit, then stops polling and keeps the status', () => {
    const next = new Date(Date.now() + 1_000);
    const message = delivered();
    for (let answer = 1; answer < UNKNOWN_ANSWERS_BEFORE_GIVING_UP; answer++) {
      const patch = unknownAnswerPatch(message, notFound(), next);
      expect(patch.error).toMatchObject({ code: 'NOT_FOUND', transient: true, unknownAnswers: answer });
      expect(patch.nextActionAt).toBe(next);
      message.error = patch.error;
    }
    const last = unknownAnswerPatch(message, notFound(), next);
    expect(last).not.toHaveProperty('status');
    expect(last.nextActionAt).toBeNull();
    expect(last.error).toMatchObject({
      code: 'NOT_FOUND',
      transient: false,
      httpStatus: 404,
      providerCode: 'not_found',
      unknownAnswers: UNKNOWN_ANSWERS_BEFORE_GIVING_UP,
    });
    expect(last.error.message).toMatch(/keeps its last known status DELIVERED and is no longer polled/);
  });

  it('stops at the first answer once the poll window is over, and keeps no raw body of a secret message', () => {
    const patch = unknownAnswerPatch(delivered({ request: { secret: true } }), notFound(), null);
    expect(patch.nextActionAt).toBeNull();
    expect(patch.error.transient).toBe(false);
    expect(patch.error.rawBody).toBeUndefined();
  });

  it('counts only its own records', () => {
    expect(unknownAnswersOf(delivered())).toBe(0);
    const other = { code: 'PROVIDER_UNAVAILABLE', unknownAnswers: 2 } as unknown as UnknownAtProviderRecord;
    expect(unknownAnswersOf(delivered({ error: other }))).toBe(0);
  });
});

/**
 * The scheduler's polls with the provider faked (its status lookup answers from a script) and the messages table
 * faked as one row that the status statement's SET clause (and its message_schedule part, as next_action_at)
 * writes: what the poll of a forgotten message stores.
 */
describe('MessageScheduler polling a message its provider forgot', () => {
  const COLUMNS = {
    id: 'id',
    tenantId: 'tenant_id',
    connectionId: 'connection_id',
    provider: 'provider',
    type: 'type',
    to: 'to_number',
    status: 'status',
    providerStatus: 'provider_status',
    providerMessageId: 'provider_message_id',
    error: 'error',
    request: 'request',
    nextActionAt: 'nextActionAt',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  };
  let row: Record<string, unknown>;
  let answers: Array<'unknown' | MessageStatus>;
  let lookups: number;
  let scheduler: MessageScheduler;
  let warnings: string[];

  /** The claim (the row while something is due) and the status service's guarded update. */
  async function query({ text, values }: { text: string; values: unknown[] }) {
    if (text.includes('FOR UPDATE SKIP LOCKED'))
      return { rows: row.nextActionAt === null ? [] : [{ ...row }] };
    const guard = /AND status = \$(\d+)::text/.exec(text);
    if (guard && row.status !== values[Number(guard[1]) - 1]) return { rows: [] };
    const sets = /UPDATE messages SET (.*?) WHERE/s.exec(text)?.[1] ?? '';
    for (const [, column, n, type] of sets.matchAll(/(\w+) = \$(\d+)::(\w+)/g)) {
      const value = values[Number(n) - 1];
      row[column!] = type === 'jsonb' && typeof value === 'string' ? JSON.parse(value) : value;
    }
    // The schedule (message_schedule) written in the same statement: rescheduled, or deleted (nothing due).
    const rescheduled =
      /INSERT INTO message_schedule[\s\S]*?SELECT id, created_at, \$(\d+)::timestamptz/.exec(text);
    if (rescheduled) row.nextActionAt = values[Number(rescheduled[1]) - 1];
    if (/DELETE FROM message_schedule/.test(text)) row.nextActionAt = null;
    return { rows: [{ ...row, history: [] }] };
  }

  beforeEach(() => {
    row = {
      id: 'm1',
      tenant_id: 't1',
      connection_id: 'c1',
      provider: 'watsal',
      type: 'text',
      to_number: '+966500000001',
      status: MessageStatus.DELIVERED,
      provider_status: 'delivered',
      provider_message_id: 'p1',
      error: null,
      request: {},
      nextActionAt: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    };
    lookups = 0;
    const dataSource = { driver: { master: { query } } } as unknown as DataSource;
    const repository = {
      create: (fields: object = {}) => ({ ...fields }),
      metadata: {
        columns: Object.entries(COLUMNS).map(([propertyName, databaseName]) => ({
          propertyName,
          databaseName,
        })),
      },
    } as unknown as Repository<MessageEntity>;
    const events = { publish: () => undefined } as unknown as EventsService;
    const status = new MessageStatusService(
      dataSource,
      repository,
      repository as unknown as Repository<StatusChangeEntity>,
      events,
    );
    const adapter = {
      capabilities: { message_status: true },
      async getMessageStatus(id: string) {
        lookups++;
        const answer = answers.shift();
        if (answer === 'unknown' || answer === undefined) throw notFound();
        return { providerMessageId: id, status: answer, providerStatus: answer.toLowerCase() };
      },
    } as unknown as MessagingProvider;
    const connections = {
      getById: async () => ({ id: 'c1' }),
      adapterOf: () => adapter,
    } as unknown as ConnectionsService;
    const config = {
      GATEWAY_DISPATCH_ENABLED: true,
      GATEWAY_DISPATCH_CONCURRENCY: 4,
      GATEWAY_POLL_INTERVAL_MS: 100,
      GATEWAY_SEND_LEASE_MS: 1_000,
      GATEWAY_SHUTDOWN_TIMEOUT_MS: 100,
    } as GatewayConfig;
    const none = {} as unknown;
    scheduler = new MessageScheduler(
      dataSource,
      repository,
      connections,
      none as MessageSender,
      status,
      none as IdempotencyService,
      none as HeldRequests,
      new MessageTiming(config),
      config,
      { register: () => undefined } as unknown as DispatchWakeup,
      none as FailoverDispatch,
      new StatusPollBatcher(),
    );
    (scheduler as unknown as { lastCleanup: number }).lastCleanup = Date.now();
    warnings = [];
    const logger = (scheduler as unknown as { logger: { warn(message: string): void } }).logger;
    jest.spyOn(logger, 'warn').mockImplementation((message: string) => void warnings.push(message));
  });

  /** One claim and its polls, to the end. */
  async function round(): Promise<void> {
    await scheduler.tick();
    await Promise.all((scheduler as unknown as { working: Set<Promise<void>> }).working);
  }

  it(`keeps a delivered message DELIVERED and stops polling it after ${UNKNOWN_ANSWERS_BEFORE_GIVING_UP} unknown answers`, async () => {
    expect(isFinalStatusFor('watsal', MessageStatus.DELIVERED)).toBe(false); // polled on for READ
    answers = Array.from({ length: 10 }, () => 'unknown' as const);
    for (let i = 1; i < UNKNOWN_ANSWERS_BEFORE_GIVING_UP; i++) {
      await round();
      expect(row.error).toMatchObject({ code: 'NOT_FOUND', transient: true, unknownAnswers: i });
      expect(row.nextActionAt).toBeInstanceOf(Date);
    }
    await round();
    expect(row.status).toBe(MessageStatus.DELIVERED);
    expect(row.nextActionAt).toBeNull();
    expect(row.error).toMatchObject({ code: 'NOT_FOUND', transient: false });
    await round(); // nothing due any more: no further lookup
    expect(lookups).toBe(UNKNOWN_ANSWERS_BEFORE_GIVING_UP);
    expect(warnings).toEqual([expect.stringContaining('m1: unknown to its provider, no longer polled')]);
  });

  it('starts the count over when the provider answers in between', async () => {
    answers = ['unknown', 'unknown', MessageStatus.DELIVERED, 'unknown', MessageStatus.READ];
    await round();
    await round();
    await round(); // answered: the error goes, polling goes on
    expect(row.error).toBeNull();
    expect(row.nextActionAt).toBeInstanceOf(Date);
    await round();
    expect(row.error).toMatchObject({ unknownAnswers: 1, transient: true });
    await round(); // READ is final for Watsal
    expect(row).toMatchObject({ status: MessageStatus.READ, error: null, nextActionAt: null });
    expect(warnings).toEqual([]);
  });
});
