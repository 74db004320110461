import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events a read model's handler keeps failing on (issue 23). A row with `parked_at` NULL counts the
 * failures of the event the projector stopped at; after PROJECTION_MAX_FAILURES it is parked and the
 * projector moves past it. An administrator's retry that applies it sets `resolved_at`. Only the error
 * message is kept (truncated): no event data, no personal data.
 */
export class CreateProjectionParkedEvents1765400000000 implements MigrationInterface {
  name = 'CreateProjectionParkedEvents1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_parked_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        projection text NOT NULL,
        global_position bigint NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        failures integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        last_failed_at timestamptz NOT NULL,
        parked_at timestamptz,
        retried_at timestamptz,
        retried_by text,
        retry_reason text,
        resolved_at timestamptz,
        UNIQUE (projection, global_position)
      )`);
    await queryRunner.query(
      `CREATE INDEX projection_parked_events_open_idx ON projection_parked_events (first_failed_at)
       WHERE parked_at IS NOT NULL AND resolved_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_parked_events`);
  }
}
