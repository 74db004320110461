import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The electronic registry of routes (003 §3.4) hands out route codes RR-OOOO-YYYY-NNNNNN: an
 * organisation gets its number OOOO within its region once, at its first route; NNNNNN counts the
 * organisation's routes per year. Written by the API before a route's workflow starts, not a read model.
 * Upper bounds (9999, 999999) are checked by `formatRouteCode`, which refuses and rolls the allocation back.
 */
export class CreateRouteCodeSequences1763870000020 implements MigrationInterface {
  name = 'CreateRouteCodeSequences1763870000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE route_registry_organisations (
        organisation_id uuid PRIMARY KEY,
        region_code smallint NOT NULL CHECK (region_code BETWEEN 1 AND 99),
        organisation_code integer NOT NULL CHECK (organisation_code >= 1),
        registered_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (region_code, organisation_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE route_code_sequences (
        organisation_id uuid NOT NULL REFERENCES route_registry_organisations (organisation_id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2099),
        last_sequence integer NOT NULL CHECK (last_sequence >= 1),
        PRIMARY KEY (organisation_id, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE route_code_sequences`);
    await queryRunner.query(`DROP TABLE route_registry_organisations`);
  }
}
