import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';
import type { TaskEvent, TaskView } from '@mentorflow/domain';
import { eventTypesOf, type Projection } from '../projection';

/**
 * Reminders, overdue marks and escalations become notifications: the projector enqueues them in the
 * transaction that moves its checkpoint, and the dispatcher hands them to the configured sender.
 */
export const notificationOutboxProjection: Projection = {
  name: 'notification-outbox',
  eventTypes: eventTypesOf<TaskEvent>().some('TaskReminded', 'TaskOverdue', 'TaskEscalated'),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      const taskId = (event.data as { taskId: string }).taskId;
      const [row] = await tx.query<{ view: TaskView }>('SELECT view FROM tasks_view WHERE task_id = $1', [taskId]);
      const task = row?.view;
      // The tasks read model has not caught up with this event yet: fail the batch, the next tick retries it.
      if (!task) throw new Error(`Task ${taskId} is not in tasks_view yet`);
      const recipients =
        event.type === 'TaskEscalated'
          ? (event.data as { escalatedTo: TaskView['assignee'][] }).escalatedTo
          : [task.assignee];
      const subject =
        event.type === 'TaskReminded'
          ? `Напоминание: ${task.title}`
          : event.type === 'TaskOverdue'
            ? `Просрочено: ${task.title}`
            : `Эскалация: ${task.title}`;
      for (const [i, recipient] of recipients.entries()) {
        await tx.query(
          `INSERT INTO notification_outbox (notification_id, kind, recipient_id, recipient_role, task_id, subject, body, created_at)
           VALUES (md5($1)::uuid, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (notification_id) DO NOTHING`,
          [
            `${event.eventId}:${i}`,
            event.type,
            recipient.personId,
            recipient.role,
            taskId,
            subject,
            `Срок: ${task.dueLocalDate}`,
            event.recordedAt,
          ],
        );
      }
    }
  },

  // Already-sent notifications stay as they are: a rebuild must not send them again.
  async reset(): Promise<void> {},
};
