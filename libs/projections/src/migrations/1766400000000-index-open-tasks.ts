import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox over thousands of open tasks (issue 24 §3, benchmark 14). The task's local due date becomes a
 * column of its own, derived from the document by PostgreSQL (the projection writes it nowhere else), and one
 * partial index holds the open tasks of each assignee in due order with every column the inbox's page and its
 * counts read: the first page reads its 20 rows in order instead of sorting all of them, and the counts are an
 * index-only scan instead of reading every task's document. The reviews addressed to a role (no assignee) get
 * their own, by organisation: in one index they would all share the assignee '' of every organisation.
 */
export class IndexOpenTasks1766400000000 implements MigrationInterface {
  name = 'IndexOpenTasks1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Text, not date: a cast to date depends on DateStyle, which a generated column may not. ISO dates sort as text.
    await queryRunner.query(
      `ALTER TABLE tasks_view ADD COLUMN due_local_date text GENERATED ALWAYS AS (view->>'dueLocalDate') STORED`,
    );
    await queryRunner.query(
      `CREATE INDEX tasks_view_open_idx ON tasks_view (assignee_id, due_at, task_id)
         INCLUDE (status, kind, organisation_id, assignee_role, due_local_date) WHERE status IN ('open', 'overdue')`,
    );
    await queryRunner.query(
      `CREATE INDEX tasks_view_open_role_idx ON tasks_view (organisation_id, assignee_role, due_at, task_id)
         INCLUDE (status, kind, due_local_date) WHERE assignee_id = '' AND status IN ('open', 'overdue')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX tasks_view_open_role_idx`);
    await queryRunner.query(`DROP INDEX tasks_view_open_idx`);
    await queryRunner.query(`ALTER TABLE tasks_view DROP COLUMN due_local_date`);
  }
}
