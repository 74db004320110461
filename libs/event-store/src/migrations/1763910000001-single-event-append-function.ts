import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `append_event`: the one-event case of `append_events` (most appends: a workflow's command decides one
 * event) with scalar parameters — no arrays to encode and parse, no unnest, no set-returning call.
 * Same checks: the stream is at the expected version with the expected head hash and the id is new;
 * otherwise it inserts nothing and returns NULL.
 */
export class SingleEventAppendFunction1763910000001 implements MigrationInterface {
  name = 'SingleEventAppendFunction1763910000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION append_event(
        p_stream text, p_expected integer, p_id uuid, p_type text, p_data jsonb, p_metadata jsonb, p_hash text, p_previous_hash text
      ) RETURNS bigint
      LANGUAGE plpgsql
      AS $fn$
      DECLARE
        v_version integer;
        v_hash text;
        v_position bigint;
      BEGIN
        SELECT stream_version, hash INTO v_version, v_hash
          FROM events WHERE stream_id = p_stream ORDER BY stream_version DESC LIMIT 1;
        IF coalesce(v_version, 0) <> p_expected THEN RETURN NULL; END IF;
        IF p_expected > 0 AND v_hash IS DISTINCT FROM p_previous_hash THEN RETURN NULL; END IF;
        IF EXISTS (SELECT 1 FROM events WHERE event_id = p_id) THEN RETURN NULL; END IF;
        INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, hash)
          VALUES (p_id, p_stream, p_expected + 1, p_type, p_data, p_metadata, p_hash)
          RETURNING position INTO v_position;
        RETURN v_position;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION append_event(text, integer, uuid, text, jsonb, jsonb, text, text)`);
  }
}
