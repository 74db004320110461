import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auth guard asks, on every request of a tutor or methodologist, which organisations they serve as a
 * regional specialist: a containment query on the state's `regionalSpecialists`, indexed here.
 */
export class IndexOrganisationsByRegionalSpecialist1764910000000 implements MigrationInterface {
  name = 'IndexOrganisationsByRegionalSpecialist1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX organisations_view_regional_specialists_idx ON organisations_view
       USING GIN ((state->'regionalSpecialists') jsonb_path_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organisations_view_regional_specialists_idx`);
  }
}
