import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deployment1796226412986 implements MigrationInterface {
  name = 'Deployment1796226412986';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "held_requests" ("message_id" uuid NOT NULL, "sealed" text NOT NULL, "bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c33db967508a9e06521545d7a6f" PRIMARY KEY ("message_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4d4b698d71bb86a1a5bfd0477e" ON "held_requests"  ("expires_at") ',
    );
    await queryRunner.query('ALTER TABLE "tenants" ADD "disabled_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "api_keys" ADD "last_four" text NOT NULL DEFAULT \'\'');
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD "scopes" text array NOT NULL DEFAULT \'{send,read,connections,webhooks}\'',
    );
    await queryRunner.query('ALTER TABLE "api_keys" ADD "expires_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "held_requests" ADD CONSTRAINT "FK_c33db967508a9e06521545d7a6f" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "held_requests" DROP CONSTRAINT "FK_c33db967508a9e06521545d7a6f"');
    await queryRunner.query('ALTER TABLE "api_keys" DROP COLUMN "expires_at"');
    await queryRunner.query('ALTER TABLE "api_keys" DROP COLUMN "scopes"');
    await queryRunner.query('ALTER TABLE "api_keys" DROP COLUMN "last_four"');
    await queryRunner.query('ALTER TABLE "tenants" DROP COLUMN "disabled_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_4d4b698d71bb86a1a5bfd0477e"');
    await queryRunner.query('DROP TABLE "held_requests"');
  }
}
