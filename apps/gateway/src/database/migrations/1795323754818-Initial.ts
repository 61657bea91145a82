import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795323754818 implements MigrationInterface {
  name = 'Initial1795323754818';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "key_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3ac18429c8d27858d79432e0dd" ON "api_keys"  ("tenant_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_57384430aa1959f4578046c9b8" ON "api_keys"  ("key_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "provider" text NOT NULL, "base_url" text, "credentials_sealed" text NOT NULL, "default_from" text, "webhook_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ddd27a27983f71d5510f3fee10" ON "connections"  ("webhook_token") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_882f8243ea4e6b8778cf386cef" ON "connections"  ("tenant_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "idempotency_records" ("tenant_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "message_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0ec449544175b50fe734d3bfbf6" PRIMARY KEY ("tenant_id", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b3482fdd761179f433dab212e7" ON "idempotency_records"  ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "inbound_messages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "connection_id" uuid NOT NULL, "connection_name" text NOT NULL, "provider" text NOT NULL, "provider_message_id" text NOT NULL, "from_number" text NOT NULL, "to_number" text, "kind" text NOT NULL, "text" text, "file_url" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raw" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f21d40ad47ab9702cb1ee64590" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_673651e2bd272697d24c0b930d" ON "inbound_messages"  ("tenant_id", "received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_13a0ffb18aeef013639b9599a0" ON "inbound_messages"  ("connection_id", "provider_message_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "connection_id" uuid NOT NULL, "connection_name" text NOT NULL, "provider" text NOT NULL, "type" text NOT NULL, "to_number" text NOT NULL, "request" jsonb NOT NULL, "status" text NOT NULL, "provider_message_id" text, "provider_status" text, "error" jsonb, "attempts" integer NOT NULL DEFAULT \'0\', "next_action_at" TIMESTAMP WITH TIME ZONE, "idempotency_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e5a6ffec0a0849afa59a84cc37" ON "messages"  ("next_action_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d7338d469f59053c026b719e7b" ON "messages"  ("connection_id", "provider_message_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_16e6b9106c2c540d23acba3724" ON "messages"  ("tenant_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "status_changes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "message_id" uuid NOT NULL, "status" text NOT NULL, "provider_status" text, "source" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b09386c7bfe17fbe0b6d24e719e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_61f3b98e40174977cc94defd32" ON "status_changes"  ("message_id", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "verifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "connection_id" uuid NOT NULL, "provider" text NOT NULL, "to_number" text NOT NULL, "mode" text NOT NULL, "provider_request_id" text, "code_hash" text, "code_salt" text, "message_id" uuid, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "max_attempts" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2127ad1b143cf012280390b01d1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4b4c62ce36d210f01d85601e24" ON "verifications"  ("tenant_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "connections" ADD CONSTRAINT "FK_2e37e3b97bf0ae3c7575a39fd4a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "status_changes" ADD CONSTRAINT "FK_317743575146d6b667d33316595" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "status_changes" DROP CONSTRAINT "FK_317743575146d6b667d33316595"');
    await queryRunner.query('ALTER TABLE "connections" DROP CONSTRAINT "FK_2e37e3b97bf0ae3c7575a39fd4a"');
    await queryRunner.query('ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3ac18429c8d27858d79432e0dda"');
    await queryRunner.query('DROP INDEX "public"."IDX_4b4c62ce36d210f01d85601e24"');
    await queryRunner.query('DROP TABLE "verifications"');
    await queryRunner.query('DROP INDEX "public"."IDX_61f3b98e40174977cc94defd32"');
    await queryRunner.query('DROP TABLE "status_changes"');
    await queryRunner.query('DROP INDEX "public"."IDX_16e6b9106c2c540d23acba3724"');
    await queryRunner.query('DROP INDEX "public"."IDX_d7338d469f59053c026b719e7b"');
    await queryRunner.query('DROP INDEX "public"."IDX_e5a6ffec0a0849afa59a84cc37"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP INDEX "public"."IDX_13a0ffb18aeef013639b9599a0"');
    await queryRunner.query('DROP INDEX "public"."IDX_673651e2bd272697d24c0b930d"');
    await queryRunner.query('DROP TABLE "inbound_messages"');
    await queryRunner.query('DROP INDEX "public"."IDX_b3482fdd761179f433dab212e7"');
    await queryRunner.query('DROP TABLE "idempotency_records"');
    await queryRunner.query('DROP INDEX "public"."IDX_882f8243ea4e6b8778cf386cef"');
    await queryRunner.query('DROP INDEX "public"."IDX_ddd27a27983f71d5510f3fee10"');
    await queryRunner.query('DROP TABLE "connections"');
    await queryRunner.query('DROP INDEX "public"."IDX_57384430aa1959f4578046c9b8"');
    await queryRunner.query('DROP INDEX "public"."IDX_3ac18429c8d27858d79432e0dd"');
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP TABLE "tenants"');
  }
}
