import { historyLimit } from '../shared/history-limit';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import {
  validateStageAdvance,
  programmeDecider,
  type ProgrammeCommand,
  type ProgrammeStage,
  programmeStream,
} from '../../libs/domain/src';
import type { ProgrammeActivities } from '../activities';
import { AggregateRunner } from '../shared/aggregate-runner';
import { calendarWakeups } from '../shared/calendar-wakeup';
import { commandUpdates } from '../shared/command-updates';
import { systemMetadata } from '../shared/envelope';
import { timerUntil, Timers } from '../shared/timers';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  approveProblemAnalysisUpdate,
  recordProblemUpdate,
  removeProblemUpdate,
  reviseProblemUpdate,
  attachDocumentScanUpdate,
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

/**
 * One organisation's mentoring programme, from the preparatory stage to closed. Commands arrive as
 * updates, are decided by the pure programme decider, and become events in the store; stage plans
 * are watched by timers.
 */
export async function programmeWorkflow(input: ProgrammeWorkflowInput): Promise<ProgrammeView> {
  const historyFull = historyLimit(input.continueAsNewAfterEvents);
  const runner = AggregateRunner.resume(
    programmeDecider,
    { streamId: programmeStream(input.programmeId), organisationId: input.organisationId, timeZone: input.timeZone },
    input.snapshot,
  );
  const settle = calendarWakeups();
  // Never cancelled: a run hands over with its timers waiting, as its recorded histories did.
  const timers = new Timers();
  const view = (): ProgrammeView => ({ state: runner.state, version: runner.version });
  const started = () => runner.state.status === 'started';
  // Before ProgrammeStarted is stored a command is queued behind the start and decided in the handler.
  const validate = (command: ProgrammeCommand, deferred: string[] = []) =>
    started() ? runner.check(command, deferred) : undefined;

  setHandler(programmeViewQuery, view);
  setHandler(programmeStartedUpdate, async () => {
    await condition(started);
    return view();
  });
  const updates = commandUpdates<ProgrammeCommand, ProgrammeView>({
    check: (command) => validate(command),
    run: async (command) => (await runner.execute(() => command), view()),
  });
  updates.plain(recordDocumentUpdate, 'RecordDocument');
  updates.plain(attachDocumentScanUpdate, 'AttachDocumentScan');
  updates.plain(appointCuratorUpdate, 'AppointCurator');
  updates.enriched(
    advanceStageUpdate,
    // The gate's counts come from an activity the validator may not call: the handler decides on them.
    ({ data, metadata }) =>
      started() ? runner.validate(metadata, (state, dated) => validateStageAdvance(data, dated, state)) : undefined,
    async ({ data, metadata }) => {
      await runner.execute(async () => ({
        type: 'AdvanceStage',
        data: {
          ...data,
          context: await loadProgrammeGateContext({
            programmeId: input.programmeId,
            organisationId: input.organisationId,
          }),
        },
        metadata,
      }));
      return view();
    },
  );
  updates.plain(returnToStageUpdate, 'ReturnToStage');
  updates.plain(recordProblemUpdate, 'RecordProblem');
  updates.plain(reviseProblemUpdate, 'ReviseProblem');
  updates.plain(removeProblemUpdate, 'RemoveProblem');
  updates.plain(approveProblemAnalysisUpdate, 'ApproveProblemAnalysis');
  updates.enriched(
    planStageDatesUpdate,
    // The reminder is optional in the command: without it the request is the command.
    ({ data, metadata }) => validate({ type: 'PlanStageDates', data, metadata }),
    async ({ data, metadata }) => {
      const taskId = uuid4();
      await runner.execute(async () => {
        const { pendingYear, ...reminder } = await planStageReminder({
          plannedEnd: data.plannedEnd,
          timeZone: input.timeZone,
          organisationId: input.organisationId,
        });
        return {
          type: 'PlanStageDates',
          data: {
            ...data,
            reminder: {
              taskId,
              ...reminder,
              ...(pendingYear === undefined ? {} : { deadlinePendingYear: pendingYear }),
            },
          },
          metadata,
        };
      });
      watchStagePlan(data.stage, data.plannedEnd);
      return view();
    },
  );

  /** Timers per plan: remind the curator before the planned end; when it passes with the stage open, record the overdue. */
  function watchStagePlan(stage: ProgrammeStage, plannedEnd: string): void {
    const state = runner.state;
    const taskId = state.status === 'started' ? state.stageReminderTasks[stage] : undefined;
    const current = () =>
      taskId === undefined || runner.state.status !== 'started' ? undefined : runner.state.tasks[taskId];
    timers.start(async () => {
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
            data: {
              taskId: taskId ?? '',
              dueAt: reminder.dueAt,
              dueLocalDate: reminder.dueLocalDate,
              remindAt: reminder.remindAt,
            },
            metadata: systemMetadata(Date.now()),
          }))
          .catch((error: unknown) => log.warn('Pending reminder not set', { stage, error: String(error) }));
      }
      for (const remindAt of current()?.remindAt ?? []) {
        timers.start(async () => {
          const timer = timerUntil(Date.parse(remindAt));
          if (timer === undefined) return;
          await timer;
          await runner
            .execute(() => ({
              type: 'RemindProgrammeTask',
              data: { taskId: taskId ?? '' },
              metadata: systemMetadata(remindAt),
            }))
            .catch((error: unknown) => log.warn('Reminder not recorded', { stage, error: String(error) }));
        });
      }
    });
    timers.start(async () => {
      const dueAt = Date.parse(await endOfLocalDay({ date: plannedEnd, timeZone: input.timeZone }));
      const due = timerUntil(dueAt);
      if (due !== undefined) await due;
      const state = runner.state;
      if (state.status !== 'started' || state.stage !== stage || state.plannedEnds[stage] !== plannedEnd) return;
      await runner
        .execute(() => ({
          type: 'MarkStagePlanOverdue',
          data: { stage, plannedEnd },
          metadata: systemMetadata(Math.max(dueAt, Date.now())),
        }))
        .catch((error: unknown) => log.warn('Stage plan overdue not recorded', { stage, error: String(error) }));
    });
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
