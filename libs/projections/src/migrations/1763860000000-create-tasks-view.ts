import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTasksView1763860000000 implements MigrationInterface {
  name = 'CreateTasksView1763860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tasks_view (
        task_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        organisation_id uuid NOT NULL,
        assignee_id text NOT NULL,
        assignee_role text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        due_at timestamptz NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        view jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The inbox: one person's tasks by status, soonest due first.
    await queryRunner.query(`CREATE INDEX tasks_view_inbox_idx ON tasks_view (assignee_id, status, due_at)`);
    await queryRunner.query(`CREATE INDEX tasks_view_organisation_idx ON tasks_view (organisation_id, status, due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tasks_view`);
  }
}
