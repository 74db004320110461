import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRoutesView1763870000010 implements MigrationInterface {
  name = 'CreateRoutesView1763870000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routes_view (
        route_id uuid PRIMARY KEY,
        organisation_id uuid,
        code text UNIQUE,
        teacher_id text,
        methodologist_id text,
        tutor_id text,
        stage text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX routes_view_organisation_idx ON routes_view (organisation_id, updated_at)`);
    // A participant's own routes: the teacher, the methodologist and the tutor each list theirs.
    await queryRunner.query(`CREATE INDEX routes_view_teacher_idx ON routes_view (teacher_id)`);
    await queryRunner.query(`CREATE INDEX routes_view_methodologist_idx ON routes_view (methodologist_id)`);
    await queryRunner.query(`CREATE INDEX routes_view_tutor_idx ON routes_view (tutor_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routes_view`);
  }
}
