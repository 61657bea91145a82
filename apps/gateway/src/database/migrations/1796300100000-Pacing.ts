import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pacing (apps/gateway/src/dispatch): a connection's rate limit and health (pause, circuit breaker) on its row;
 * each limited connection's next free turn in its own narrow row (updated at the limit's rate, so kept apart from
 * the wide connections row); and the turns queued messages hold while they wait in the queue for them.
 * Both tables are written by raw statements only (dispatch/rate-statements.ts), so they have no entity.
 */
export class Pacing1796300100000 implements MigrationInterface {
  name = 'Pacing1796300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "connections"
      ADD "rate_limit" jsonb,
      ADD "paused_until" TIMESTAMP WITH TIME ZONE,
      ADD "pause_reason" text,
      ADD "consecutive_failures" integer NOT NULL DEFAULT '0',
      ADD "unavailable_until" TIMESTAMP WITH TIME ZONE,
      ADD "breaker_opens" integer NOT NULL DEFAULT '0',
      ADD "breaker_probing" boolean NOT NULL DEFAULT false,
      ADD "health_changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TABLE "connection_rate_state" (
      "connection_id" uuid PRIMARY KEY REFERENCES "connections" ("id") ON DELETE CASCADE,
      "next_turn_at" TIMESTAMP WITH TIME ZONE NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "message_rate_turns" (
      "message_id" uuid PRIMARY KEY REFERENCES "messages" ("id") ON DELETE CASCADE,
      "turn_at" TIMESTAMP WITH TIME ZONE NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "message_rate_turns"');
    await queryRunner.query('DROP TABLE "connection_rate_state"');
    await queryRunner.query(`ALTER TABLE "connections" DROP COLUMN "rate_limit", DROP COLUMN "paused_until",
      DROP COLUMN "pause_reason", DROP COLUMN "consecutive_failures", DROP COLUMN "unavailable_until",
      DROP COLUMN "breaker_opens", DROP COLUMN "breaker_probing", DROP COLUMN "health_changed_at"`);
  }
}
