import { historyLimit } from '../shared/history-limit';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import {
  programmeDecider,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeGateContext,
  type ProgrammeStage,
  type ProgrammeState,
} from '../../libs/domain/src';
import type { ProgrammeActivities } from '../activities';
import { AggregateRunner } from '../shared/aggregate-runner';
import { calendarWakeups } from '../shared/calendar-wakeup';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  planStageDatesUpdate,
  programmeStartedUpdate,
  programmeViewQuery,
  recordDocumentUpdate,
  returnToStageUpdate,
  type ProgrammeView,
  type ProgrammeWorkflowInput,
} from './programme.messages';

const { loadProgrammeGateContext, endOfLocalDay, planStageReminder } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '30 seconds' },
});

/** The validator rejects everything but the gates up front; the gates need the counts the handler loads. */
const noCountsYet: ProgrammeGateContext = {
  mentorsSelected: 0,
  menteesSelected: 0,
  pairsAssigned: 0,
  pairsAssignedWithOrderAndConsents: 0,
  pairsWithApprovedPersonalProgramme: 0,
  activePairs: 0,
  activePairsPassedInterimControl: 0,
};

export const programmeStreamId = (programmeId: string) => `programme-${programmeId}`;

/**
 * One organisation's mentoring programme, from the preparatory stage to closed. Commands arrive as
 * updates, are decided by the pure programme decider, and become events in the store; stage plans
 * are watched by timers.
 */
