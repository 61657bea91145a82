import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15: `messages`, `status_changes` and `inbound_messages` become range-partitioned by month (UTC) on the
 * column their lists sort on and retention ages on, with one DEFAULT partition each as a safety net (an insert never
 * fails for a missing month; apps/gateway/src/partitions creates the months ahead and reports rows found there).
 *
 * Each table is rebuilt: renamed aside, a partitioned parent created LIKE it, a partition per month of its data
 * (min..max of the key) and for the months ahead, the rows copied, the old table dropped, then the primary key (now
 * with the partition key), every index the old table had (same names, as partitioned indexes on the parent) and its
 * triggers recreated on the parent. The indexes and triggers are copied from the catalog, so nothing the earlier
 * migrations built is forgotten. Foreign keys to messages(id) cannot survive (a foreign key must reference a unique
 * key of the parent, which now includes created_at): they are dropped, and retention deletes dependents itself.
 *
 * Self-contained on purpose (no import from the app): a migration must keep doing what it did when it shipped.
 * It runs in one transaction and holds its tables exclusively while it copies: plan a maintenance window sized to
 * the copy (see README.md, "Partitions").
 */
const PARTITIONED: ReadonlyArray<{ table: string; key: string; primaryKey: string; oldPrimaryKey: string }> =
  [
    {
      table: 'messages',
      key: 'created_at',
      primaryKey: 'PK_887195b4cc94a4acf9c2a378751',
      oldPrimaryKey: 'PK_18325f38ae6de43878487eff986',
    },
    {
      table: 'status_changes',
      key: 'at',
      primaryKey: 'PK_593cb01135f5d961defaa8e32e0',
      oldPrimaryKey: 'PK_b09386c7bfe17fbe0b6d24e719e',
    },
    {
      table: 'inbound_messages',
      key: 'received_at',
      primaryKey: 'PK_797b681bf77a7124d07181ea11d',
      oldPrimaryKey: 'PK_4f21d40ad47ab9702cb1ee64590',
    },
  ];

/** Months created ahead of now by the migration; the gateway keeps GATEWAY_PARTITIONS_AHEAD ahead from then on. */
const MONTHS_AHEAD = 3;

/** The inbound dedup index: unique per provider id before, with the partition key after (a rule PostgreSQL sets). */
const INBOUND_UNIQUE_BEFORE = {
  name: 'IDX_13a0ffb18aeef013639b9599a0',
  sql: 'CREATE UNIQUE INDEX "IDX_13a0ffb18aeef013639b9599a0" ON "inbound_messages" ("connection_id", "provider_message_id")',
};
const INBOUND_UNIQUE_AFTER = {
  name: 'IDX_e570d220d1985a8b895ceed0a1',
  sql: 'CREATE UNIQUE INDEX "IDX_e570d220d1985a8b895ceed0a1" ON "inbound_messages" ("connection_id", "provider_message_id", "received_at")',
};

/** The foreign keys to messages(id) of the plain layout, restored by down(). */
const MESSAGE_FOREIGN_KEYS = [
  'ALTER TABLE "status_changes" ADD CONSTRAINT "FK_317743575146d6b667d33316595" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "held_requests" ADD CONSTRAINT "FK_c33db967508a9e06521545d7a6f" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "message_attempts" ADD CONSTRAINT "FK_16ae0aa47223bf767dfcb242b5e" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "message_rate_turns" ADD CONSTRAINT "message_rate_turns_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE',
];

