import { freshIds } from '../support/ids';
import { Client, WithStartWorkflowOperation, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { endOfLocalDay, localDateOf, startOfLocalDay, type ProductionCalendar } from '@mentorflow/calendar';
import {
  competenceAreas,
  routeStream,
  routeWorkflowId,
  type CreatedRoute,
  type RouteControlPoint,
  type RouteRoadMapRow,
  type TaskView,
} from '@mentorflow/domain';
import { EventStore, type RecordedEvent, type SqlExecutor } from '@mentorflow/event-store';
import { createRouteActivities } from '../../apps/worker/src/activities/route.activities';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { workerBundleOptions } from '../../apps/worker/src/workflows-path';
import { routeFor, routeStartOperation } from '../support/route-start';
import {
  agreeRoadMapUpdate,
  approveProposedRoadMapUpdate,
  completeRouteUpdate,
  confirmActivityDoneUpdate,
  correctRoadMapUpdate,
  markActivityDoneUpdate,
  proposeOwnRoadMapUpdate,
  recordControlDiagnosticsUpdate,
  recordDiagnosticsUpdate,
  recordPortfolioEntryUpdate,
  returnProposedRoadMapUpdate,
  routeCreatedUpdate,
  routeViewQuery,
  startReflectionUpdate,
  submitDraftUpdate,
  type RouteView,
} from '../../workflows/route/route.messages';
import { routeWorkflow } from '../../workflows/route/route.workflow';
import { completeTaskUpdate } from '../../workflows/shared/task.messages';
import { loadFixtureCalendarYears, yearsNeededFrom } from '../support/calendar-fixture';
import { captureHistory } from '../support/replay';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { courseRow, mathsTeacherTitlePage } from '../support/route-setup';
import { addDays, addYears } from '../support/dates';

const DAY = 86_400_000;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
/** The months after `from` up to and including `to`, as YYYY-MM. */
const monthsAfter = (from: string, to: string): string[] =>
  Array.from({ length: Math.max(0, monthIndex(to) - monthIndex(from)) }, (_, i) => monthOf(monthIndex(from) + i + 1));

const created = (view: RouteView): CreatedRoute => {
  if (view.state.status !== 'created') throw new Error('route not created');
  return view.state;
};

const refusalOf = async (promise: Promise<unknown>): Promise<{ code?: string; unmet?: { code: string }[] }> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('DomainRefusal');
  return ((cause as ApplicationFailure).details?.[0] ?? {}) as { code?: string; unmet?: { code: string }[] };
};

const activities = createRouteActivities({
  store: { readStream: async () => [] } as unknown as EventStore,
  db: { query: async () => [] } as unknown as SqlExecutor,
});

