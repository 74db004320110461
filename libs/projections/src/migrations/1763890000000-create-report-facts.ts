import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report facts with validity intervals: a report as of an instant is a WHERE on [valid_from, valid_to).
 * report_subjects keeps each subject's current fold so the projection can continue incrementally.
 */
export class CreateReportFacts1763890000000 implements MigrationInterface {
  name = 'CreateReportFacts1763890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_subjects (
        subject_key text PRIMARY KEY,
        state jsonb NOT NULL,
        version integer NOT NULL,
        last_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE report_facts (
        id bigserial PRIMARY KEY,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        organisation_id text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        facts jsonb NOT NULL,
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    // One open interval per subject: the projection closes the old one before opening the next.
    await queryRunner.query(
      `CREATE UNIQUE INDEX report_facts_current_idx ON report_facts (subject_type, subject_id) WHERE valid_to IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX report_facts_as_of_idx ON report_facts (organisation_id, subject_type, valid_from, valid_to)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_facts`);
    await queryRunner.query(`DROP TABLE report_subjects`);
  }
}
