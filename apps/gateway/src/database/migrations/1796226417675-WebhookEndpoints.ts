import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is filled by triggers, so an event is written in the very transaction of the change that causes it
 * (a status change, an inbound message, a verification reaching a final status) without touching the send path's
 * prepared statements. A tenant without an enabled endpoint wanting the type costs one index probe per change.
 */
const ENQUEUE_FUNCTION = `
CREATE FUNCTION webhook_enqueue(p_tenant uuid, p_type text, p_subject uuid, p_status_change uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_event uuid;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM webhook_endpoints e
    WHERE e.tenant_id = p_tenant AND e.enabled AND (cardinality(e.event_types) = 0 OR p_type = ANY (e.event_types))
  ) THEN
    RETURN;
  END IF;
  INSERT INTO webhook_events (tenant_id, type, subject_id, status_change_id)
    VALUES (p_tenant, p_type, p_subject, p_status_change) RETURNING id INTO v_event;
  INSERT INTO webhook_deliveries (tenant_id, event_id, endpoint_id, event_type, subject_id, status, next_attempt_at)
    SELECT p_tenant, v_event, e.id, p_type, p_subject, 'pending', clock_timestamp()
    FROM webhook_endpoints e
    WHERE e.tenant_id = p_tenant AND e.enabled AND (cardinality(e.event_types) = 0 OR p_type = ANY (e.event_types));
END
$$`;

const STATUS_CHANGE_TRIGGER = `
CREATE FUNCTION webhook_on_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM webhook_enqueue(NEW.tenant_id, 'message.status_changed', NEW.message_id, NEW.id);
  IF NEW.status = 'FAILED' THEN
    PERFORM webhook_enqueue(NEW.tenant_id, 'message.failed', NEW.message_id, NEW.id);
  END IF;
  RETURN NULL;
END
$$`;

const INBOUND_TRIGGER = `
CREATE FUNCTION webhook_on_inbound_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM webhook_enqueue(NEW.tenant_id, 'inbound_message.received', NEW.id, NULL);
  RETURN NULL;
END
$$`;

const VERIFICATION_TRIGGER = `
CREATE FUNCTION webhook_on_verification_completed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM webhook_enqueue(NEW.tenant_id, 'verification.completed', NEW.id, NULL);
  RETURN NULL;
END
$$`;

export class WebhookEndpoints1796226417675 implements MigrationInterface {
  name = 'WebhookEndpoints1796226417675';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "url" text NOT NULL, "description" text, "event_types" text array NOT NULL DEFAULT \'{}\', "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" text, "disabled_at" TIMESTAMP WITH TIME ZONE, "secret_sealed" text NOT NULL, "previous_secret_sealed" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6c0a3be4a9fb068bbe0b53e574" ON "webhook_endpoints"  ("tenant_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "type" text NOT NULL, "subject_id" uuid NOT NULL, "status_change_id" uuid, "body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "event_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_type" text NOT NULL, "subject_id" uuid NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "attempt_count" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fc0b6349d81ea1e55afdceda73" ON "webhook_deliveries"  ("subject_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3f867d0adaf5ef6a96eb4cccde" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7d96eff346f367387c56dba010" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = \'pending\'',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_attempts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL, "subject_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "url" text NOT NULL, "status_code" integer NOT NULL, "duration_ms" integer NOT NULL, "response_body" text, "error" text, "trigger" text NOT NULL, CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0d56d91d61b827bb2079c25653" ON "webhook_attempts"  ("delivery_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_65625b672e0b94745f75b3c2b7" ON "webhook_attempts"  ("subject_id", "at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5d9619aa9d47fb431f9733d0ed" ON "webhook_attempts"  ("endpoint_id", "at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_attempts" ADD CONSTRAINT "FK_0d56d91d61b827bb2079c256538" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(ENQUEUE_FUNCTION);
    await queryRunner.query(STATUS_CHANGE_TRIGGER);
    await queryRunner.query(INBOUND_TRIGGER);
    await queryRunner.query(VERIFICATION_TRIGGER);
    await queryRunner.query(
      'CREATE TRIGGER webhook_status_change AFTER INSERT ON status_changes FOR EACH ROW EXECUTE FUNCTION webhook_on_status_change()',
    );
    await queryRunner.query(
      'CREATE TRIGGER webhook_inbound_message AFTER INSERT ON inbound_messages FOR EACH ROW EXECUTE FUNCTION webhook_on_inbound_message()',
    );
    await queryRunner.query(
      "CREATE TRIGGER webhook_verification_completed AFTER UPDATE OF status ON verifications FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status <> 'PENDING') EXECUTE FUNCTION webhook_on_verification_completed()",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER webhook_verification_completed ON verifications');
    await queryRunner.query('DROP TRIGGER webhook_inbound_message ON inbound_messages');
    await queryRunner.query('DROP TRIGGER webhook_status_change ON status_changes');
    await queryRunner.query('DROP FUNCTION webhook_on_verification_completed()');
    await queryRunner.query('DROP FUNCTION webhook_on_inbound_message()');
    await queryRunner.query('DROP FUNCTION webhook_on_status_change()');
    await queryRunner.query('DROP FUNCTION webhook_enqueue(uuid, text, uuid, uuid)');
    await queryRunner.query(
      'ALTER TABLE "webhook_attempts" DROP CONSTRAINT "FK_0d56d91d61b827bb2079c256538"',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_5d9619aa9d47fb431f9733d0ed"');
    await queryRunner.query('DROP INDEX "public"."IDX_65625b672e0b94745f75b3c2b7"');
    await queryRunner.query('DROP INDEX "public"."IDX_0d56d91d61b827bb2079c25653"');
    await queryRunner.query('DROP TABLE "webhook_attempts"');
    await queryRunner.query('DROP INDEX "public"."IDX_7d96eff346f367387c56dba010"');
    await queryRunner.query('DROP INDEX "public"."IDX_3f867d0adaf5ef6a96eb4cccde"');
    await queryRunner.query('DROP INDEX "public"."IDX_fc0b6349d81ea1e55afdceda73"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
    await queryRunner.query('DROP TABLE "webhook_events"');
    await queryRunner.query('DROP INDEX "public"."IDX_6c0a3be4a9fb068bbe0b53e574"');
    await queryRunner.query('DROP TABLE "webhook_endpoints"');
  }
}
