import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 ("claim <= 2 ms at 10M messages"): the scheduler's state moves out of `messages` into a narrow table of
 * its own, `message_schedule` (message id, the message's created_at, next_action_at), one row per message still at
 * work. The claim's lease rewrites next_action_at on every claim; on the wide message row that is never a HOT
 * update and adds an entry to each of its ~9 indexes, in every partition the batch touches (a claim of 64: 6.1 ms
 * at 10M, docs/benchmarks.md). On the schedule row it adds an entry to two small indexes.
 *
 * Not partitioned: it holds only the messages at work (queued, leased, waiting for a retry or a poll: at most a
 * week of traffic, most of it seconds), so it stays small whatever the history; retention and partition drops
 * delete its rows with their messages; and the claim walks one next_action_at index in time order instead of
 * merging one index per month partition.
 *
 * Moves the due and leased state as it is (a lease keeps its expiry, so a process that holds one keeps it until
 * then), then drops the column and its partial index, which only the claim used. down() restores both.
 * Self-contained on purpose (no import from the app): a migration must keep doing what it did when it shipped.
 */
export class MessageSchedule1796300400000 implements MigrationInterface {
  name = 'MessageSchedule1796300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "message_schedule" ("message_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_action_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f48c61771eb1628f7e80a2a2042" PRIMARY KEY ("message_id"))',
    );
    // Read through the partial index this migration drops next: only the rows at work, whatever the history.
    await queryRunner.query(
      `INSERT INTO "message_schedule" ("message_id", "created_at", "next_action_at")
       SELECT "id", "created_at", "next_action_at" FROM "messages" WHERE "next_action_at" IS NOT NULL`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_abda3301f330f60891cdfc212d" ON "message_schedule" ("next_action_at") ',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_1198e8a04a2dd909e47d47f930"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "next_action_at"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" ADD "next_action_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      `UPDATE "messages" m SET "next_action_at" = s."next_action_at" FROM "message_schedule" s
       WHERE m."id" = s."message_id" AND m."created_at" = s."created_at"`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1198e8a04a2dd909e47d47f930" ON "messages" USING btree ("next_action_at") WHERE (next_action_at IS NOT NULL)',
    );
    await queryRunner.query('DROP TABLE "message_schedule"');
  }
}
