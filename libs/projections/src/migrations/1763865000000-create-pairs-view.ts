import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePairsView1763865000000 implements MigrationInterface {
  name = 'CreatePairsView1763865000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pairs_view (
        pair_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        mentor_id text NOT NULL,
        status text NOT NULL,
        form text NOT NULL,
        kind text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX pairs_view_programme_idx ON pairs_view (programme_id, status)`);
    await queryRunner.query(`CREATE INDEX pairs_view_organisation_idx ON pairs_view (organisation_id, status, form)`);
    await queryRunner.query(`CREATE INDEX pairs_view_mentor_idx ON pairs_view (mentor_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE pairs_view`);
  }
}
