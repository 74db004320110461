import {
  evolveTask,
  isTaskEvent,
  organisationDecider,
  organisationStream,
  type TaskEvent,
  type TaskView,
} from '@mentorflow/domain';
import { EventStore, loadAggregate, type RecordedEvent, type SqlExecutor } from '@mentorflow/event-store';
import { loadProductionCalendar } from '../calendar/production-calendar.source';
import { eventTypesOf, everyTaskEvent, type Projection } from '../projection';
import { applyReviewChanges, reviewEventTypes, type OrganisationClock } from './review-tasks';

/** Rows per INSERT: 12 parameters each stays far below PostgreSQL's 65,535. */
const rowsPerStatement = 1000;

/** The organisations' calendars a batch needs, each read once from the store in the batch's transaction. */
const organisationClock = (tx: SqlExecutor): OrganisationClock => {
  const store = new EventStore(tx);
  const clocks = new Map<string, ReturnType<OrganisationClock>>();
  return (organisationId) => {
    const known = clocks.get(organisationId);
    if (known !== undefined) return known;
    const clock = loadAggregate(store, organisationStream(organisationId), organisationDecider).then(
      async ({ state }) => ({
        calendar: await loadProductionCalendar(store, {
          region: state.status === 'registered' ? state.region : undefined,
        }),
        timeZone: state.status === 'registered' ? state.timeZone : 'Europe/Moscow',
      }),
    );
    clocks.set(organisationId, clock);
    return clock;
  };
};

/**
 * Every person's inbox: the tasks of all programmes, pairs and routes, gathered from their streams; and the
 * commission head's reviews, derived from the decisions their streams await (review-tasks.ts).
 */
export const tasksProjection: Projection = {
  name: 'tasks',
  eventTypes: new Set([...eventTypesOf<TaskEvent>().every(everyTaskEvent), ...reviewEventTypes]),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    await applyTaskEvents(
      events.filter((event) => isTaskEvent(event)),
      tx,
    );
    await applyReviewChanges(
      events.filter((event) => !isTaskEvent(event)),
      tx,
      organisationClock(tx),
    );
  },

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query('TRUNCATE tasks_view');
  },
};

async function applyTaskEvents(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
  const byTask = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    // As tasks_view's uuid column prints it, so the stored row is found again.
    const taskId = (event as unknown as TaskEvent).data.taskId.toLowerCase();
    byTask.set(taskId, [...(byTask.get(taskId) ?? []), event]);
  }
  if (byTask.size === 0) return;
  // One read and one write for the whole batch, as the folded projections do, not two queries per event.
  const stored = await tx.query<{ task_id: string; view: TaskView }>(
    'SELECT task_id::text AS task_id, view FROM tasks_view WHERE task_id = ANY($1) FOR UPDATE',
    [[...byTask.keys()]],
  );
  const views = new Map(stored.map((r) => [r.task_id, r.view]));
  const rows: unknown[][] = [];
  for (const [taskId, taskEvents] of byTask) {
    let view = views.get(taskId);
    // The columns an update leaves alone come from the view that first inserted the row.
    let first: { view: TaskView; streamId: string } | undefined;
    let last: RecordedEvent | undefined;
    for (const event of taskEvents) {
      // An event the fold cannot apply (its task never raised) leaves the task as it was.
      const next = evolveTask(view, event as unknown as TaskEvent);
      if (!next) continue;
      view = next;
      first ??= { view: next, streamId: event.streamId };
      last = event;
    }
    if (!view || !first || !last) continue;
    rows.push([
      view.taskId,
      first.streamId,
      first.view.organisationId,
      view.assignee.personId,
      view.assignee.role,
      first.view.kind,
      view.status,
      view.dueAt,
      first.view.subject.type,
      first.view.subject.id,
      JSON.stringify(view),
      last.recordedAt,
    ]);
  }
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const values: unknown[] = [];
    const tuples = rows
      .slice(i, i + rowsPerStatement)
      .map((row) => `(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
    await tx.query(
      `INSERT INTO tasks_view (task_id, stream_id, organisation_id, assignee_id, assignee_role, kind, status, due_at, subject_type, subject_id, view, updated_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (task_id) DO UPDATE SET assignee_id = excluded.assignee_id, assignee_role = excluded.assignee_role,
         status = excluded.status, due_at = excluded.due_at, view = excluded.view, updated_at = excluded.updated_at`,
      values,
    );
  }
}
