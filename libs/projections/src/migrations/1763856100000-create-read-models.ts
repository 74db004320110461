import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReadModels1763856100000 implements MigrationInterface {
  name = 'CreateReadModels1763856100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations_view (
        organisation_id uuid PRIMARY KEY,
        name text NOT NULL,
        region text NOT NULL,
        municipality text NOT NULL,
        time_zone text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX organisations_view_region_idx ON organisations_view (region, municipality)`);
    await queryRunner.query(`
      CREATE TABLE programmes_view (
        programme_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        stage text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX programmes_view_organisation_idx ON programmes_view (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programmes_view`);
    await queryRunner.query(`DROP TABLE organisations_view`);
  }
}
