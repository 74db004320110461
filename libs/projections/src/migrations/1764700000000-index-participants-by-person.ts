import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a person belongs to an organisation is asked per pair formed and per mentor-load read: by person, not programme. */
export class IndexParticipantsByPerson1764700000000 implements MigrationInterface {
  name = 'IndexParticipantsByPerson1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX participants_view_person_idx ON participants_view (person_id, organisation_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX participants_view_person_idx`);
  }
}
