import { evolveTask, taskEventTypes, type TaskEvent, type TaskView } from '@mentorflow/domain';
import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';
import type { Projection } from '../projection';

/** Every person's inbox: the tasks of all programmes, pairs and routes, gathered from their streams. */
export const tasksProjection: Projection = {
  name: 'tasks',
  eventTypes: new Set<string>(taskEventTypes),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      const taskEvent = event as unknown as TaskEvent;
      const [row] = await tx.query<{ view: TaskView }>('SELECT view FROM tasks_view WHERE task_id = $1 FOR UPDATE', [taskEvent.data.taskId]);
      const view = evolveTask(row?.view, taskEvent);
      if (!view) continue;
      await tx.query(
        `INSERT INTO tasks_view (task_id, stream_id, organisation_id, assignee_id, assignee_role, kind, status, due_at, subject_type, subject_id, view, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (task_id) DO UPDATE SET assignee_id = excluded.assignee_id, assignee_role = excluded.assignee_role,
           status = excluded.status, due_at = excluded.due_at, view = excluded.view, updated_at = excluded.updated_at`,
        [
          view.taskId,
          event.streamId,
          view.organisationId,
          view.assignee.personId,
          view.assignee.role,
          view.kind,
          view.status,
          view.dueAt,
          view.subject.type,
          view.subject.id,
          JSON.stringify(view),
          event.recordedAt,
        ],
      );
    }
  },

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query('TRUNCATE tasks_view');
  },
};
