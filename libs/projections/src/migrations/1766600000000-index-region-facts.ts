import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region report without reading fact documents (issue 24 §3, benchmark 15). What a region's row counts of
 * the numerous subjects — pairs, routes, tasks, practices — is a few fields each; they become a column of their
 * own (`region_key`, derived by PostgreSQL from the document, so the projection writes it nowhere else) beside a
 * task's deadline (`due_at`), and one index holds them with the validity interval: the report's grouped count is
 * an index-only scan of narrow entries instead of a scan of every document of the region (≈ 500 bytes each).
 *
 * The functions are IMMUTABLE, as a generated column requires: they only take fields of the document apart; the
 * deadline is written with its offset (ISO 8601 with `Z`), so reading it depends on no session setting.
 */
export class IndexRegionFacts1766600000000 implements MigrationInterface {
  name = 'IndexRegionFacts1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION report_fact_region_key(subject_type text, facts jsonb) RETURNS jsonb
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE subject_type
            WHEN 'pair' THEN jsonb_strip_nulls(jsonb_build_object('programmeId', facts->'programmeId',
              'status', facts->'status', 'form', facts->'form', 'kind', facts->'kind', 'kinds', facts->'kinds',
              'gate', facts->'gate'))
            WHEN 'route' THEN jsonb_strip_nulls(jsonb_build_object('stage', facts->'stage',
              'draftDeliveredOnTime', facts->'draftDeliveredOnTime'))
            WHEN 'task' THEN jsonb_strip_nulls(jsonb_build_object('status', facts->'status'))
            WHEN 'practice' THEN jsonb_build_object('status', facts->'status')
          END
        $$`);
    await queryRunner.query(`
      CREATE FUNCTION report_fact_due_at(subject_type text, facts jsonb) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE WHEN subject_type = 'task' THEN (facts->>'dueAt')::timestamptz END
        $$`);
    await queryRunner.query(`
      ALTER TABLE report_facts
        ADD COLUMN region_key jsonb GENERATED ALWAYS AS (report_fact_region_key(subject_type, facts)) STORED,
        ADD COLUMN due_at timestamptz GENERATED ALWAYS AS (report_fact_due_at(subject_type, facts)) STORED`);
    await queryRunner.query(`
      CREATE INDEX report_facts_region_idx ON report_facts (organisation_id, valid_from)
        INCLUDE (valid_to, subject_type, region_key, due_at) WHERE region_key IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX report_facts_region_idx`);
    await queryRunner.query(`ALTER TABLE report_facts DROP COLUMN region_key, DROP COLUMN due_at`);
    await queryRunner.query(`DROP FUNCTION report_fact_due_at(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION report_fact_region_key(text, jsonb)`);
  }
}
