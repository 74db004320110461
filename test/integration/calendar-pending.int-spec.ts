import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  competenceAreas,
  productionCalendarStream,
  routeStream,
  type CreatedRoute,
  type TaskView,
} from '@mentorflow/domain';
import { EventStore, type RecordedEvent } from '@mentorflow/event-store';
import {
  appendCalendarYear,
  dispatchCalendarWakeups,
  loadProductionCalendar,
  pendingDeadlinesProjection,
  Projector,
} from '@mentorflow/projections';
import { signalCalendarYearLoaded } from '../../apps/worker/src/calendar-wakeup.dispatcher';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { workerBundleOptions } from '../../apps/worker/src/workflows-path';
import {
  recordDiagnosticsUpdate,
  routeCreatedUpdate,
  routeViewQuery,
  type RouteView,
} from '../../workflows/route/route.messages';
import { fixtureCalendarYear } from '../support/calendar-fixture';
import { openTestDataSource } from '../support/database';
import { eventually } from '../support/poll';
import { routeStartOperation } from '../support/route-start';
import { timeSkippingServerPath } from '../support/scripts';

/**
 * Issue 17 §3: a deadline in a year the calendar lacks never refuses the tutor. The test finds such a
 * year itself (the first one neither shipped nor loaded, from the server's clock on), so it holds on any
 * date; the year is then loaded as a clearly named fixture, as an administrator would load it.
 */
const taskQueue = `calendar-pending-${randomUUID()}`;
const timeZone = 'Asia/Yekaterinburg';
const tutor = randomUUID();
const methodologist = randomUUID();
const administrators = [`admin-${randomUUID()}`, `admin-${randomUUID()}`];

const created = (view: RouteView): CreatedRoute => {
  if (view.state.status !== 'created') throw new Error('route not created');
  return view.state;
};
const draftOf = (view: RouteView): TaskView => {
  const state = created(view);
  const task = state.draft && state.tasks[state.draft.taskId];
  if (!task) throw new Error('no draft task');
  return task;
};