/** First of the month (UTC) of `date`, shifted by `months`. */
function monthStart(date: Date, months = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

function partitionName(table: string, month: Date): string {
  return `${table}_p${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The index definitions (not those backing constraints) and user triggers of a table, to recreate elsewhere. */
async function indexesAndTriggers(
  queryRunner: QueryRunner,
  table: string,
): Promise<{ indexes: Array<{ name: string; sql: string }>; triggers: string[] }> {
  const indexes = (await queryRunner.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS sql
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [`public.${table}`],
  )) as Array<{ name: string; sql: string }>;
  const triggers = (await queryRunner.query(
    `SELECT pg_get_triggerdef(oid) AS sql FROM pg_trigger
     WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname`,
    [`public.${table}`],
  )) as Array<{ sql: string }>;
  return {
    // A partitioned parent's index reads `ON ONLY public.t`: the plain table's index is simply `ON public.t`.
    indexes: indexes.map((i) => ({ name: i.name, sql: i.sql.replace(' ON ONLY ', ' ON ') })),
    triggers: triggers.map((t) => t.sql),
  };
}

export class Partitioning1796300300000 implements MigrationInterface {
  name = 'Partitioning1796300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The foreign keys to messages(id), whatever their names (message_rate_turns' is PostgreSQL's default name).
    const foreignKeys = (await queryRunner.query(
      `SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint
       WHERE contype = 'f' AND confrelid = 'public.messages'::regclass`,
    )) as Array<{ tbl: string; conname: string }>;
    for (const fk of foreignKeys)
      await queryRunner.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.conname}"`);

    const now = new Date();
    for (const { table, key, primaryKey } of PARTITIONED) {
      const { indexes, triggers } = await indexesAndTriggers(queryRunner, table);
      // The months of the data; a row more than 10 years old or a year ahead (a provider's garbage time) stays in
      // the default partition rather than creating a partition for every month in between.
      const [range] = (await queryRunner.query(
        `SELECT min("${key}") AS first, max("${key}") AS last FROM "${table}"
         WHERE "${key}" >= now() - interval '10 years' AND "${key}" < now() + interval '1 year'`,
      )) as Array<{ first: Date | null; last: Date | null }>;
      const old = `${table}_unpartitioned`;
      await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${old}"`);
      await queryRunner.query(
        `CREATE TABLE "${table}" (LIKE "${old}" INCLUDING DEFAULTS) PARTITION BY RANGE ("${key}")`,
      );
      const months = new Set<number>();
      const add = (from: Date, to: Date) => {
        for (let m = monthStart(from); m <= to; m = monthStart(m, 1)) months.add(m.getTime());
      };
      if (range?.first && range.last) add(range.first, range.last);
      add(monthStart(now), monthStart(now, MONTHS_AHEAD));
      for (const start of [...months].sort((a, b) => a - b)) {
        const month = new Date(start);
        await queryRunner.query(
          `CREATE TABLE "${partitionName(table, month)}" PARTITION OF "${table}"
           FOR VALUES FROM ('${month.toISOString()}') TO ('${monthStart(month, 1).toISOString()}')`,
        );
      }
      await queryRunner.query(`CREATE TABLE "${table}_default" PARTITION OF "${table}" DEFAULT`);
      await queryRunner.query(`INSERT INTO "${table}" SELECT * FROM "${old}"`);
      await queryRunner.query(`DROP TABLE "${old}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${primaryKey}" PRIMARY KEY ("id", "${key}")`,
      );
      for (const index of indexes)
        await queryRunner.query(
          index.name === INBOUND_UNIQUE_BEFORE.name ? INBOUND_UNIQUE_AFTER.sql : index.sql,
        );
      for (const trigger of triggers) await queryRunner.query(trigger);
      await queryRunner.query(`ANALYZE "${table}"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, oldPrimaryKey } of [...PARTITIONED].reverse()) {
      const { indexes, triggers } = await indexesAndTriggers(queryRunner, table);
      const old = `${table}_partitioned`;
      await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${old}"`);
      await queryRunner.query(`CREATE TABLE "${table}" (LIKE "${old}" INCLUDING DEFAULTS)`);
      await queryRunner.query(`INSERT INTO "${table}" SELECT * FROM "${old}"`);
      await queryRunner.query(`DROP TABLE "${old}"`); // with its partitions
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${oldPrimaryKey}" PRIMARY KEY ("id")`);
      for (const index of indexes)
        await queryRunner.query(
          index.name === INBOUND_UNIQUE_AFTER.name ? INBOUND_UNIQUE_BEFORE.sql : index.sql,
        );
      for (const trigger of triggers) await queryRunner.query(trigger);
    }
    for (const fk of MESSAGE_FOREIGN_KEYS) await queryRunner.query(fk);
  }
}
