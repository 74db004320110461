import { historyLimit } from '../shared/history-limit';
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import {
  isTaskActive,
  nextDiagnosticsDateOf,
  routeDecider,
  validateDiagnosticsRequest,
  type CreatedRoute,
  type RouteCommand,
  type TaskView,
  routeStream,
} from '../../libs/domain/src';
import { isPendingDeadline, type PendingDeadline, type RouteActivities, type RouteDeadline } from '../activities';
import { AggregateRunner } from '../shared/aggregate-runner';
import { calendarWakeups } from '../shared/calendar-wakeup';
import { commandUpdates } from '../shared/command-updates';
import { systemMetadata } from '../shared/envelope';
import { timerUntil, Timers } from '../shared/timers';
import { completeTaskUpdate, reassignTaskUpdate } from '../shared/task.messages';
import {
  agreeReflectionUpdate,
  agreeRoadMapUpdate,
  approveProposedRoadMapUpdate,
  completeRouteUpdate,
  correctRoadMapUpdate,
  enterDeficitLevelsUpdate,
  fixGoalUpdate,
  proposeOwnRoadMapUpdate,
  returnProposedRoadMapUpdate,
  recordControlDiagnosticsUpdate,
  recordControlPointCheckUpdate,
  recordDesiredImageUpdate,
  recordDiagnosticsUpdate,
  recordPortfolioEntryUpdate,
  markActivityDoneUpdate,
  confirmActivityDoneUpdate,
  recordReflectionUpdate,
  recordRepeatedDiagnosticsUpdate,
  routeCreatedUpdate,
  routeViewQuery,
  startReflectionUpdate,
  submitDraftUpdate,
  type RouteView,
  type RouteWorkflowInput,
} from './route.messages';

const { routeDraftDeadline, routeMonthlyCheck, routeControlDiagnosticsDeadline, routeRepeatedDiagnostics } =
  proxyActivities<RouteActivities>({
    startToCloseTimeout: '10 seconds',
    retry: { maximumInterval: '30 seconds' },
  });

// A year missing from the production calendar no longer fails it (the deadline is pending): an outage of
// the store is what this retries through, however long.
const { routeDraftEscalation } = proxyActivities<RouteActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '1 hour' },
});

/** A task's schedule as the decider takes it: the computed deadline, or the year it waits for. */
const scheduleOf = (deadline: RouteDeadline | PendingDeadline) =>
  isPendingDeadline(deadline)
    ? { deadlinePendingYear: deadline.pendingYear }
    : { dueAt: deadline.dueAt, dueLocalDate: deadline.dueLocalDate };

/** An activity's refusal (e.g. a year missing from the calendar) reaches the caller as the refusal itself. */
function unwrapRefusal(error: unknown): unknown {
  if (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === 'DomainRefusal'
  )
    return error.cause;
  return error;
}

/**
 * One teacher's individual educational route (ИОМ), from creation to completion, 4–5 years long.
 * Commands arrive as updates and are decided by the pure route decider; the workflow owns the timers:
 * the methodologist's 10-working-day draft (reminder, then overdue and escalation) and the tutor's
 * monthly control-point checks during implementation. It continues as new with its state when the
 * history grows, restarting the timers from that state.
 */
