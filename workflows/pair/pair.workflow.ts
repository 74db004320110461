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
  DomainRefusal,
  isTaskActive,
  pairDecider,
  validateMentorReplacement,
  type CommandMetadata,
  type PairCommand,
  type TaskView,
  type UnmetCondition,
  pairStream,
} from '../../libs/domain/src';
import type { PairActivities } from '../activities';
import { AggregateRunner, eventRejection, toFailure } from '../shared/aggregate-runner';
import { commandUpdates } from '../shared/command-updates';
import { systemMetadata } from '../shared/envelope';
import { timerUntil, Timers } from '../shared/timers';
import { completeTaskUpdate } from '../shared/task.messages';
import {
  approvePersonalProgrammeUpdate,
  completeFinalControlUpdate,
  pairFormedUpdate,
  pairViewQuery,
  passInterimControlUpdate,
  recordDiaryEntryUpdate,
  recordMenteeReportUpdate,
  replaceMentorSignal,
  submitMentorFinalReportUpdate,
  terminatePairUpdate,
  type PairView,
  type PairWorkflowInput,
} from './pair.messages';

const { reserveMentorCapacity, releaseMentorCapacity, pairControlSchedule } = proxyActivities<PairActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '30 seconds' },
});

/**
 * One mentoring pair or group, from formation to completion or termination. The mentor's capacity is
 * reserved in the mentor's own stream before the pair is formed; control tasks are watched by timers;
 * a mentor replacement arrives as a signal and is always recorded, applied or rejected.
 */
