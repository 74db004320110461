import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff directory (issue 18). Not a projection: the API writes these rows and records each change as
 * an event of the person's stream holding ids and field names only, so erasing a card (152-ФЗ
 * depersonalisation) never touches hashed event data.
 *
 * Everything that names or describes a person lives in the `personal` schema, which only the owner (the
 * application's database user) can use: PUBLIC gets nothing, so a reporting or support login granted
 * the public schema cannot read a name, a birth date or a phone.
 */
export class CreatePeople1764900000000 implements MigrationInterface {
  name = 'CreatePeople1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA personal`);
    await queryRunner.query(`REVOKE ALL ON SCHEMA personal FROM PUBLIC`);
    await queryRunner.query(`
      CREATE TABLE personal.persons (
        person_id uuid PRIMARY KEY,
        surname text NOT NULL,
        first_name text NOT NULL,
        patronymic text,
        -- personSearchKey(ФИО), computed by the application (libs/domain person.card.ts): lower case, ё → е.
        search_key text NOT NULL,
        birth_date date,
        work_email text,
        work_phone text,
        personal_email text,
        personal_phone text,
        category text CHECK (category IN ('none', 'first', 'highest', 'methodologist', 'mentor')),
        education text,
        teaching_experience_years integer CHECK (teaching_experience_years BETWEEN 0 AND 70),
        subject_experience_years integer CHECK (subject_experience_years BETWEEN 0 AND 70),
        last_attestation_date date,
        consent_date date,
        consent_document text,
        consent_withdrawn_on date,
        depersonalised_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Prefix search as you type («иван» finds Иванова): a btree with text_pattern_ops serves LIKE 'x%'.
    await queryRunner.query(`CREATE INDEX persons_search_key_idx ON personal.persons (search_key text_pattern_ops)`);
    await queryRunner.query(`
      CREATE TABLE personal.employments (
        person_id uuid NOT NULL REFERENCES personal.persons (person_id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        personnel_key text,
        positions text[] NOT NULL DEFAULT '{}',
        subjects text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'working' CHECK (status IN ('working', 'parentalLeave', 'dismissed')),
        status_from date,
        status_to date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, organisation_id)
      )`);
    // The organisation's own key (табельный номер) identifies a row on re-import.
    await queryRunner.query(
      `CREATE UNIQUE INDEX employments_personnel_key_idx ON personal.employments (organisation_id, personnel_key) WHERE personnel_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX employments_organisation_idx ON personal.employments (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA personal CASCADE`);
  }
}
