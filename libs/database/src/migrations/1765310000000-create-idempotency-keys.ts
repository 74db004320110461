import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first answer to each command sent with an `Idempotency-Key` (issue 23), returned again for a retry of
 * the same request. Kept 24 hours (the API deletes older rows); a row without a status is a command still in
 * flight. The answers may name people, so the table lives in the `personal` schema, which PUBLIC cannot use.
 */
export class CreateIdempotencyKeys1765310000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE personal.idempotency_keys (
        subject text NOT NULL,
        -- The method and the requested path with its ids ("POST /pairs/<id>/diary"): a key is the caller's per route.
        route text NOT NULL,
        idempotency_key uuid NOT NULL,
        -- sha-256 of the canonical JSON of the request body: the same key with another body is refused.
        request_hash text NOT NULL,
        status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, route, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at_idx ON personal.idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE personal.idempotency_keys`);
  }
}
