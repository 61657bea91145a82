import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageStatus } from '@app/providers';
import { dataSourceOptions, openDataSource } from '../../../apps/gateway/src/database/data-source.js';
import { MessageEntity, StatusChangeEntity } from '../../../apps/gateway/src/database/entities/index.js';
import type { EventsService } from '../../../apps/gateway/src/events/events.service.js';
import { AttemptLog } from '../../../apps/gateway/src/messages/attempt-log.js';
import { MessageStatusService } from '../../../apps/gateway/src/messages/message-status.service.js';
import type { MessageTiming } from '../../../apps/gateway/src/messages/message-timing.js';
import { PollStatusWrites } from '../../../apps/gateway/src/messages/poll-status-writes.js';
import {
  createPartitionSql,
  monthStart,
  PARTITIONED_TABLES,
} from '../../../apps/gateway/src/partitions/partition-months.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertQueuedMessage } from '../../support/queued-message.js';

/**
 * Issue #15 ("a send's CPU within 10% of the same send on an empty database"): the statements a send runs on one
 * message are prepared statements, and with two years of monthly partitions PostgreSQL's plan cache found a generic
 * plan (every partition) costlier than a custom one and replanned them on every call, ~0.4-0.7 ms of PostgreSQL CPU
 * per send more than with the few months of a new database. Written with the message's month as constants
 * (message-months.ts), their cached generic plan is used after the plan cache's five custom plans, on this many
 * months as on few, and holds the locks of that month's partitions only.
 */
describe('plans of the send statements on many months (issue #15)', () => {
  let db: TestDatabase;
  /** One pooled connection, so every statement and the check below see the same prepared statements. */
  let dataSource: DataSource;
  const tenantId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    await (await openDataSource(db.url)).destroy(); // migrated
    dataSource = new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1 } });
    await dataSource.initialize();
    // Two years kept: the months before the current one (the migration made the current one and those ahead).
    for (const { table } of PARTITIONED_TABLES)
      for (let back = 1; back <= 24; back++)
        await dataSource.query(createPartitionSql(table, monthStart(new Date(), -back)));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const queued = (): Promise<MessageEntity> => insertQueuedMessage(dataSource, tenantId);

  /** Generic and custom plans so far of the prepared statements whose text contains `fragment`. */
  async function plans(fragment: string): Promise<{ generic: number; custom: number }> {
    const [row] = (await dataSource.query(
      `SELECT coalesce(sum(generic_plans), 0)::int AS generic, coalesce(sum(custom_plans), 0)::int AS custom
       FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'`,
      [fragment],
    )) as Array<{ generic: number; custom: number }>;
    return row!;
  }

  it("runs a send's status write from its cached generic plan", async () => {
    const status = new MessageStatusService(
      dataSource,
      dataSource.getRepository(MessageEntity),
      dataSource.getRepository(StatusChangeEntity),
      { publish: () => undefined } as unknown as EventsService,
    );
    for (let i = 0; i < 8; i++) {
      const message = await queued();
      await status.persist(
        message,
        {
          status: MessageStatus.SENT,
          providerStatus: 'sent',
          providerMessageId: `p${i}`,
          nextActionAt: null,
        },
        { status: MessageStatus.SENT, providerStatus: 'sent', source: 'send' },
        { number: 1, outcome: 'accepted', errorCode: null },
      );
      expect(message.status).toBe(MessageStatus.SENT);
    }
    // Five custom plans first (the plan cache's rule), then the generic one for every call.
    expect(await plans('UPDATE messages SET status')).toEqual({ generic: 3, custom: 5 });
  });

  it("runs a failover's attempt start from its cached generic plan", async () => {
    const timing = { leaseUntil: () => new Date(Date.now() + 60_000) } as unknown as MessageTiming;
    const log = new AttemptLog(dataSource, timing);
    const connection = { id: randomUUID(), name: 'backup', provider: 'wessaal' };
    for (let i = 0; i < 8; i++) {
      const message = await queued();
      expect(await log.start(message, connection as never, 2)).toBe(true);
      expect(message.connectionName).toBe('backup');
    }
    expect(await plans('UPDATE messages SET connection_id')).toEqual({ generic: 3, custom: 5 });
  });

  it("runs the polls' coalesced status write from its cached generic plan", async () => {
    const writes = new PollStatusWrites(dataSource);
    for (let i = 0; i < 8; i++) {
      const message = await queued();
      const written = await writes.write({
        messageId: message.id,
        expectedStatus: MessageStatus.QUEUED,
        status: MessageStatus.DELIVERED,
        providerStatus: 'delivered',
        nextActionAt: null,
        source: 'poll',
      });
      expect(written).toMatchObject({ id: message.id, status: MessageStatus.DELIVERED });
    }
    expect(await plans('sets_error')).toEqual({ generic: 3, custom: 5 });
  });
});
