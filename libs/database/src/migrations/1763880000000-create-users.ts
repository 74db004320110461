import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may sign in and what they may do where. Not a projection: the API writes these rows itself,
 * and records every change as an event (stream `user-<id>`) in the same transaction for the audit.
 * The CHECK constraints hold the scoping rules, so no code path can store an unscoped curator.
 */
export class CreateUsers1763880000000 implements MigrationInterface {
  name = 'CreateUsers1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        user_id uuid PRIMARY KEY,
        subject text NOT NULL UNIQUE,
        full_name text NOT NULL,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE role_assignments (
        assignment_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('director', 'curator', 'commissionHead', 'mentor', 'mentee', 'methodologist', 'tutor',
                                           'psychologist', 'administrator', 'regionalCoordinator')),
        organisation_id uuid,
        region text,
        municipality text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT role_assignments_scope CHECK (
          CASE role
            WHEN 'administrator' THEN organisation_id IS NULL AND region IS NULL AND municipality IS NULL
            WHEN 'regionalCoordinator' THEN organisation_id IS NULL AND region IS NOT NULL
            ELSE organisation_id IS NOT NULL AND region IS NULL AND municipality IS NULL
          END)
      )`);
    // One grant per (user, role, scope); NULLS NOT DISTINCT makes an unscoped duplicate a conflict too.
    await queryRunner.query(`
      CREATE UNIQUE INDEX role_assignments_unique ON role_assignments (user_id, role, organisation_id, region, municipality) NULLS NOT DISTINCT`);
    await queryRunner.query(`CREATE INDEX role_assignments_organisation_idx ON role_assignments (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE role_assignments`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
