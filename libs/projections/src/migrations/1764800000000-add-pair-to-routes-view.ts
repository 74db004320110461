import { MigrationInterface, QueryRunner } from 'typeorm';

/** A mentee's route names its pair (002 §2 «ИОМ наставляемого»): the pair's page finds its routes by it. */
export class AddPairToRoutesView1764800000000 implements MigrationInterface {
  name = 'AddPairToRoutesView1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE routes_view ADD COLUMN pair_id uuid`);
    await queryRunner.query(`CREATE INDEX routes_view_pair_idx ON routes_view (pair_id) WHERE pair_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX routes_view_pair_idx`);
    await queryRunner.query(`ALTER TABLE routes_view DROP COLUMN pair_id`);
  }
}
