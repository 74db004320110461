import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mentors' methodical associations (issue 28): the folded state, the host organisation and its place
 * (lists by organisation, municipality, region), and the current members' ids (a member finds their own).
 */
export class CreateAssociationsView1766300000000 implements MigrationInterface {
  name = 'CreateAssociationsView1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE associations_view (
        association_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        level text NOT NULL,
        municipality text NOT NULL,
        region text NOT NULL,
        created_at timestamptz NOT NULL,
        member_ids text[] NOT NULL DEFAULT '{}',
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX associations_view_organisation_idx ON associations_view (organisation_id)`);
    await queryRunner.query(`CREATE INDEX associations_view_region_idx ON associations_view (region, municipality)`);
    await queryRunner.query(`CREATE INDEX associations_view_members_idx ON associations_view USING gin (member_ids)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE associations_view`);
  }
}
