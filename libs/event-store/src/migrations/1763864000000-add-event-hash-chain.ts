import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each event's hash covers its content and the previous event's hash in its stream (tamper evidence). */
export class AddEventHashChain1763864000000 implements MigrationInterface {
  name = 'AddEventHashChain1763864000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events ADD COLUMN hash text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events DROP COLUMN hash`);
  }
}
