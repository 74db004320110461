import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A leaner `append_events` (benchmarks 1–3, bench/README.md), same guarantees:
 * - data and metadata arrive as one jsonb array each instead of `jsonb[]` (no array-literal quoting
 *   on the client, no array_in unescaping on the server);
 * - no `SET plan_cache_mode`: a SET clause costs a GUC save/restore on every call and forced a fresh
 *   plan of every inner statement; they are single-index lookups whose cached plans stay right, and
 *   ANALYZE invalidates them anyway.
 * The check that the ids are new stays: without it a retried append raises 23505, which TypeORM logs as
 * a failed query and which would abort a caller's surrounding transaction.
 */
export class LeanAppendFunction1763910000000 implements MigrationInterface {
  name = 'LeanAppendFunction1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION append_events(text, integer, uuid[], text[], jsonb[], jsonb[], text[], text)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION append_events(
        p_stream text, p_expected integer, p_ids uuid[], p_types text[], p_data jsonb, p_metadata jsonb,
        p_hashes text[], p_previous_hash text
      ) RETURNS SETOF bigint
      LANGUAGE plpgsql
      AS $fn$
      DECLARE
        v_version integer;
        v_hash text;
      BEGIN
        SELECT stream_version, hash INTO v_version, v_hash
          FROM events WHERE stream_id = p_stream ORDER BY stream_version DESC LIMIT 1;
        IF coalesce(v_version, 0) <> p_expected THEN RETURN; END IF;
        IF p_expected > 0 AND v_hash IS DISTINCT FROM p_previous_hash THEN RETURN; END IF;
        IF EXISTS (SELECT 1 FROM events WHERE event_id = ANY (p_ids)) THEN RETURN; END IF;
        RETURN QUERY
          INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, hash)
          SELECT t.event_id, p_stream, p_expected + t.n::integer, t.type, t.data, t.metadata, t.hash
            FROM ROWS FROM (unnest(p_ids), unnest(p_types), jsonb_array_elements(p_data), jsonb_array_elements(p_metadata), unnest(p_hashes))
                 WITH ORDINALITY AS t(event_id, type, data, metadata, hash, n)
            ORDER BY t.n
          RETURNING position;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION append_events(text, integer, uuid[], text[], jsonb, jsonb, text[], text)`);
    await queryRunner.query(`
      CREATE FUNCTION append_events(
        p_stream text, p_expected integer, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[],
        p_hashes text[], p_previous_hash text
      ) RETURNS SETOF bigint
      LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan
      AS $fn$
      DECLARE
        v_version integer;
        v_hash text;
      BEGIN
        SELECT stream_version, hash INTO v_version, v_hash
          FROM events WHERE stream_id = p_stream ORDER BY stream_version DESC LIMIT 1;
        IF coalesce(v_version, 0) <> p_expected THEN RETURN; END IF;
        IF p_expected > 0 AND v_hash IS DISTINCT FROM p_previous_hash THEN RETURN; END IF;
        IF EXISTS (SELECT 1 FROM events WHERE event_id = ANY (p_ids)) THEN RETURN; END IF;
        RETURN QUERY
          INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, hash)
          SELECT t.event_id, p_stream, p_expected + t.n::integer, t.type, t.data, t.metadata, t.hash
            FROM unnest(p_ids, p_types, p_data, p_metadata, p_hashes) WITH ORDINALITY AS t(event_id, type, data, metadata, hash, n)
            ORDER BY t.n
          RETURNING position;
      END
      $fn$`);
  }
}