describe('a deadline in a year without calendar data (pending, then computed when the year is loaded)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let store: EventStore;
  let worker: Worker;
  let running: Promise<void>;

  const startWorker = async () => {
    // No workflow cache, so no sticky queue: the restarted worker picks every workflow up from its history
    // (the Java test server does not hand a sticky workflow task back to the normal queue).
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      maxCachedWorkflows: 0,
      ...workerBundleOptions(),
      activities: activitiesFrom({ store, db: dataSource }),
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker.shutdown();
    await running;
  };
  const nowMs = async () => Number(await env.currentTimeMs());
  const meta = async (actorId: string, role: 'tutor' | 'administrator') => ({
    actorId,
    role,
    now: new Date(await nowMs()).toISOString(),
  });

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
    for (const subject of administrators) {
      const userId = randomUUID();
      await dataSource.query('INSERT INTO users (user_id, subject, full_name) VALUES ($1, $2, $3)', [
        userId,
        subject,
        'Администратор системы',
      ]);
      await dataSource.query(
        `INSERT INTO role_assignments (assignment_id, user_id, role) VALUES ($1, $2, 'administrator')`,
        [randomUUID(), userId],
      );
    }
    await startWorker();
  });

  afterAll(async () => {
    await stopWorker();
    await dataSource?.destroy();
    await env?.teardown();
  });

  async function startRoute() {
    const routeId = randomUUID();
    const today = localDateOf(new Date(await nowMs()), timeZone);
    const startWorkflowOperation = routeStartOperation(
      taskQueue,
      {
        routeId,
        teacherId: randomUUID(),
        methodologistId: methodologist,
        tutorId: tutor,
        titlePage: {
          position: 'Учитель истории',
          education: 'Высшее',
          teachingExperienceYears: 3,
          selfEducationTopic: 'Проектная деятельность',
          startDate: today,
          endDate: `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`,
        },
        goal: 'Преодолеть дефициты',
        tasks: ['Освоить проектную методику'],
      },
      { timeZone, metadata: await meta(tutor, 'tutor') },
    );
    await env.client.workflow.executeUpdateWithStart(routeCreatedUpdate, { startWorkflowOperation });
    return startWorkflowOperation.workflowHandle();
  }

  /** The draft once its workflow has set the deadline (it reacts to the signal asynchronously). */
  async function settledDraft(handle: Awaited<ReturnType<typeof startRoute>>): Promise<TaskView> {
    return eventually(
      async () => draftOf(await handle.query(routeViewQuery)),
      (draft) => draft.dueAt !== undefined,
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  }

  const results = competenceAreas.map((area, i) => ({ area, percent: 40 + i }));
  const calendarEvents = async (): Promise<RecordedEvent[]> => store.readStream(productionCalendarStream);
  const loadTasksOf = (events: RecordedEvent[], year: number) =>
    events.filter(
      (e) =>
        e.type === 'TaskRaised' &&
        (e.data as { title: string }).title === `Загрузить производственный календарь на ${year} год`,
    );

  it('accepts the diagnostics, raises one task per administrator, and after a worker restart and the year loaded the draft gets its due date and its timers', async () => {
    // The first year the calendar lacks from the server's clock on; the diagnostics come on 24 December before it.
    const known = await loadProductionCalendar(store);
    const nowYear = new Date(await nowMs()).getUTCFullYear();
    let year = nowYear;
    while (known.hasYear(year)) year += 1;
    const trigger = Math.max(await nowMs(), Date.parse(`${year - 1}-12-24T10:00:00+05:00`));
    if (trigger > (await nowMs())) await env.sleep(trigger - (await nowMs()));

    const first = await startRoute();
    const second = await startRoute();
    const recordedAt = (await meta(tutor, 'tutor')).now;
    const view = await first.executeUpdate(recordDiagnosticsUpdate, {
      args: [
        {
          data: { diagnosticsId: randomUUID(), date: recordedAt.slice(0, 10), results },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    await second.executeUpdate(recordDiagnosticsUpdate, {
      args: [
        {
          data: { diagnosticsId: randomUUID(), date: recordedAt.slice(0, 10), results },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });

    // Accepted and recorded as usual: the route is in design, the methodologist's task waits for the year.
    expect(created(view).stage).toBe('design');
    const pending = draftOf(view);
    expect(pending).toMatchObject({
      status: 'open',
      deadlinePendingYear: year,
      remindAt: [],
      assignee: { personId: methodologist },
    });
    expect(pending.dueAt).toBeUndefined();
    // The title outlives the pending state, so it names no deadline; the task's deadlinePendingYear says why it has none.
    expect(pending.title).toMatch(/по результатам входной диагностики \(10 рабочих дней\)$/);

    // One task per administrator, however many deadlines wait.
    const raised = loadTasksOf(await calendarEvents(), year).filter((e) =>
      administrators.includes((e.data as { assignee: { personId: string } }).assignee.personId),
    );
    expect(raised.map((e) => (e.data as { assignee: { personId: string } }).assignee.personId).sort()).toEqual(
      [...administrators].sort(),
    );

    // Nothing is lost if the worker restarts between the command and the year's loading.
    await stopWorker();
    await startWorker();

    const fixture = fixtureCalendarYear(year);
    expect(
      await appendCalendarYear(store, fixture, administrators[0] ?? '', new Date(await nowMs()).toISOString()),
    ).toBe('loaded');
    const calendar = await loadProductionCalendar(store);
    const due = calendar.addWorkingDays(pending.raisedAt, 10, timeZone);
    const remind = calendar.addWorkingDays(pending.raisedAt, 8, timeZone);

    // The projector finds the waiting workflows; the worker's dispatcher signals each of them once.
    await new Projector(dataSource).catchUp(pendingDeadlinesProjection);
    const signalled: string[] = [];
    const signal = signalCalendarYearLoaded(env.client);
    await dispatchCalendarWakeups(dataSource, async (workflowId, loaded) => {
      signalled.push(workflowId);
      return signal(workflowId, loaded);
    });
    expect(signalled).toEqual(expect.arrayContaining([first.workflowId, second.workflowId]));

    const settled = await settledDraft(first);
    expect(settled).toMatchObject({
      dueAt: due.dueAt,
      dueLocalDate: due.dueLocalDate,
      remindAt: [remind.dueAt],
      status: 'open',
    });
    expect(settled?.deadlinePendingYear).toBeUndefined();
    expect((await settledDraft(second)).dueLocalDate).toBe(due.dueLocalDate);

    // The administrators' tasks were completed by the loading itself.
    const afterLoad = await calendarEvents();
    const completed = afterLoad
      .filter((e) => e.type === 'TaskCompleted')
      .map((e) => (e.data as { taskId: string }).taskId);
    expect(completed).toEqual(expect.arrayContaining(raised.map((e) => (e.data as { taskId: string }).taskId)));

    // Its timers run: the reminder fires at the end of the 8th working day, the overdue mark at the due instant.
    await env.sleep(Date.parse(due.dueAt) - (await nowMs()) + 60_000);
    const stream = await store.readStream(routeStream(created(view).routeId));
    expect(stream.filter((e) => e.type === 'TaskReminded').map((e) => (e.data as { taskId: string }).taskId)).toContain(
      pending.taskId,
    );
    expect(stream.filter((e) => e.type === 'TaskOverdue').map((e) => (e.data as { taskId: string }).taskId)).toContain(
      pending.taskId,
    );
    expect(stream.filter((e) => e.type === 'TaskDeadlineSet')).toHaveLength(1);

    // Loading the same year again changes nothing.
    expect(
      await appendCalendarYear(store, fixture, administrators[1] ?? '', new Date(await nowMs()).toISOString()),
    ).toBe('unchanged');
    expect(await calendarEvents()).toHaveLength(afterLoad.length);
  });
});
