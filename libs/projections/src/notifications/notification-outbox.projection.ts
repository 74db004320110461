import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';
import type { TaskAssignee, TaskEvent, TaskView } from '@mentorflow/domain';
import { eventTypesOf, type Projection } from '../projection';
import { anyHolderOfRole } from '../tasks/review-tasks';
import { notificationSubject, type NotificationKind } from './notification-templates';
import { enqueueWebhookDelivery } from './webhook-notification-sender';

/** Who hears of an event: the assignee of a new or reminded task, the new one of a passed task, the supervisors of an escalation. */
const recipientsOf = (event: RecordedEvent, task: TaskView): readonly TaskAssignee[] => {
  switch (event.type as NotificationKind) {
    case 'TaskEscalated':
      return (event.data as { escalatedTo: TaskAssignee[] }).escalatedTo;
    case 'TaskReassigned':
      return [(event.data as { to: TaskAssignee }).to];
    case 'TaskRaised':
      return [(event.data as { assignee: TaskAssignee }).assignee];
    default:
      return [task.assignee];
  }
};

/**
 * New tasks, reassignments, reminders, overdue marks and escalations become notifications: the projector
 * enqueues them in the transaction that moves its checkpoint, and the dispatcher hands them to the
 * configured sender. The row holds ids and the subject line only: names and addresses are looked up
 * when the message is sent, so the outbox keeps no personal data.
 */
export const notificationOutboxProjection: Projection = {
  name: 'notification-outbox',
  eventTypes: eventTypesOf<TaskEvent>().some(
    'TaskRaised',
    'TaskReassigned',
    'TaskReminded',
    'TaskOverdue',
    'TaskEscalated',
  ),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      const taskId = (event.data as { taskId: string }).taskId;
      const [row] = await tx.query<{ view: TaskView }>('SELECT view FROM tasks_view WHERE task_id = $1', [taskId]);
      const task = row?.view;
      // The tasks read model has not caught up with this event yet: fail the batch, the next tick retries it.
      if (!task) throw new Error(`Task ${taskId} is not in tasks_view yet`);
      // Done or cancelled by the time the projector sees the event (a catch-up, a rebuild): nothing to tell.
      if (task.status === 'done' || task.status === 'cancelled') continue;
      const subject = notificationSubject(event.type as NotificationKind, task.title);
      for (const [i, recipient] of recipientsOf(event, task).entries()) {
        // A review addressed to a role names no person: there is nobody to write to.
        if (recipient.personId === anyHolderOfRole) continue;
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
            `Срок: ${task.dueLocalDate ?? '—'}`,
            event.recordedAt,
          ],
        );
        await enqueueWebhookDelivery(tx, `${event.eventId}:${i}`, task.organisationId);
      }
    }
  },

  // Already-sent notifications stay as they are: a rebuild must not send them again.
  async reset(): Promise<void> {},
};
