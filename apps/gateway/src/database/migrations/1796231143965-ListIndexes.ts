import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index per list filter the API offers (messages: to, connection, status, connection+status; inbound: connection
 * by id or name, from), each ending in the list's sort key so a page walks only its own rows, and the scheduler's
 * next_action_at index made partial (rows with nothing due are most of the history). Chosen from EXPLAIN ANALYZE on
 * a seeded table: see `npm run bench -- history` and docs/benchmarks.md.
 */
export class ListIndexes1796231143965 implements MigrationInterface {
  name = 'ListIndexes1796231143965';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_e5a6ffec0a0849afa59a84cc37"');
    await queryRunner.query(
      'CREATE INDEX "IDX_1198e8a04a2dd909e47d47f930" ON "messages"  ("next_action_at") WHERE next_action_at IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e90744589527ef39267a8a2950" ON "messages"  ("tenant_id", "connection_name", "status", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_913787824c6622be7bf6c49fc4" ON "messages"  ("tenant_id", "status", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0b2902239a523cdfab6b91f5d4" ON "messages"  ("tenant_id", "connection_name", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_98c9625afbd518374ab7f3b7d1" ON "messages"  ("tenant_id", "to_number", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e3bba5a46c3c14cbdfde63ae0e" ON "inbound_messages"  ("tenant_id", "from_number", "received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c08991b82fdce8cd8b365fafe0" ON "inbound_messages"  ("tenant_id", "connection_name", "received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2e4a284c3155411479716ce361" ON "inbound_messages"  ("tenant_id", "connection_id", "received_at", "id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_2e4a284c3155411479716ce361"');
    await queryRunner.query('DROP INDEX "public"."IDX_c08991b82fdce8cd8b365fafe0"');
    await queryRunner.query('DROP INDEX "public"."IDX_e3bba5a46c3c14cbdfde63ae0e"');
    await queryRunner.query('DROP INDEX "public"."IDX_98c9625afbd518374ab7f3b7d1"');
    await queryRunner.query('DROP INDEX "public"."IDX_0b2902239a523cdfab6b91f5d4"');
    await queryRunner.query('DROP INDEX "public"."IDX_913787824c6622be7bf6c49fc4"');
    await queryRunner.query('DROP INDEX "public"."IDX_e90744589527ef39267a8a2950"');
    await queryRunner.query('DROP INDEX "public"."IDX_1198e8a04a2dd909e47d47f930"');
    await queryRunner.query(
      'CREATE INDEX "IDX_e5a6ffec0a0849afa59a84cc37" ON "messages" USING btree ("next_action_at") ',
    );
  }
}
