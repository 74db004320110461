import { MigrationInterface, QueryRunner } from 'typeorm';

/** Incentives (issue 28): proposals awaiting the director, and those granted or declined, per person. */
export class CreateIncentivesView1766200000000 implements MigrationInterface {
  name = 'CreateIncentivesView1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incentives_view (
        incentive_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        person_id text NOT NULL,
        pair_id uuid,
        status text NOT NULL,
        kind text NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX incentives_view_organisation_idx ON incentives_view (organisation_id, status, proposed_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX incentives_view_person_idx ON incentives_view (person_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incentives_view`);
  }
}
