import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 27: the route's teacher («педагог») is a role of its own, scoped to an organisation like the others. */
export class AllowTeacherRole1765300000000 implements MigrationInterface {
  name = 'AllowTeacherRole1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`);
    await queryRunner.query(`
      ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
        CHECK (role IN ('director', 'curator', 'commissionHead', 'mentor', 'mentee', 'teacher', 'methodologist', 'tutor',
                        'psychologist', 'administrator', 'regionalCoordinator'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM role_assignments WHERE role = 'teacher'`);
    await queryRunner.query(`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`);
    await queryRunner.query(`
      ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
        CHECK (role IN ('director', 'curator', 'commissionHead', 'mentor', 'mentee', 'methodologist', 'tutor',
                        'psychologist', 'administrator', 'regionalCoordinator'))`);
  }
}
