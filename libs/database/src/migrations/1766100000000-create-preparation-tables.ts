import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The preparatory stage's training records and the further-training catalogue (issue 28), and the
 * organisation's settings. Not projections: the API writes these rows. A training record names a person
 * (who was trained, the certificate's number), so it lives in the `personal` schema with the staff
 * directory and is erased with the person's card; the person's stream records only ids. The catalogue
 * describes courses, not people: public schema.
 */
export class CreatePreparationTables1766100000000 implements MigrationInterface {
  name = 'CreatePreparationTables1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_catalogue (
        entry_id uuid PRIMARY KEY,
        title text NOT NULL,
        provider text NOT NULL,
        hours integer NOT NULL CHECK (hours BETWEEN 1 AND 10000),
        form text NOT NULL,
        registry_id text,
        -- lower-cased, ё → е: title and provider, for the search as you type.
        search_key text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by text NOT NULL
      )`);
    // Re-import updates an entry by its registry id, or else by (provider, title).
    await queryRunner.query(
      `CREATE UNIQUE INDEX training_catalogue_registry_idx ON training_catalogue (registry_id) WHERE registry_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX training_catalogue_provider_title_idx ON training_catalogue (lower(provider), lower(title))`,
    );
    await queryRunner.query(`
      CREATE TABLE personal.trainings (
        training_id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES personal.persons (person_id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('mentor', 'tutor', 'curator')),
        course_title text NOT NULL,
        catalogue_entry_id uuid REFERENCES training_catalogue (entry_id) ON DELETE SET NULL,
        hours integer NOT NULL CHECK (hours BETWEEN 1 AND 10000),
        date_from date NOT NULL,
        date_to date NOT NULL CHECK (date_to >= date_from),
        certificate_number text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX trainings_person_idx ON personal.trainings (person_id)`);
    await queryRunner.query(`CREATE INDEX trainings_organisation_idx ON personal.trainings (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE organisation_settings (
        organisation_id uuid PRIMARY KEY,
        mentor_training_required boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE organisation_settings`);
    await queryRunner.query(`DROP TABLE personal.trainings`);
    await queryRunner.query(`DROP TABLE training_catalogue`);
  }
}
