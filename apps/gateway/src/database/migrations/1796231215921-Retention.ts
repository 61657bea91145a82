import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (apps/gateway/src/retention): a tenant's own retention in days (null follows GATEWAY_RETENTION_DAYS,
 * 0 keeps forever), and the two indexes its client-webhook deletes need: a tenant's events by age, and an event's
 * deliveries (without it, deleting an event scans every delivery for its foreign key's cascade).
 */
export class Retention1796231215921 implements MigrationInterface {
  name = 'Retention1796231215921';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tenants" ADD "retention_days" integer');
    await queryRunner.query(
      'CREATE INDEX "IDX_915db7de4f2c7ee1ac0c137b0a" ON "webhook_events" ("tenant_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_27d1ee90033bdafe0ffe8f1be6" ON "webhook_deliveries" ("event_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_27d1ee90033bdafe0ffe8f1be6"');
    await queryRunner.query('DROP INDEX "public"."IDX_915db7de4f2c7ee1ac0c137b0a"');
    await queryRunner.query('ALTER TABLE "tenants" DROP COLUMN "retention_days"');
  }
}
