import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failover routes (apps/gateway/src/routes) and the send attempts of each message (`message_attempts`, written before
 * the provider call, completed after: what crash recovery reads), with the route and possible-duplicate flag of a message.
 */
export class Routes1796300200000 implements MigrationInterface {
  name = 'Routes1796300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "message_attempts" ("message_id" uuid NOT NULL, "number" integer NOT NULL, "connection_id" uuid NOT NULL, "connection_name" text NOT NULL, "provider" text NOT NULL, "outcome" text, "error_code" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b48ae6f9c44d8b0d61053ae2ded" PRIMARY KEY ("message_id", "number"))',
    );
    await queryRunner.query(
      'CREATE TABLE "routes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "connection_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76100511cdfa1d013c859f01d8b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_b8c68d1b24977703947231d8f5" ON "routes"  ("tenant_id", "name") ',
    );
    await queryRunner.query('ALTER TABLE "messages" ADD "route_id" uuid');
    await queryRunner.query('ALTER TABLE "messages" ADD "route_name" text');
    await queryRunner.query('ALTER TABLE "messages" ADD "possible_duplicate" boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      'ALTER TABLE "message_attempts" ADD CONSTRAINT "FK_16ae0aa47223bf767dfcb242b5e" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "routes" ADD CONSTRAINT "FK_0d6d40672f21086d9bb090e5b1d" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "routes" DROP CONSTRAINT "FK_0d6d40672f21086d9bb090e5b1d"');
    await queryRunner.query(
      'ALTER TABLE "message_attempts" DROP CONSTRAINT "FK_16ae0aa47223bf767dfcb242b5e"',
    );
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "possible_duplicate"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "route_name"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "route_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_b8c68d1b24977703947231d8f5"');
    await queryRunner.query('DROP TABLE "routes"');
    await queryRunner.query('DROP TABLE "message_attempts"');
  }
}