export async function pairWorkflow(input: PairWorkflowInput): Promise<PairView> {
  const { formation } = input;
  const historyFull = historyLimit(input.continueAsNewAfterEvents);
  const runner = AggregateRunner.resume(
    pairDecider,
    { streamId: pairStream(formation.pairId), organisationId: formation.organisationId, timeZone: input.timeZone },
    input.snapshot,
  );
  const view = (): PairView => ({ state: runner.state, version: runner.version });
  const formed = () => runner.state.status !== 'notFormed';
  const finished = () => runner.state.status === 'completed' || runner.state.status === 'terminated';
  let formationRefusal: unknown;
  const watchedTasks = new Set<string>();
  // Never cancelled: a run hands over with its timers waiting, as its recorded histories did.
  const timers = new Timers();

  const validate = (command: PairCommand) => (formed() ? runner.check(command) : undefined);
  const update = (command: PairCommand) => runner.execute(() => command).then(view);

  setHandler(pairViewQuery, view);
  setHandler(pairFormedUpdate, async () => {
    await condition(() => formed() || formationRefusal !== undefined);
    if (formationRefusal !== undefined) throw formationRefusal;
    return view();
  });

  const updates = commandUpdates<PairCommand, PairView>({ check: validate, run: update });
  updates.enriched(
    approvePersonalProgrammeUpdate,
    // Refusals reach the caller from the handler, after the schedule is computed, as they always have.
    undefined,
    async ({ data, metadata }) => {
      const schedule = await pairControlSchedule({ start: data.start, end: data.end, timeZone: input.timeZone });
      const result = await update({
        type: 'ApprovePersonalProgramme',
        data: {
          ...data,
          interimControl: { taskId: uuid4(), ...schedule.interim },
          finalControl: { taskId: uuid4(), ...schedule.final },
          mentorReport: { taskId: uuid4(), ...schedule.final },
        },
        metadata,
      });
      watchTaskDeadlines();
      return result;
    },
  );
  updates.command(recordDiaryEntryUpdate, ({ data, metadata }) => ({ type: 'RecordDiaryEntry', data, metadata }));
  updates.command(recordMenteeReportUpdate, ({ data, metadata }) => ({ type: 'RecordMenteeReport', data, metadata }));
  updates.command(passInterimControlUpdate, ({ data, metadata }) => ({ type: 'PassInterimControl', data, metadata }));
  updates.command(submitMentorFinalReportUpdate, ({ data, metadata }) => ({
    type: 'SubmitMentorFinalReport',
    data,
    metadata,
  }));
  updates.command(
    completeFinalControlUpdate,
    ({ data, metadata }) => ({ type: 'CompleteFinalControl', data, metadata }),
    async ({ metadata }) => {
      // The final control closes the pair's programme: the pair completes and the mentor's slots free up.
      await update({ type: 'CompletePair', data: {}, metadata });
      await releaseCapacity();
      return view();
    },
  );
  updates.command(
    terminatePairUpdate,
    ({ data, metadata }) => ({ type: 'TerminatePair', data, metadata }),
    async () => {
      await releaseCapacity();
      return view();
    },
  );
  // The command depends on the task's kind, read when the command's turn comes: the handler refuses.
  updates.enriched(completeTaskUpdate, undefined, async ({ data, metadata }) => {
    await runner.execute(() =>
      taskCompletion(
        runner.state.status === 'notFormed' ? undefined : runner.state.tasks[data.taskId],
        data.result,
        metadata,
      ),
    );
    return { taskId: data.taskId, status: 'done' };
  });

  setHandler(replaceMentorSignal, ({ data, metadata }) => {
    const reject = (reasonCode: string, message: string, details: readonly UnmetCondition[] = []): PairCommand => ({
      type: 'RejectMentorReplacement',
      data: { replacementId: data.replacementId, reasonCode, message, unmet: details },
      metadata,
    });
    // Set once the new mentor's slots are taken, so that a replacement the store rejects gives them back.
    let reserved = false;
    void runner
      .execute(async () => {
        const state = runner.state;
        const unmet = validateMentorReplacement(state, { ...data, capacityReserved: true });
        if (state.status === 'notFormed' || state.replacementDecisions[data.replacementId]) {
          return reject('pair.replacement.notApplicable', 'Замена наставника не может быть применена', unmet);
        }
        if (unmet.length > 0)
          return reject('pair.replacement.invalid', 'Замена наставника отклонена: условия не выполнены', unmet);
        const reservation = await reserveMentorCapacity({
          organisationId: formation.organisationId,
          mentorId: data.newMentorId,
          pairId: formation.pairId,
          menteeCount: state.menteeIds.length,
        });
        if (!reservation.reserved) return reject(reservation.code, reservation.message, []);
        reserved = true;
        return { type: 'ReplaceMentor', data: { ...data, capacityReserved: true }, metadata };
      })
      .then(async () => {
        const state = runner.state;
        // The previous mentor's slots are freed only once the replacement is stored.
        if (state.status !== 'notFormed' && state.replacementDecisions[data.replacementId] === 'applied') {
          const previous = state.mentorHistory.at(-2);
          if (previous) await releaseMentorCapacity({ mentorId: previous.mentorId, pairId: formation.pairId });
        }
      })
      .catch(async (error: unknown) => {
        const rejection = eventRejection(error);
        if (rejection === undefined) throw error;
        // The store can never hold this replacement (its texts): free the new mentor again and record
        // the replacement as rejected with the store's message, which names no data of the request.
        if (reserved) await releaseMentorCapacity({ mentorId: data.newMentorId, pairId: formation.pairId });
        await runner.execute(() => reject('event.rejected', rejection.message));
      })
      .catch((error: unknown) => log.warn('Mentor replacement not recorded', { error: String(error) }));
  });

  async function releaseCapacity(): Promise<void> {
    const state = runner.state;
    if (state.status !== 'notFormed')
      await releaseMentorCapacity({ mentorId: state.mentorId, pairId: formation.pairId });
  }

  /** A timer per open control task: when its due instant passes with the task open, it becomes overdue. */
  function watchTaskDeadlines(): void {
    const state = runner.state;
    if (state.status === 'notFormed') return;
    for (const task of Object.values(state.tasks)) {
      // A pair's control dates are calendar dates: its tasks always carry their due instant.
      const dueAt = task.dueAt;
      if (!isTaskActive(task) || task.status === 'overdue' || dueAt === undefined || watchedTasks.has(task.taskId))
        continue;
      watchedTasks.add(task.taskId);
      timers.start(async () => {
        const due = timerUntil(Date.parse(dueAt));
        if (due !== undefined) await due;
        const current = runner.state.status === 'notFormed' ? undefined : runner.state.tasks[task.taskId];
        if (!current || current.status !== 'open') return;
        await runner
          .execute(() => ({
            type: 'MarkPairTaskOverdue',
            data: { taskId: task.taskId },
            metadata: systemMetadata(Math.max(Date.parse(dueAt), Date.now())),
          }))
          .catch((error: unknown) =>
            log.warn('Task overdue not recorded', { taskId: task.taskId, error: String(error) }),
          );
      });
    }
  }

  if (!input.snapshot) {
    const command: PairCommand = {
      type: 'FormPair',
      data: { ...formation, capacityReserved: true },
      metadata: input.metadata,
    };
    try {
      // Refuse an invalid formation before taking anyone's capacity.
      runner.check(command);
      const reservation = await reserveMentorCapacity({
        organisationId: formation.organisationId,
        mentorId: formation.mentorId,
        pairId: formation.pairId,
        menteeCount: formation.menteeIds.length,
      });
      if (!reservation.reserved) {
        formationRefusal = toFailure(new DomainRefusal(reservation.code, reservation.message));
      } else {
        await runner.execute(() => command);
      }
    } catch (error) {
      formationRefusal = error;
    }
    if (formationRefusal !== undefined) {
      if (!formed()) await releaseMentorCapacity({ mentorId: formation.mentorId, pairId: formation.pairId });
      await condition(allHandlersFinished);
      return view();
    }
  } else {
    watchTaskDeadlines();
  }

  await condition(() => finished() || historyFull());
  await condition(allHandlersFinished);
  // Timer-driven commands are not handlers: let the last of them be stored before the run hands over.
  await runner.idle();
  if (!finished()) return continueAsNew<typeof pairWorkflow>({ ...input, snapshot: runner.toSnapshot() });
  return view();
}

/** POST /tasks/:id/complete on a pair task: the mentor's report task takes the result as the conclusion. */
function taskCompletion(task: TaskView | undefined, result: string, metadata: CommandMetadata): PairCommand {
  if (task?.kind === 'interimControl') {
    return { type: 'PassInterimControl', data: { taskId: task.taskId, outcome: 'passed', comment: result }, metadata };
  }
  if (task?.kind === 'finalControl' && task.assignee.role !== 'mentor') {
    throw toFailure(
      new DomainRefusal(
        'pair.task.finalControlForm',
        'Итоговый контроль оформляется формой итогового контроля с заключением наставника',
      ),
    );
  }
  return { type: 'SubmitMentorFinalReport', data: { taskId: task?.taskId ?? '', conclusion: result }, metadata };
}
