import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines waiting for a production-calendar year: a task may now be raised without a due instant,
 * `pending_deadlines` says which workflow waits for which year, and `calendar_wakeups` is the outbox of
 * signals to send when a year is loaded.
 */
export class CreatePendingDeadlines1764600000000 implements MigrationInterface {
  name = 'CreatePendingDeadlines1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks_view ALTER COLUMN due_at DROP NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE pending_deadlines (
        task_id uuid PRIMARY KEY,
        year integer NOT NULL,
        workflow_id text NOT NULL,
        raised_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX pending_deadlines_year_idx ON pending_deadlines (year)`);
    await queryRunner.query(`
      CREATE TABLE calendar_wakeups (
        workflow_id text NOT NULL,
        year integer NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (workflow_id, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_wakeups`);
    await queryRunner.query(`DROP TABLE pending_deadlines`);
    await queryRunner.query(`ALTER TABLE tasks_view ALTER COLUMN due_at SET NOT NULL`);
  }
}
