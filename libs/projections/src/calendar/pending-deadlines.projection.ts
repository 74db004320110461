import { workflowIdOfStream, type TaskEvent } from '@mentorflow/domain';
import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';
import { eventTypesOf, type Projection } from '../projection';

/**
 * Which workflow waits for which calendar year. Events arrive in commit order, so when a year's
 * `CalendarYearLoaded` is applied every deadline recorded as pending before it is already here: its
 * workflow gets a wake-up in the outbox, in the same transaction. A deadline recorded after the load
 * never waits: its workflow computes it again right after recording it.
 */
export const pendingDeadlinesProjection: Projection = {
  name: 'pending-deadlines',
  eventTypes: eventTypesOf<TaskEvent | { type: 'CalendarYearLoaded' }>().some(
    'TaskRaised',
    'TaskDeadlineSet',
    'TaskCompleted',
    'TaskCancelled',
    'CalendarYearLoaded',
  ),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      if (event.type === 'CalendarYearLoaded') {
        await tx.query(
          `INSERT INTO calendar_wakeups (workflow_id, year, created_at)
           SELECT DISTINCT workflow_id, year, $2::timestamptz FROM pending_deadlines WHERE year = $1
           ON CONFLICT (workflow_id, year) DO NOTHING`,
          [(event.data as { year: number }).year, event.recordedAt],
        );
        continue;
      }
      const task = event as unknown as TaskEvent;
      if (task.type === 'TaskRaised') {
        if (task.data.deadlinePendingYear === undefined || task.data.subject.type === 'calendar') continue;
        await tx.query(
          `INSERT INTO pending_deadlines (task_id, year, workflow_id, raised_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (task_id) DO NOTHING`,
          [task.data.taskId, task.data.deadlinePendingYear, workflowIdOfStream(event.streamId), task.data.raisedAt],
        );
      } else {
        await tx.query('DELETE FROM pending_deadlines WHERE task_id = $1', [task.data.taskId]);
      }
    }
  },

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query('TRUNCATE pending_deadlines, calendar_wakeups');
  },
};

/** Sends the wake-ups the outbox holds: each row is deleted once its workflow got the signal (or is gone). */
export async function dispatchCalendarWakeups(
  db: SqlExecutor,
  signal: (workflowId: string, year: number) => Promise<'sent' | 'gone'>,
  limit = 500,
): Promise<number> {
  const rows = await db.query<{ workflow_id: string; year: number }>(
    'SELECT workflow_id, year FROM calendar_wakeups ORDER BY created_at, workflow_id LIMIT $1',
    [limit],
  );
  for (const row of rows) {
    await signal(row.workflow_id, row.year);
    await db.query('DELETE FROM calendar_wakeups WHERE workflow_id = $1 AND year = $2', [row.workflow_id, row.year]);
  }
  return rows.length;
}