describe('route deadlines on the production calendar (the activities, fixed instants)', () => {
  it('draft due at the end of the 10th working day: 28 April 2026 → end of 14 May 2026 in Moscow, reminded at the end of 12 May', async () => {
    await expect(
      activities.routeDraftDeadline({ diagnosticsRecordedAt: '2026-04-28T10:00:00+03:00', timeZone: 'Europe/Moscow' }),
    ).resolves.toEqual({
      dueAt: '2026-05-14T21:00:00.000Z',
      dueLocalDate: '2026-05-14',
      remindAt: ['2026-05-12T21:00:00.000Z'],
    });
  });

  it('across New Year: Fri 26 Dec 2025 → Wed 21 Jan 2026 (31 Dec and 1–11 Jan are days off)', async () => {
    // 29, 30 Dec = 1, 2; 31 Dec is a transferred day off; 1–8 Jan holidays, 9 Jan transferred, 10–11 weekend;
    // 12–16 Jan = 3…7; 19, 20, 21 Jan = 8, 9, 10.
    await expect(
      activities.routeDraftDeadline({ diagnosticsRecordedAt: '2025-12-26T15:00:00+03:00', timeZone: 'Europe/Moscow' }),
    ).resolves.toEqual({
      dueAt: '2026-01-21T21:00:00.000Z',
      dueLocalDate: '2026-01-21',
      remindAt: ['2026-01-19T21:00:00.000Z'],
    });
  });

  it('across the May holidays in Vladivostok: results at 06:00 local on 1 May (30 April in UTC) → end of 18 May local', async () => {
    // From 2 May: 4–8 May = 1…5; 9–11 May off (11 May transferred from 9 May); 12–15 May = 6…9; 18 May = 10.
    await expect(
      activities.routeDraftDeadline({
        diagnosticsRecordedAt: '2026-04-30T20:00:00.000Z',
        timeZone: 'Asia/Vladivostok',
      }),
    ).resolves.toEqual({
      dueAt: '2026-05-18T14:00:00.000Z',
      dueLocalDate: '2026-05-18',
      remindAt: ['2026-05-14T14:00:00.000Z'],
    });
  });

  it('the same instant is a different day in Kaliningrad and Moscow, so the deadlines differ by a working day', async () => {
    const instant = '2026-04-28T21:30:00.000Z'; // 23:30 on 28 April in Kaliningrad, 00:30 on 29 April in Moscow
    await expect(
      activities.routeDraftDeadline({ diagnosticsRecordedAt: instant, timeZone: 'Europe/Kaliningrad' }),
    ).resolves.toMatchObject({
      dueAt: '2026-05-14T22:00:00.000Z',
      dueLocalDate: '2026-05-14',
    });
    await expect(
      activities.routeDraftDeadline({ diagnosticsRecordedAt: instant, timeZone: 'Europe/Moscow' }),
    ).resolves.toMatchObject({
      dueAt: '2026-05-15T21:00:00.000Z',
      dueLocalDate: '2026-05-15',
    });
  });

  it('leaves a deadline in a year the calendar lacks pending, naming the year, without guessing Mon–Fri', async () => {
    // Dec 22, 23, 24, 27, 28, 29, 30 count, Dec 31 2027 is off: the 8th working day needs 2028.
    const result = await activities.routeDraftDeadline({
      diagnosticsRecordedAt: '2027-12-21T10:00:00+03:00',
      timeZone: 'Europe/Moscow',
    });
    expect(result).toEqual({ pendingYear: 2028 });
  });

  it('schedules a monthly check per month: raised when the month begins, due at the end of its last day, one task id per month', async () => {
    const routeId = randomUUID();
    const december = await activities.routeMonthlyCheck({
      routeId,
      after: '2026-11-23T10:00:00.000Z',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(december).toMatchObject({
      month: '2026-12',
      startsAt: '2026-11-30T19:00:00.000Z',
      dueAt: '2026-12-31T19:00:00.000Z',
      dueLocalDate: '2026-12-31',
    });
    const again = await activities.routeMonthlyCheck({
      routeId,
      after: '2026-11-01T00:00:00.000Z',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(again.taskId).toBe(december.taskId);
    const afterLast = await activities.routeMonthlyCheck({
      routeId,
      after: '2026-11-23T10:00:00.000Z',
      lastMonth: '2028-01',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(afterLast).toMatchObject({ month: '2028-02', dueLocalDate: '2028-02-29' });
    expect(afterLast.taskId).not.toBe(december.taskId);
    expect(afterLast.taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('escalation due 2 working days after the day the draft became overdue (15 May → 18, 19 May); control diagnostics due at the end of the route', async () => {
    await expect(
      activities.routeDraftEscalation({
        organisationId: randomUUID(),
        overdueAt: '2026-05-14T21:00:00.000Z',
        timeZone: 'Europe/Moscow',
      }),
    ).resolves.toEqual({ dueAt: '2026-05-19T21:00:00.000Z', dueLocalDate: '2026-05-19' });
    await expect(
      activities.routeControlDiagnosticsDeadline({
        startedAt: '2030-03-02T06:00:00.000Z',
        endDate: '2030-05-03',
        timeZone: 'Europe/Samara',
      }),
    ).resolves.toEqual({ dueAt: '2030-05-03T20:00:00.000Z', dueLocalDate: '2030-05-03' });
  });
});

describe('route workflow on the time-skipping test server', () => {
  const taskQueue = `route-test-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const { meta, nowMs } = temporal;
  /** The calendar the worker counts on: the shipped years plus the fixture years loaded below. */
  let calendar: ProductionCalendar;

  beforeAll(async () => {
    // The server's clock starts at the wall clock and these tests move it on by about 15 months: every
    // year after the shipped data they can reach is loaded as a (non-official) fixture year, as an
    // administrator would load it, so no deadline depends on the day the tests run.
    calendar = await loadFixtureCalendarYears(temporal.store, yearsNeededFrom(new Date(await nowMs()), 2));
  });
  const [teacher, methodologist, tutor, curator] = freshIds(4);

  async function dates(timeZone: string) {
    const today = localDateOf(new Date(await nowMs()), timeZone);
    const titlePage = mathsTeacherTitlePage(today, addDays(addYears(today, 3), -1));
    const rows: RouteRoadMapRow[] = [
      courseRow(addDays(today, 180)),
      {
        rowId: 'row-2',
        competence: 'digitalisation',
        activity: 'Стажировка в цифровой школе',
        activityKind: 'internship',
        tasks: 'Перенять опыт',
        hours: 16,
        deadline: addDays(today, 300),
      },
    ];
    const controlPoints: RouteControlPoint[] = [
      { controlPointId: 'cp-1', date: addDays(today, 200), description: 'Курс пройден' },
    ];
    return { today, titlePage, rows, controlPoints };
  }

  async function startRoute(options: { timeZone: string; curatorId?: string; continueAsNewAfterEvents?: number }) {
    const routeId = randomUUID();
    const { titlePage, rows, controlPoints, today } = await dates(options.timeZone);
    const startWorkflowOperation = routeStartOperation(
      taskQueue,
      routeFor({ routeId, teacher, methodologist, tutor }, titlePage, {
        goal: 'Преодолеть дефициты в области ИКТ и цифровизации',
        tasks: ['Освоить цифровые сервисы', 'Разработать цифровой ресурс'],
      }),
      {
        timeZone: options.timeZone,
        ...(options.curatorId ? { curatorId: options.curatorId } : {}),
        ...(options.continueAsNewAfterEvents ? { continueAsNewAfterEvents: options.continueAsNewAfterEvents } : {}),
        metadata: await meta(tutor, 'tutor'),
      },
    );
    // As the API does: the start and the first update in one call, answered once RouteCreated is stored.
    const view = await temporal.env.client.workflow.executeUpdateWithStart(routeCreatedUpdate, {
      startWorkflowOperation,
    });
    const handle = await startWorkflowOperation.workflowHandle();
    return { routeId, handle, view, rows, controlPoints, today };
  }

  const results = competenceAreas.map((area, i) => ({
    area,
    percent: [85, 45, 81, 50, 80, 35, 29, 62.5, 40][i] ?? 50,
  }));

  async function recordDiagnostics(handle: WorkflowHandle<typeof routeWorkflow>, today: string) {
    const metadata = await meta(tutor, 'tutor');
    const view = await handle.executeUpdate(recordDiagnosticsUpdate, {
      args: [{ data: { diagnosticsId: randomUUID(), date: today, results }, metadata }],
    });
    const state = created(view);
    const draft = state.draft && state.tasks[state.draft.taskId];
    if (!draft?.dueAt) throw new Error('no draft task with a due date');
    return { draft: { ...draft, dueAt: draft.dueAt }, recordedAt: metadata.now, view };
  }

  async function toImplementation(route: Awaited<ReturnType<typeof startRoute>>) {
    await recordDiagnostics(route.handle, route.today);
    await route.handle.executeUpdate(submitDraftUpdate, {
      args: [{ data: { rows: route.rows }, metadata: await meta(methodologist, 'methodologist') }],
    });
    return route.handle.executeUpdate(agreeRoadMapUpdate, {
      args: [{ data: { controlPoints: route.controlPoints }, metadata: await meta(tutor, 'tutor') }],
    });
  }

  /** Every run of a workflow, latest first, each with its history: a continued run names the run it continues. */
  async function runChain(handle: WorkflowHandle): Promise<{ handle: WorkflowHandle; history: History }[]> {
    const runs: { handle: WorkflowHandle; history: History }[] = [];
    for (let runId: string | undefined = (await handle.describe()).runId; runId;) {
      const run: WorkflowHandle = temporal.env.client.workflow.getHandle(handle.workflowId, runId);
      const history: History = await run.fetchHistory();
      runs.push({ handle: run, history });
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    return runs;
  }

  const stream = (routeId: string) => temporal.store.readStream(routeStream(routeId));
  const tasksRaised = (events: RecordedEvent[], kind: string) =>
    // These routes run on loaded calendar years: every task they raise carries its due date.
    events
      .filter((e) => e.type === 'TaskRaised' && (e.data as { kind: string }).kind === kind)
      .map((e) => e.data as unknown as TaskView & { dueAt: string; dueLocalDate: string });
  const expectNoGaps = (events: RecordedEvent[]) =>
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));

  it('takes a route from creation to completion, every command an event in its stream', async () => {
    const timeZone = 'Europe/Moscow';
    const route = await startRoute({ timeZone });
    const { routeId, handle, rows, controlPoints, today } = route;
    expect(created(route.view)).toMatchObject({
      stage: 'diagnosticMotivational',
      goal: { goal: 'Преодолеть дефициты в области ИКТ и цифровизации' },
    });

    const { draft, recordedAt } = await recordDiagnostics(handle, today);
    // Due exactly when the production calendar says for the instant the results were recorded.
    const due = calendar.addWorkingDays(recordedAt, 10, timeZone);
    expect(draft).toMatchObject({
      kind: 'draftRoute',
      status: 'open',
      dueAt: due.dueAt,
      dueLocalDate: due.dueLocalDate,
      assignee: { personId: methodologist, role: 'methodologist' },
    });
    expect(draft.remindAt).toEqual([calendar.addWorkingDays(recordedAt, 8, timeZone).dueAt]);
    expect(draft.subject).toEqual({ type: 'route', id: routeId });

    await handle.executeUpdate(submitDraftUpdate, {
      args: [{ data: { rows }, metadata: await meta(methodologist, 'methodologist') }],
    });
    const agreed = await handle.executeUpdate(agreeRoadMapUpdate, {
      args: [{ data: { controlPoints }, metadata: await meta(tutor, 'tutor') }],
    });
    expect(created(agreed)).toMatchObject({
      stage: 'implementation',
      roadMap: { version: 1, origin: 'methodologistDraft' },
    });
    expect(created(agreed).tasks[draft.taskId]?.status).toBe('done');

    await handle.executeUpdate(recordPortfolioEntryUpdate, {
      args: [
        {
          data: {
            entryId: randomUUID(),
            rowId: 'row-1',
            product: 'Урок с цифровым тренажёром',
            selfAssessment: 'Получилось',
          },
          metadata: await meta(teacher, 'mentee'),
        },
      ],
    });
    await handle.executeUpdate(correctRoadMapUpdate, {
      args: [
        {
          data: {
            reason: 'Курс перенесён',
            rows: [{ ...rows[0], deadline: addDays(today, 240) } as RouteRoadMapRow, ...rows.slice(1)],
          },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    const reflecting = await handle.executeUpdate(startReflectionUpdate, {
      args: [{ data: {}, metadata: await meta(tutor, 'tutor') }],
    });
    const controlTask = Object.values(created(reflecting).tasks).find((t) => t.kind === 'controlDiagnostics');
    // At the end of the route's last day in the organisation's zone.
    expect(controlTask).toMatchObject({
      status: 'open',
      dueLocalDate: created(reflecting).titlePage.endDate,
      dueAt: endOfLocalDay(created(reflecting).titlePage.endDate, timeZone),
    });

    await handle.executeUpdate(recordControlDiagnosticsUpdate, {
      args: [
        {
          data: {
            diagnosticsId: randomUUID(),
            date: today,
            results: results.map((r) => ({ ...r, percent: Math.min(100, r.percent + 20) })),
          },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    await handle.executeUpdate(completeRouteUpdate, { args: [{ data: {}, metadata: await meta(tutor, 'tutor') }] });

    // A plain client: the test environment's own would unlock time skipping while waiting, and the server could
    // jump to the run's 10-year timeout before the workflow task that completes it is processed.
    const final = await new Client({
      connection: temporal.env.connection,
      namespace: temporal.env.namespace ?? 'default',
    }).workflow
      .getHandle<typeof routeWorkflow>(handle.workflowId)
      .result();
    expect(created(final)).toMatchObject({ stage: 'completed', draft: { onTime: true } });
    const events = await stream(routeId);
    expectNoGaps(events);
    expect(
      events
        .filter((e) => e.type !== 'TaskRaised' && e.type !== 'TaskCompleted' && e.type !== 'TaskCancelled')
        .map((e) => e.type),
    ).toEqual([
      'RouteCreated',
      'RouteGoalFixed',
      'DiagnosticsRecorded',
      'RouteStageChanged',
      'RouteDraftSubmitted',
      'RoadMapAgreed',
      'RouteStageChanged',
      'PortfolioEntryRecorded',
      'RoadMapCorrected',
      'RouteStageChanged',
      'ControlDiagnosticsRecorded',
      'RouteStageChanged',
      'RouteCompleted',
    ]);
    expect(events[0]?.metadata).toMatchObject({
      actorId: tutor,
      role: 'tutor',
      correlationId: routeWorkflowId(routeId),
    });

    await Worker.runReplayHistory(workerBundleOptions(), await handle.fetchHistory());
    await captureHistory('route-lifecycle', handle);
  });

  it('takes the teacher’s mark of an activity done and the tutor’s confirmation (003 §5.2), each an event', async () => {
    const route = await startRoute({ timeZone: 'Europe/Samara' });
    await toImplementation(route);
    const result = 'Удостоверение о повышении квалификации';
    const marked = await route.handle.executeUpdate(markActivityDoneUpdate, {
      args: [{ data: { rowId: 'row-1', doneOn: route.today, result }, metadata: await meta(teacher, 'teacher') }],
    });
    expect(created(marked).activityCompletions).toEqual([expect.objectContaining({ rowId: 'row-1', result })]);
    const confirmed = await route.handle.executeUpdate(confirmActivityDoneUpdate, {
      args: [{ data: { rowId: 'row-1' }, metadata: await meta(tutor, 'tutor') }],
    });
    expect(created(confirmed).activityCompletions?.[0]?.confirmedBy).toBe(tutor);
    const types = (await stream(route.routeId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['ActivityDoneMarked', 'ActivityDoneConfirmed']);
    await captureHistory('route-activity-done', route.handle);
  });

  it('returns the teacher’s own road map with the tutor’s comment; she proposes again and the tutor approves it', async () => {
    const route = await startRoute({ timeZone: 'Europe/Samara' });
    await recordDiagnostics(route.handle, route.today);
    const propose = async (rows: RouteRoadMapRow[]) =>
      route.handle.executeUpdate(proposeOwnRoadMapUpdate, {
        args: [{ data: { rows }, metadata: await meta(teacher, 'teacher') }],
      });
    await propose(route.rows);
    const comment = 'Добавьте стажировку по цифровизации';
    const returned = await route.handle.executeUpdate(returnProposedRoadMapUpdate, {
      args: [{ data: { comment }, metadata: await meta(tutor, 'tutor') }],
    });
    expect(created(returned).proposal).toBeUndefined();
    expect(created(returned).returnedProposal?.comment).toBe(comment);
    await propose(route.rows.slice(0, 1));
    const approved = await route.handle.executeUpdate(approveProposedRoadMapUpdate, {
      args: [{ data: { controlPoints: route.controlPoints }, metadata: await meta(tutor, 'tutor') }],
    });
    expect(created(approved).stage).toBe('implementation');
    const types = (await stream(route.routeId)).map((e) => e.type);
    expect(types.filter((t) => /RoadMap/.test(t))).toEqual([
      'RoadMapProposed',
      'ProposedRoadMapReturned',
      'RoadMapProposed',
      'RoadMapAgreed',
    ]);
    await captureHistory('route-proposal-returned', route.handle);
  });

  it('refuses what the domain refuses, storing nothing: a stranger, a task closed only by its command, an invalid route', async () => {
    const { routeId, handle, rows, today } = await startRoute({ timeZone: 'Europe/Samara' });
    const { draft } = await recordDiagnostics(handle, today);
    const before = (await stream(routeId)).length;

    const stranger = await refusalOf(
      handle.executeUpdate(submitDraftUpdate, {
        args: [{ data: { rows }, metadata: await meta(randomUUID(), 'methodologist') }],
      }),
    );
    expect(stranger.code).toBe('route.forbidden');
    const byHand = await refusalOf(
      handle.executeUpdate(completeTaskUpdate, {
        args: [
          { data: { taskId: draft.taskId, result: 'готово' }, metadata: await meta(methodologist, 'methodologist') },
        ],
      }),
    );
    expect(byHand.code).toBe('route.task.completedByCommand');
    const emptyRows = await refusalOf(
      handle.executeUpdate(submitDraftUpdate, {
        args: [{ data: { rows: [] }, metadata: await meta(methodologist, 'methodologist') }],
      }),
    );
    expect(emptyRows).toMatchObject({ code: 'route.roadMap.invalid', unmet: [{ code: 'roadMap.rows.empty' }] });
    expect(await stream(routeId)).toHaveLength(before);

    const invalidId = randomUUID();
    const invalid = new WithStartWorkflowOperation(routeWorkflow, {
      taskQueue,
      workflowId: routeWorkflowId(invalidId),
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          route: {
            routeId: invalidId,
            code: '63-0001-2026-999999',
            organisationId: randomUUID(),
            teacherId: tutor,
            methodologistId: methodologist,
            tutorId: tutor,
            // Ends before it starts (a period of any length is the teacher's, 003 §3.1; an inverted one is not).
            titlePage: {
              ...(await dates('Europe/Samara')).titlePage,
              endDate: new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
            },
          },
          timeZone: 'Europe/Samara',
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    const refusal = await refusalOf(
      temporal.env.client.workflow.executeUpdateWithStart(routeCreatedUpdate, { startWorkflowOperation: invalid }),
    );
    expect(refusal.code).toBe('route.invalid');
    expect(refusal.unmet?.map((u) => u.code)).toEqual(['route.teacher.isSupervisor', 'titlePage.period.invalid']);
    expect(await stream(invalidId)).toEqual([]);
  });

  it('reminds the methodologist, then records the overdue draft and escalates to the tutor and the curator; the draft stays open and overdue', async () => {
    const timeZone = 'Europe/Moscow';
    // Forced to continue as new once the draft is awaited: the next run restarts the draft's timers from its state.
    const { routeId, handle, rows, today } = await startRoute({
      timeZone,
      curatorId: curator,
      continueAsNewAfterEvents: 20,
    });
    const firstRunId = (await handle.describe()).runId;
    const { draft } = await recordDiagnostics(handle, today);
    const [remindAt] = draft.remindAt;
    if (!remindAt) throw new Error('no reminder');
    const firstRun = await temporal.env.client.workflow.getHandle(handle.workflowId, firstRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    expect(firstRun.closeTime?.getTime()).toBeLessThan(Date.parse(remindAt));

    await temporal.env.sleep(Date.parse(remindAt) - (await nowMs()) + 60_000);
    const reminded = await stream(routeId);
    const reminder = reminded.find((e) => e.type === 'TaskReminded')?.data as
      { taskId: string; remindedAt: string; assignee: { personId: string } } | undefined;
    expect(reminder).toMatchObject({ taskId: draft.taskId, assignee: { personId: methodologist } });
    // Recorded when the timer fired: at the reminder instant, give or take the workflow task's latency.
    expect(Date.parse(reminder?.remindedAt ?? '') - Date.parse(remindAt)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(reminder?.remindedAt ?? '') - Date.parse(remindAt)).toBeLessThan(5_000);
    expect(reminded.map((e) => e.type)).not.toContain('TaskOverdue');

    await temporal.env.sleep(Date.parse(draft.dueAt) - (await nowMs()) + 60_000);
    const events = await stream(routeId);
    const overdue = events.find((e) => e.type === 'TaskOverdue')?.data as
      { taskId: string; overdueAt: string } | undefined;
    expect(overdue?.taskId).toBe(draft.taskId);
    expect(events.find((e) => e.type === 'TaskOverdue')?.metadata).toMatchObject({ actorId: 'system', role: 'system' });
    expect(Date.parse(overdue?.overdueAt ?? '') - Date.parse(draft.dueAt)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(overdue?.overdueAt ?? '') - Date.parse(draft.dueAt)).toBeLessThan(5_000);
    expect(events.find((e) => e.type === 'TaskEscalated')?.data).toMatchObject({
      taskId: draft.taskId,
      escalatedTo: [
        { personId: tutor, role: 'tutor' },
        { personId: curator, role: 'curator' },
      ],
    });
    const escalationDue = calendar.addWorkingDays(draft.dueAt, 2, timeZone);
    const escalations = tasksRaised(events, 'draftOverdueEscalation');
    expect(escalations.map((t) => t.assignee)).toEqual([
      { personId: tutor, role: 'tutor' },
      { personId: curator, role: 'curator' },
    ]);
    expect(
      escalations.every((t) => t.dueAt === escalationDue.dueAt && t.dueLocalDate === escalationDue.dueLocalDate),
    ).toBe(true);
    const state = created(await handle.query(routeViewQuery));
    expect(state.draft).toMatchObject({ taskId: draft.taskId, overdue: true });
    expect(state.tasks[draft.taskId]?.status).toBe('overdue');

    // Still the methodologist's to submit: late, and the escalations close with it.
    const submitted = created(
      await handle.executeUpdate(submitDraftUpdate, {
        args: [{ data: { rows }, metadata: await meta(methodologist, 'methodologist') }],
      }),
    );
    expect(submitted.draft).toMatchObject({ onTime: false });
    expect(submitted.tasks[draft.taskId]?.status).toBe('done');
    expect(escalations.map((t) => submitted.tasks[t.taskId]?.status)).toEqual(['cancelled', 'cancelled']);
    expectNoGaps(await stream(routeId));
    // The run whose timers recorded the overdue goes to the replay corpus; later runs hold only what followed.
    const runs = await runChain(handle);
    const overdueRun = runs.find(({ history }) =>
      history.events?.some(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'routeDraftEscalation',
      ),
    );
    expect(overdueRun).toBeDefined();
    if (overdueRun) await captureHistory('route-draft-overdue', overdueRun.handle);
  });

  describe('a year of implementation', () => {
    const timeZone = 'Asia/Yekaterinburg';
    let monthly: Awaited<ReturnType<typeof startRoute>>;
    let continued: Awaited<ReturnType<typeof startRoute>>;
    let firstRunId: string;
    let enteredAt: string;

    beforeAll(async () => {
      // Both routes reach implementation (their draft deadlines counted) before the clock moves a year on.
      monthly = await startRoute({ timeZone });
      // Small enough to continue as new while the route is still being designed, then again every few months.
      continued = await startRoute({ timeZone, continueAsNewAfterEvents: 40 });
      firstRunId = (await continued.handle.describe()).runId;
      enteredAt = created(await toImplementation(monthly)).stageEnteredAt;
      await toImplementation(continued);
      // A year on, and at least into the 12th month after the one the road map was agreed in: 365 days end
      // a day short of it when the road map was agreed on the 1st and the year spans 29 February.
      const twelfthMonth = monthOf(monthIndex(localDateOf(enteredAt, timeZone).slice(0, 7)) + 12);
      const twelfthMonthBegun = Date.parse(startOfLocalDay(`${twelfthMonth}-01`, timeZone)) + 60 * 60_000;
      await temporal.env.sleep(Math.max(365 * DAY, twelfthMonthBegun - (await nowMs())));
    });

    it('raises a control-point check for the tutor at the start of each month, due at the end of its last day: 12 in 12 months', async () => {
      const checks = tasksRaised(await stream(monthly.routeId), 'monthlyControlPointCheck');
      expect(checks).toHaveLength(12);
      // The first full month after the road map was agreed, then every month.
      const enteredMonth = localDateOf(enteredAt, timeZone).slice(0, 7);
      expect(checks.map((t) => t.dueLocalDate.slice(0, 7))).toEqual(
        monthsAfter(enteredMonth, checks.at(-1)?.dueLocalDate.slice(0, 7) ?? ''),
      );
      for (const check of checks) {
        const [year, month] = check.dueLocalDate.split('-').map(Number) as [number, number];
        const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
        expect(check).toMatchObject({
          dueLocalDate: lastDay,
          dueAt: endOfLocalDay(lastDay, timeZone),
          assignee: { personId: tutor, role: 'tutor' },
        });
        // Raised when its month began in Yekaterinburg.
        expect(localDateOf(check.raisedAt, timeZone)).toBe(`${check.dueLocalDate.slice(0, 7)}-01`);
      }

      // The tutor closes one through the task inbox's update; leaving implementation stops the checks.
      const [first] = checks;
      const done = await monthly.handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            data: { taskId: first?.taskId ?? '', result: 'Контрольные точки пройдены' },
            metadata: await meta(tutor, 'tutor'),
          },
        ],
      });
      expect(done).toEqual({ taskId: first?.taskId, status: 'done' });
      await monthly.handle.executeUpdate(startReflectionUpdate, {
        args: [{ data: {}, metadata: await meta(tutor, 'tutor') }],
      });
      await temporal.env.sleep(62 * DAY);
      expect(tasksRaised(await stream(monthly.routeId), 'monthlyControlPointCheck')).toHaveLength(12);
      expectNoGaps(await stream(monthly.routeId));
      await captureHistory('route-monthly-checks', monthly.handle);
    });

    it('continues as new with its state: the continued run answers queries, accepts commands and keeps the monthly checks going', async () => {
      const { routeId, handle } = continued;
      const first = temporal.env.client.workflow.getHandle(handle.workflowId, firstRunId);
      expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
      expect((await handle.describe()).runId).not.toBe(firstRunId);

      const before = await stream(routeId);
      const view = await handle.query(routeViewQuery);
      expect(view.version).toBe(before.length);
      expect(created(view)).toMatchObject({
        stage: 'implementation',
        roadMap: { version: 1 },
        goal: { goal: 'Преодолеть дефициты в области ИКТ и цифровизации' },
      });
      // Each month once, across every run.
      const checks = tasksRaised(before, 'monthlyControlPointCheck');
      const enteredMonth = localDateOf(created(view).stageEnteredAt, timeZone).slice(0, 7);
      const currentMonth = localDateOf(new Date(await nowMs()), timeZone).slice(0, 7);
      expect(checks.map((t) => t.dueLocalDate.slice(0, 7))).toEqual(monthsAfter(enteredMonth, currentMonth));
      expect(checks.length).toBeGreaterThanOrEqual(12);
      expect(created(view).monthlyCheckTaskIds).toEqual(checks.map((t) => t.taskId));

      const after = await handle.executeUpdate(recordPortfolioEntryUpdate, {
        args: [
          {
            data: { entryId: randomUUID(), product: 'Методическая разработка', selfAssessment: 'Полезно' },
            metadata: await meta(teacher, 'mentee'),
          },
        ],
      });
      expect(created(after).portfolio).toHaveLength(1);
      const events = await stream(routeId);
      expectNoGaps(events);
      expect(events.at(-1)?.type).toBe('PortfolioEntryRecorded');
      expect(after.version).toBe(events.length);

      await captureHistory('route-continued-as-new', handle);
      await captureHistory('route-continued-as-new-first-run', first);
    });
  });
});
