import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: the organisations' staff lists keep ids only. Rows folded before then hold the name an old
 * StaffAssigned typed (`fullName`); the fold no longer copies it, and this erases it from rows already
 * written, so no read model holds a name the staff directory cannot erase. The events keep theirs (hashed).
 */
export class DropStaffNamesFromOrganisationsView1765200000000 implements MigrationInterface {
  name = 'DropStaffNamesFromOrganisationsView1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE organisations_view SET state = jsonb_set(state, '{staff}', (
         SELECT jsonb_agg(s - 'fullName' ORDER BY n) FROM jsonb_array_elements(state->'staff') WITH ORDINALITY AS e(s, n)))
       WHERE jsonb_path_exists(state, '$.staff[*].fullName')`,
    );
  }

  async down(): Promise<void> {
    // The names are gone from the read model by design; a projection rebuild cannot bring them back either.
  }
}