export async function programmeWorkflow(input: ProgrammeWorkflowInput): Promise<ProgrammeView> {
  const historyFull = historyLimit(input.continueAsNewAfterEvents);
  const runner = new AggregateRunner<ProgrammeState, ProgrammeCommand, ProgrammeEvent>(
    programmeDecider,
    programmeStreamId(input.programmeId),
    input.organisationId,
    input.snapshot ?? { state: programmeDecider.initialState(), version: 0 },
  );
  const settle = calendarWakeups();
  const view = (): ProgrammeView => ({ state: runner.state, version: runner.version });
  const started = () => runner.state.status === 'started';
  // Before ProgrammeStarted is stored a command is queued behind the start and decided in the handler.
  const validate = (command: ProgrammeCommand, deferred: string[] = []) => (started() ? runner.check(command, deferred) : undefined);

  setHandler(programmeViewQuery, view);
  setHandler(programmeStartedUpdate, async () => {
    await condition(started);
    return view();
  });
  setHandler(
    recordDocumentUpdate,
    async ({ data, metadata }) => (await runner.execute(() => ({ type: 'RecordDocument', data, metadata })), view()),
    { validator: ({ data, metadata }) => validate({ type: 'RecordDocument', data, metadata }) },
  );
  setHandler(
    appointCuratorUpdate,
    async ({ data, metadata }) => (await runner.execute(() => ({ type: 'AppointCurator', data, metadata })), view()),
    { validator: ({ data, metadata }) => validate({ type: 'AppointCurator', data, metadata }) },
  );
  setHandler(
    advanceStageUpdate,
    async ({ data, metadata }) => {
      await runner.execute(async () => ({
        type: 'AdvanceStage',
        data: { ...data, context: await loadProgrammeGateContext(input) },
        metadata,
      }));
      return view();
    },
    {
      validator: ({ data, metadata }) =>
        validate({ type: 'AdvanceStage', data: { ...data, context: noCountsYet }, metadata }, ['programme.gate.unmet']),
    },
  );
  setHandler(
    returnToStageUpdate,
    async ({ data, metadata }) => (await runner.execute(() => ({ type: 'ReturnToStage', data, metadata })), view()),
    { validator: ({ data, metadata }) => validate({ type: 'ReturnToStage', data, metadata }) },
  );
  setHandler(
    planStageDatesUpdate,
    async ({ data, metadata }) => {
      const taskId = uuid4();
      await runner.execute(async () => {
        const { pendingYear, ...reminder } = await planStageReminder({ plannedEnd: data.plannedEnd, timeZone: input.timeZone, organisationId: input.organisationId });
        return {
          type: 'PlanStageDates',
          data: { ...data, reminder: { taskId, ...reminder, ...(pendingYear === undefined ? {} : { deadlinePendingYear: pendingYear }) } },
          metadata,
        };
      });
      watchStagePlan(data.stage, data.plannedEnd);
      return view();
    },
    { validator: ({ data, metadata }) => validate({ type: 'PlanStageDates', data, metadata }) },
  );

  /** Timers per plan: remind the curator before the planned end; when it passes with the stage open, record the overdue. */
  function watchStagePlan(stage: ProgrammeStage, plannedEnd: string): void {
    const state = runner.state;
    const taskId = state.status === 'started' ? state.stageReminderTasks[stage] : undefined;
    const current = () => (taskId === undefined || runner.state.status !== 'started' ? undefined : runner.state.tasks[taskId]);
    void (async () => {
      // A reminder whose working days fall in a year the calendar lacks is computed once that year is loaded.
      if (current()?.deadlinePendingYear !== undefined) {
        const reminder = await settle(
          () => planStageReminder({ plannedEnd, timeZone: input.timeZone, organisationId: input.organisationId }),
          () => current()?.deadlinePendingYear !== undefined && current()?.status === 'open',
        );
        if (reminder === undefined) return;
        await runner
          .execute(() => ({
            type: 'SetTaskDeadline',
            data: { taskId: taskId ?? '', dueAt: reminder.dueAt, dueLocalDate: reminder.dueLocalDate, remindAt: reminder.remindAt },
            metadata: { actorId: 'system', role: 'administrator', now: new Date(Date.now()).toISOString() },
          }))
          .catch((error: unknown) => log.warn('Pending reminder not set', { stage, error: String(error) }));
      }
      for (const remindAt of current()?.remindAt ?? []) {
        void (async () => {
          const wait = Date.parse(remindAt) - Date.now();
          if (wait <= 0) return;
          await sleep(wait);
          await runner
            .execute(() => ({
              type: 'RemindProgrammeTask',
              data: { taskId: taskId ?? '' },
              metadata: { actorId: 'system', role: 'administrator', now: remindAt },
            }))
            .catch((error: unknown) => log.warn('Reminder not recorded', { stage, error: String(error) }));
        })();
      }
    })();
    void (async () => {
      const dueAt = Date.parse(await endOfLocalDay({ date: plannedEnd, timeZone: input.timeZone }));
      // Temporal's workflow clock: deterministic, replayed from history.
      const wait = dueAt - Date.now();
      if (wait > 0) await sleep(wait);
      const state = runner.state;
      if (state.status !== 'started' || state.stage !== stage || state.plannedEnds[stage] !== plannedEnd) return;
      await runner
        .execute(() => ({
          type: 'MarkStagePlanOverdue',
          data: { stage, plannedEnd },
          metadata: { actorId: 'system', role: 'administrator', now: new Date(Math.max(dueAt, Date.now())).toISOString() },
        }))
        .catch((error: unknown) => log.warn('Stage plan overdue not recorded', { stage, error: String(error) }));
    })();
  }

  if (!input.snapshot) {
    await runner.execute(() => ({
      type: 'StartProgramme',
      data: { programmeId: input.programmeId, organisationId: input.organisationId, title: input.title },
      metadata: input.metadata,
    }));
  } else {
    const state = runner.state;
    if (state.status === 'started' && state.stage !== 'closed') {
      const plan = state.plannedEnds[state.stage];
      if (plan && state.overduePlannedEnds[state.stage] !== plan) watchStagePlan(state.stage, plan);
    }
  }

  const closed = () => runner.state.status === 'started' && runner.state.closed;
  await condition(() => closed() || historyFull());
  await condition(allHandlersFinished);
  // Timer-driven commands are not handlers: let the last of them be stored before the run hands over.
  await runner.idle();
  if (!closed()) {
    return continueAsNew<typeof programmeWorkflow>({ ...input, snapshot: runner.toSnapshot() });
  }
  return view();
}
