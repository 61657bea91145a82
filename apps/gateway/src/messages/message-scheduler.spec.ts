import type { DataSource, Repository } from 'typeorm';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { FailoverDispatch } from './failover-dispatch.js';
import type { DispatchWakeup } from './dispatch-wakeup.js';
import type { HeldRequests } from './held-requests.js';
import type { IdempotencyService } from './idempotency.service.js';
import { MessageScheduler } from './message-scheduler.js';
import { StatusPollBatcher } from './status-poll-batcher.js';
import type { MessageSender } from './message-sender.js';
import type { MessageStatusService } from './message-status.service.js';
import type { MessageTiming } from './message-timing.js';

/**
 * The scheduler's slot accounting with the database and the provider faked: a claim asks for the free slots only,
 * a wake-up with every slot busy waits for slots to free, and one that arrives during a claim claims again after it.
 */
describe('MessageScheduler dispatch slots', () => {
  const CONCURRENCY = 4;
  let due: string[];
  let claims: number[];
  let claimGate: Promise<void> | undefined;
  let releases: Array<() => void>;
  let scheduler: MessageScheduler;

  const flush = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    due = Array.from({ length: 10 }, (_, i) => `m${i}`);
    claims = [];
    releases = [];
    claimGate = undefined;
    const dataSource = {
      driver: {
        master: {
          async query({ values }: { values: unknown[] }) {
            const limit = values[0] as number;
            claims.push(limit);
            const ids = due.splice(0, limit); // the claim's snapshot: what is due when it starts
            await claimGate;
            return { rows: ids.map((id) => ({ id, status: 'QUEUED', provider_message_id: null })) };
          },
        },
      },
    } as unknown as DataSource;
    const messages = {
      create: () => ({}),
      metadata: {
        columns: [
          { propertyName: 'id', databaseName: 'id' },
          { propertyName: 'status', databaseName: 'status' },
          { propertyName: 'providerMessageId', databaseName: 'provider_message_id' },
        ],
      },
    } as unknown as Repository<MessageEntity>;
    // Each message's work lasts until the test releases it: the connection lookup waits, then finds nothing.
    const connections = {
      getById: () => new Promise((resolve) => releases.push(() => resolve(null))),
    } as unknown as ConnectionsService;
    const sender = { fail: async () => undefined } as unknown as MessageSender;
    const config = {
      GATEWAY_DISPATCH_ENABLED: true,
      GATEWAY_DISPATCH_CONCURRENCY: CONCURRENCY,
      GATEWAY_SHUTDOWN_TIMEOUT_MS: 100,
    } as GatewayConfig;
    const timing = { intervalMs: 60_000, leaseMs: 1_000 } as MessageTiming;
    const none = {} as unknown;
    scheduler = new MessageScheduler(
      dataSource,
      messages,
      connections,
      sender,
      none as MessageStatusService,
      none as IdempotencyService,
      none as HeldRequests,
      timing,
      config,
      { register: () => undefined } as unknown as DispatchWakeup,
      none as FailoverDispatch,
      new StatusPollBatcher(),
    );
    // The first cleanup would touch the (faked) database: not this test's subject.
    (scheduler as unknown as { lastCleanup: number }).lastCleanup = Date.now();
  });

  afterEach(() => releases.splice(0).forEach((release) => release()));

  it('claims the free slots only, and claims again as slots free while more is due', async () => {
    expect(await scheduler.tick()).toBe(true); // 4 of 10 claimed: full
    expect(claims).toEqual([CONCURRENCY]);
    scheduler.wake(); // every slot busy: no claim
    await flush();
    expect(claims).toEqual([CONCURRENCY]);
    releases.shift()!(); // one slot free (a quarter of 4): claim it at once
    await flush();
    await flush();
    expect(claims).toEqual([CONCURRENCY, 1]);
    expect(due).toHaveLength(5);
  });

  it('a wake-up during a claim claims again after it (the claim may have missed what it announced)', async () => {
    let open!: () => void;
    claimGate = new Promise((resolve) => (open = resolve));
    due = ['a'];
    const first = scheduler.tick();
    await flush();
    due.push('b'); // queued and notified while the claim runs
    scheduler.wake();
    open();
    expect(await first).toBe(false);
    await flush();
    await flush();
    expect(claims).toEqual([CONCURRENCY, CONCURRENCY - 1]);
    expect(due).toEqual([]);
  });

  it('does nothing when dispatch is disabled', async () => {
    (scheduler as unknown as { config: GatewayConfig }).config.GATEWAY_DISPATCH_ENABLED = false;
    scheduler.wake();
    await flush();
    expect(claims).toEqual([]);
    expect(scheduler.isRunning()).toBe(true); // an API-only process stays ready
  });
});