export async function routeWorkflow(input: RouteWorkflowInput): Promise<RouteView> {
  const { route, timeZone } = input;
  const historyFull = historyLimit(input.continueAsNewAfterEvents);
  const runner = AggregateRunner.resume(
    routeDecider,
    { streamId: routeStream(route.routeId), organisationId: route.organisationId, timeZone: timeZone },
    input.snapshot,
  );
  const view = (): RouteView => ({ state: runner.state, version: runner.version });
  const created = (): CreatedRoute | undefined => (runner.state.status === 'created' ? runner.state : undefined);
  const completed = () => created()?.stage === 'completed';
  let creationRefusal: unknown;
  const settle = calendarWakeups();
  // The timers live in a scope of their own: continuing as new stops them, and the next run restarts them
  // from state. Timer-driven work in progress (an activity, an append) runs to its end even when the
  // timers stop: the run continues as new only once it is done, never abandoning an activity it scheduled.
  const timers = new Timers();

  // Before RouteCreated is stored a command is queued behind the creation and decided in the handler.
  const validate = (command: RouteCommand, deferred: readonly string[] = []) =>
    created() ? runner.check(command, deferred) : undefined;
  const update = async (build: () => Promise<RouteCommand> | RouteCommand): Promise<RouteView> => {
    try {
      await runner.execute(build);
    } catch (error) {
      throw unwrapRefusal(error);
    }
    return view();
  };

  /** A timer's command: refused as stale (the route moved on), it is logged and changes nothing. */
  async function system(what: string, build: () => Promise<RouteCommand> | RouteCommand): Promise<void> {
    await timers
      .finishing(() => runner.execute(build))
      .catch((error: unknown) => {
        const failure = unwrapRefusal(error);
        if (failure instanceof ApplicationFailure && failure.type === 'DomainRefusal')
          log.info(`${what}: refused as stale`, { reason: failure.message });
        else log.warn(`${what}: not recorded`, { error: String(error) });
      });
  }

  setHandler(routeViewQuery, view);
  setHandler(routeCreatedUpdate, async () => {
    await condition(() => created() !== undefined || creationRefusal !== undefined);
    if (creationRefusal !== undefined) throw creationRefusal;
    return view();
  });
  const updates = commandUpdates<RouteCommand, RouteView>({
    check: (command) => validate(command),
    run: (command) => update(() => command),
  });
  updates.plain(fixGoalUpdate, 'FixGoal');
  updates.enriched(
    recordDiagnosticsUpdate,
    // The draft's deadline comes from an activity the validator may not call: it checks what the tutor sent.
    ({ data, metadata }) =>
      created()
        ? runner.validate(metadata, (state, dated) => validateDiagnosticsRequest(data, dated, state))
        : undefined,
    ({ data, metadata }) => {
      const draftTaskId = uuid4();
      return update(async () => {
        const deadline = await routeDraftDeadline({
          diagnosticsRecordedAt: metadata.now,
          timeZone,
          organisationId: route.organisationId,
        });
        // A year missing from the calendar never refuses the tutor: the draft is recorded with its deadline pending.
        const draft = isPendingDeadline(deadline)
          ? { draftDeadlinePendingYear: deadline.pendingYear, remindAt: [] }
          : { draftDueAt: deadline.dueAt, draftDueLocalDate: deadline.dueLocalDate, remindAt: deadline.remindAt };
        return { type: 'RecordDiagnostics', data: { ...data, draftTaskId, ...draft }, metadata };
      });
    },
  );
  updates.plain(enterDeficitLevelsUpdate, 'EnterDeficitLevels');
  updates.plain(submitDraftUpdate, 'SubmitDraft');
  updates.plain(proposeOwnRoadMapUpdate, 'ProposeOwnRoadMap');
  updates.plain(approveProposedRoadMapUpdate, 'ApproveProposedRoadMap');
  // A new update: no running workflow has it in its history, so replaying old histories is unaffected.
  updates.plain(returnProposedRoadMapUpdate, 'ReturnProposedRoadMap');
  updates.plain(agreeRoadMapUpdate, 'AgreeRoadMap');
  updates.plain(recordPortfolioEntryUpdate, 'RecordPortfolioEntry');
  updates.plain(markActivityDoneUpdate, 'MarkActivityDone');
  updates.plain(confirmActivityDoneUpdate, 'ConfirmActivityDone');
  updates.plain(recordControlPointCheckUpdate, 'RecordControlPointCheck');
  updates.plain(correctRoadMapUpdate, 'CorrectRoadMap');
  updates.enriched(
    startReflectionUpdate,
    // The control diagnostics task is optional in the command: without it the request is the command.
    ({ metadata }) => validate({ type: 'StartReflection', data: {}, metadata }),
    ({ metadata }) => {
      const taskId = uuid4();
      return update(async () => {
        const state = created();
        const deadline = state
          ? await routeControlDiagnosticsDeadline({
              startedAt: metadata.now,
              endDate: state.titlePage.endDate,
              timeZone,
              organisationId: route.organisationId,
            })
          : undefined;
        return {
          type: 'StartReflection',
          data: deadline ? { controlDiagnosticsTask: { taskId, ...scheduleOf(deadline) } } : {},
          metadata,
        };
      });
    },
  );
  updates.plain(recordControlDiagnosticsUpdate, 'RecordControlDiagnostics');
  updates.plain(recordRepeatedDiagnosticsUpdate, 'RecordRepeatedDiagnostics');
  updates.plain(recordDesiredImageUpdate, 'RecordDesiredImage');
  updates.plain(recordReflectionUpdate, 'RecordReflection');
  updates.command(agreeReflectionUpdate, ({ metadata }) => ({ type: 'AgreeReflection', data: {}, metadata }));
  updates.command(completeRouteUpdate, ({ metadata }) => ({ type: 'CompleteRoute', data: {}, metadata }));
  updates.command(
    completeTaskUpdate,
    ({ data, metadata }) => ({ type: 'CompleteTask', data, metadata }),
    ({ data }) => ({ taskId: data.taskId, status: created()?.tasks[data.taskId]?.status ?? 'done' }),
  );
  // A new update: no running workflow has it in its history, so replaying old histories is unaffected.
  updates.command(
    reassignTaskUpdate,
    ({ data, metadata }) => ({ type: 'ReassignTask', data, metadata }),
    ({ data }) => ({ taskId: data.taskId, status: 'reassigned' }),
  );

  const draftTask = (): TaskView | undefined => {
    const state = created();
    return state?.draft === undefined ? undefined : state.tasks[state.draft.taskId];
  };
  const draftOpen = () => draftTask()?.status === 'open';

  /**
   * Deadlines recorded as pending (a calendar year missing) are computed again, from their original
   * trigger (the instant the task was raised), once the year is loaded; then their timers start.
   */
  async function settleDeadlines(): Promise<void> {
    const settling = new Set<string>();
    const waiting = () =>
      Object.values(created()?.tasks ?? {}).filter(
        (t) => t.deadlinePendingYear !== undefined && isTaskActive(t) && !settling.has(t.taskId),
      );
    for (;;) {
      await condition(() => waiting().length > 0);
      for (const task of waiting()) {
        settling.add(task.taskId);
        void settleDeadline(task);
      }
    }
  }

  async function settleDeadline(task: TaskView): Promise<void> {
    const wanted = () => {
      const current = created()?.tasks[task.taskId];
      return current !== undefined && isTaskActive(current) && current.deadlinePendingYear !== undefined;
    };
    const compute = async (): Promise<(RouteDeadline & { remindAt?: string[] }) | PendingDeadline> => {
      const trigger = task.raisedAt;
      switch (task.kind) {
        case 'draftRoute':
          return routeDraftDeadline({ diagnosticsRecordedAt: trigger, timeZone, organisationId: route.organisationId });
        case 'draftOverdueEscalation':
          return routeDraftEscalation({ organisationId: route.organisationId, overdueAt: trigger, timeZone });
        default:
          return routeControlDiagnosticsDeadline({
            startedAt: trigger,
            endDate: created()?.titlePage.endDate ?? '',
            timeZone,
            organisationId: route.organisationId,
          });
      }
    };
    const deadline = await settle(() => timers.finishing(compute), wanted);
    if (deadline === undefined) return;
    await system('Pending deadline set', () => ({
      type: 'SetTaskDeadline',
      data: {
        taskId: task.taskId,
        dueAt: deadline.dueAt,
        dueLocalDate: deadline.dueLocalDate,
        remindAt: deadline.remindAt ?? [],
      },
      metadata: systemMetadata(Date.now()),
    }));
  }

  /** The methodologist's draft: a reminder before the deadline, then overdue and escalation, unless submitted (or replaced) first. */
  async function watchDraft(): Promise<void> {
    // A pending deadline gets its due date first (settleDeadlines); the timers start from it.
    await condition(
      () => (draftTask() !== undefined && (draftTask()?.dueAt !== undefined || !draftOpen())) || completed(),
    );
    const task = draftTask();
    if (task === undefined || task.status !== 'open' || task.dueAt === undefined) return;
    const dueAt = task.dueAt;
    for (const remindAt of [...task.remindAt].sort()) {
      const reminder = timerUntil(Date.parse(remindAt), () => !draftOpen());
      if (reminder === undefined) continue;
      if (await reminder) return;
      await system('Draft reminder', () => ({
        type: 'RemindTask',
        data: { taskId: task.taskId },
        metadata: systemMetadata(Math.max(Date.parse(remindAt), Date.now())),
      }));
    }
    const due = timerUntil(Date.parse(dueAt), () => !draftOpen());
    if (due !== undefined && (await due)) return;
    if (!draftOpen()) return;
    const escalationTaskIds = { tutor: uuid4(), curator: uuid4() };
    await system('Draft overdue', async () => {
      const now = Math.max(Date.parse(dueAt), Date.now());
      const escalation = await routeDraftEscalation({
        organisationId: route.organisationId,
        overdueAt: new Date(now).toISOString(),
        timeZone,
      });
      const curatorId = escalation.curatorId ?? input.curatorId;
      return {
        type: 'MarkDraftOverdue',
        data: {
          taskId: task.taskId,
          ...(curatorId === undefined ? {} : { curatorId }),
          escalationTaskIds: curatorId === undefined ? { tutor: escalationTaskIds.tutor } : escalationTaskIds,
          ...scheduleOf(escalation),
        },
        metadata: systemMetadata(now),
      };
    });
  }

  const inImplementation = () => created()?.stage === 'implementation';

  /** The latest month a check was raised for: a check is due on its month's last day, so that date names the month. */
  const lastCheckedMonth = (): string | undefined => {
    const state = created();
    const months = (state?.monthlyCheckTaskIds ?? []).map((id) => state?.tasks[id]?.dueLocalDate?.slice(0, 7) ?? '');
    return months.sort().at(-1) || undefined;
  };

  /**
   * 003 §7.1: the tutor checks the control points every month. At the start of each month of
   * implementation (organisation time zone) a check task for that month is raised, due at the end of
   * its last day; the first covers the first month that begins after the road map was agreed. The
   * timer is a condition with a timeout, so leaving implementation cancels it. Each month's start also
   * reports the control points of the months before it that no check settled (missed); the checks stop
   * after the month of the route's end date, reviewed once more at the start of the month after it.
   */
  async function monthlyChecks(): Promise<void> {
    await condition(() => inImplementation() || completed());
    const enteredAt = created()?.stageEnteredAt;
    if (!inImplementation() || enteredAt === undefined) return;
    let lastMonth = lastCheckedMonth();
    for (;;) {
      const after = {
        routeId: route.routeId,
        after: enteredAt,
        ...(lastMonth === undefined ? {} : { lastMonth }),
        timeZone,
      };
      const next = await timers.finishing(() => routeMonthlyCheck(after));
      const monthStarts = timerUntil(Date.parse(next.startsAt), () => !inImplementation());
      if (monthStarts !== undefined && (await monthStarts)) return;
      if (!inImplementation()) return;
      lastMonth = next.month;
      // Routes started before reviews existed replay without them (their history has no such commands).
      if (patched('route-control-point-review')) {
        await system('Control-point review', () => ({
          type: 'ReviewControlPoints',
          data: { month: next.month },
          metadata: systemMetadata(Math.max(Date.parse(next.startsAt), Date.now())),
        }));
        if (next.month > (created()?.titlePage.endDate.slice(0, 7) ?? next.month)) return;
      }
      if (created()?.tasks[next.taskId]) continue;
      await system('Monthly control-point check', () => ({
        type: 'RaiseMonthlyCheck',
        data: { taskId: next.taskId, month: next.month, dueAt: next.dueAt, dueLocalDate: next.dueLocalDate },
        metadata: systemMetadata(Math.max(Date.parse(next.startsAt), Date.now())),
      }));
    }
  }

  /** The planned date of the next diagnostics, while the route runs. */
  const plannedDiagnostics = (): string | undefined => {
    const state = created();
    return state === undefined || completed() ? undefined : nextDiagnosticsDateOf(state);
  };

  /**
   * 003 §5.1 (the title page): when the planned date of the next diagnostics begins (organisation time zone),
   * the tutor gets a task to hold them; recording them may plan the following date, which starts the next
   * wait. A date after the route's end raises nothing: the control diagnostics close the route.
   */
  async function repeatedDiagnostics(): Promise<void> {
    let handled: string | undefined;
    for (;;) {
      await condition(() => completed() || (plannedDiagnostics() !== undefined && plannedDiagnostics() !== handled));
      const planned = plannedDiagnostics();
      const state = created();
      if (planned === undefined || state === undefined) return;
      handled = planned;
      if (planned > state.titlePage.endDate) continue;
      // Routes started before repeated diagnostics replay without them (their history has no such commands).
      if (!patched('route-repeated-diagnostics')) return;
      const next = await timers.finishing(() =>
        routeRepeatedDiagnostics({ routeId: route.routeId, plannedDate: planned, timeZone }),
      );
      if (created()?.tasks[next.taskId]) continue;
      const replanned = () => plannedDiagnostics() !== planned;
      const dayStarts = timerUntil(Date.parse(next.startsAt), replanned);
      if (dayStarts !== undefined && (await dayStarts)) continue;
      if (replanned()) continue;
      await system('Repeated diagnostics', () => ({
        type: 'RaiseRepeatedDiagnostics',
        data: { taskId: next.taskId, plannedDate: planned, dueAt: next.dueAt, dueLocalDate: next.dueLocalDate },
        metadata: systemMetadata(Math.max(Date.parse(next.startsAt), Date.now())),
      }));
    }
  }

  if (!input.snapshot) {
    try {
      await runner.execute(() => ({ type: 'CreateRoute', data: route, metadata: input.metadata }));
    } catch (error) {
      creationRefusal = unwrapRefusal(error);
      await condition(allHandlersFinished);
      throw creationRefusal;
    }
  }
  timers.start(watchDraft);
  timers.start(monthlyChecks);
  timers.start(settleDeadlines);
  timers.start(repeatedDiagnostics);

  await condition(() => completed() || historyFull());
  timers.cancel();
  await condition(() => allHandlersFinished() && timers.idle());
  if (!completed()) {
    return continueAsNew<typeof routeWorkflow>({ ...input, snapshot: runner.toSnapshot() });
  }
  return view();
}
