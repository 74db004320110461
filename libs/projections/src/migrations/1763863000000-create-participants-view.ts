import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateParticipantsView1763863000000 implements MigrationInterface {
  name = 'CreateParticipantsView1763863000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE participants_view (
        participant_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        person_id text NOT NULL,
        role text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX participants_view_programme_idx ON participants_view (programme_id, role, status)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE participants_view`);
  }
}
