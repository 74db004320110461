import { historyLimit } from '../shared/history-limit';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import {
  DomainRefusal,
  isTaskActive,
  mayCompletePair,
  defaultReportPeriodMonths,
  nextReportPeriod,
  pairDecider,
  repeatControlDefaultDate,
  validateMentorReplacement,
  type CommandMetadata,
  type PairCommand,
  type TaskView,
  type UnmetCondition,
  pairStream,
} from '../../libs/domain/src';
import { localDateOf } from '../../libs/calendar/src/time-zone';
import { isPendingDeadline, type PairActivities } from '../activities';
import { AggregateRunner, eventRejection, toFailure } from '../shared/aggregate-runner';
import { commandUpdates } from '../shared/command-updates';
import { systemMetadata } from '../shared/envelope';
import { timerUntil, Timers } from '../shared/timers';
import { completeTaskUpdate, reassignTaskUpdate } from '../shared/task.messages';
import {
  approvePersonalProgrammeUpdate,
  attachPairDocumentScanUpdate,
  assignMenteeTaskUpdate,
  completeFinalControlUpdate,
  decideProgrammeCorrectionUpdate,
  decidePeriodicReportUpdate,
  giveTerminationNoticeUpdate,
  pairFormedUpdate,
  pairViewQuery,
  passInterimControlUpdate,
  proposeProgrammeCorrectionUpdate,
  recordDiaryEntryUpdate,
  recordMenteeReportUpdate,
  replaceMentorSignal,
  submitMentorFinalReportUpdate,
  submitPeriodicReportUpdate,
  terminatePairUpdate,
  type PairView,
  type PairWorkflowInput,
} from './pair.messages';

/** Days a returned periodic report has for its rework. */
const returnedReportDays = 5;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const { reserveMentorCapacity, releaseMentorCapacity, pairControlSchedule, pairControlDue, terminationNoticeEnd } =
  proxyActivities<PairActivities>({
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
  let noticeWatched = false;
  let reportPeriodsWatched = false;
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
      const { reportPeriodMonths, ...programme } = data;
      // Programmes approved from this change on are reported on periodically; earlier approvals replay without.
      const reports = patched('pair-periodic-reports')
        ? { reportPeriodMonths: reportPeriodMonths ?? defaultReportPeriodMonths }
        : {};
      const result = await update({
        type: 'ApprovePersonalProgramme',
        data: {
          ...programme,
          interimControl: { taskId: uuid4(), ...schedule.interim },
          finalControl: { taskId: uuid4(), ...schedule.final },
          mentorReport: { taskId: uuid4(), ...schedule.final },
          ...reports,
        },
        metadata,
      });
      watchTaskDeadlines();
      watchReportPeriods();
      return result;
    },
  );
  updates.plain(recordDiaryEntryUpdate, 'RecordDiaryEntry');
  updates.plain(attachPairDocumentScanUpdate, 'AttachPairDocumentScan');
  updates.plain(recordMenteeReportUpdate, 'RecordMenteeReport');
  updates.enriched(
    passInterimControlUpdate,
    // 'passed' is checked before it is accepted, as it always was; 'needsCorrection' needs its dates first.
    ({ data, metadata }) => {
      if (data.outcome === 'passed') validate({ type: 'PassInterimControl', data, metadata });
    },
    async ({ data, metadata }) => {
      const { repeatControlDate, ...control } = data;
      if (control.outcome === 'passed') return update({ type: 'PassInterimControl', data: control, metadata });
      const today = localDateOf(metadata.now, input.timeZone);
      const due = await pairControlDue({
        date: repeatControlDate ?? repeatControlDefaultDate(today),
        timeZone: input.timeZone,
      });
      const result = await update({
        type: 'PassInterimControl',
        data: {
          ...control,
          repeatControl: { taskId: uuid4(), ...due },
          // The mentor submits the corrected programme by the repeat control.
          correctionTask: { taskId: uuid4(), ...due },
        },
        metadata,
      });
      watchTaskDeadlines();
      return result;
    },
  );
  updates.plain(proposeProgrammeCorrectionUpdate, 'ProposeProgrammeCorrection');
  updates.enriched(decideProgrammeCorrectionUpdate, undefined, async ({ data, metadata }) => {
    const state = runner.state;
    const proposed = state.status === 'notFormed' ? undefined : state.pendingCorrection;
    const endMoved =
      data.decision === 'approved' &&
      proposed !== undefined &&
      state.status !== 'notFormed' &&
      proposed.end !== state.personalProgramme?.end;
    // The controls follow a moved end: the final control and the mentor's report at the new end.
    const schedule = endMoved
      ? await pairControlSchedule({ start: proposed.start, end: proposed.end, timeZone: input.timeZone })
      : undefined;
    // The mentor's first programme (issue 26): its approval plans every control, as a direct approval does.
    // Before it, a proposal on a formed pair was refused, so no recorded history reaches this with a schedule.
    const first =
      schedule !== undefined && state.status === 'formed'
        ? { interimControl: { taskId: uuid4(), ...schedule.interim }, reportPeriodMonths: defaultReportPeriodMonths }
        : {};
    const result = await update({
      type: 'DecideProgrammeCorrection',
      data: {
        ...data,
        ...(schedule === undefined
          ? {}
          : {
              finalControl: { taskId: uuid4(), ...schedule.final },
              mentorReport: { taskId: uuid4(), ...schedule.final },
            }),
        ...first,
      },
      metadata,
    });
    watchTaskDeadlines();
    watchReportPeriods();
    return result;
  });
  updates.enriched(decidePeriodicReportUpdate, undefined, async ({ data, metadata }) => {
    // Our design: a returned report is due 5 days after the return, not at the period's end, which has
    // usually passed by then; the author reworks the text, the period's work is done.
    const task =
      data.decision === 'returned'
        ? {
            taskId: uuid4(),
            ...(await pairControlDue({
              date: addDays(localDateOf(metadata.now, input.timeZone), returnedReportDays),
              timeZone: input.timeZone,
            })),
          }
        : undefined;
    const result = await update({
      type: 'DecidePeriodicReport',
      data: { ...data, ...(task === undefined ? {} : { task }) },
      metadata,
    });
    watchTaskDeadlines();
    return result;
  });
  updates.plain(submitPeriodicReportUpdate, 'SubmitPeriodicReport');
  updates.enriched(assignMenteeTaskUpdate, undefined, async ({ data, metadata }) => {
    const { dueDate, ...assignment } = data;
    const due = await pairControlDue({ date: dueDate, timeZone: input.timeZone });
    const result = await update({
      type: 'AssignMenteeTask',
      data: { ...assignment, task: { taskId: uuid4(), ...due } },
      metadata,
    });
    watchTaskDeadlines();
    return result;
  });
  updates.enriched(giveTerminationNoticeUpdate, undefined, async ({ data, metadata }) => {
    const end = await terminationNoticeEnd({
      noticeDate: data.noticeDate,
      timeZone: input.timeZone,
      organisationId: formation.organisationId,
    });
    if (isPendingDeadline(end)) {
      throw toFailure(
        new DomainRefusal(
          'pair.notice.calendarPending',
          `Производственный календарь на ${end.pendingYear} год не загружен: администраторам поставлена задача его загрузить`,
        ),
      );
    }
    const result = await update({ type: 'GiveTerminationNotice', data: { ...data, ...end }, metadata });
    watchTerminationNotice();
    return result;
  });
  updates.plain(submitMentorFinalReportUpdate, 'SubmitMentorFinalReport');
  updates.command(
    completeFinalControlUpdate,
    ({ data, metadata }) => ({ type: 'CompleteFinalControl', data, metadata }),
    async ({ metadata }) => {
      // The final control closes the pair's programme: the pair completes and the mentor's slots free up.
      // A controller who may not complete a pair (a commission head) has it completed by the system; before
      // this change that completion was refused after the control was stored, and such histories replay so.
      const completion =
        patched('pair-completed-by-system') && !mayCompletePair(metadata.role)
          ? systemMetadata(metadata.now)
          : metadata;
      await update({ type: 'CompletePair', data: {}, metadata: completion });
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

  // A new update: no running workflow has it in its history, so replaying old histories is unaffected.
  updates.command(
    reassignTaskUpdate,
    ({ data, metadata }) => ({ type: 'ReassignTask', data, metadata }),
    ({ data }) => ({ taskId: data.taskId, status: 'reassigned' }),
  );

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
        // From this change on, the mentees' consent is asked for (a request without it lacks them all);
        // replacements recorded before it replay as they were decided.
        if (patched('replacement-mentee-consents')) data.menteeConsents ??= [];
        const unmet = validateMentorReplacement(state, { ...data, capacityReserved: true }, metadata);
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

  /**
   * The reporting periods, one after another: a period opens (its report tasks raised) when the previous one
   * ends; the programme's end, read each time, cuts the schedule (a correction that moves it is followed).
   */
  function watchReportPeriods(): void {
    const state = runner.state;
    if (state.status === 'notFormed' || state.reportPeriodMonths === undefined || reportPeriodsWatched) return;
    reportPeriodsWatched = true;
    timers.start(async () => {
      for (;;) {
        const before = runner.state;
        if (finished() || before.status === 'notFormed') break;
        const previous = before.reportPeriods?.at(-1);
        if (nextReportPeriod(before) === undefined) break;
        if (previous !== undefined) {
          const ended = timerUntil(Date.parse(previous.dueAt));
          if (ended !== undefined) await ended;
        }
        const pair = runner.state;
        const next = pair.status === 'notFormed' ? undefined : nextReportPeriod(pair);
        if (finished() || pair.status === 'notFormed' || next === undefined) break;
        const due = await pairControlDue({ date: next.end, timeZone: input.timeZone });
        const ok = await runner
          .execute(() => ({
            type: 'OpenReportPeriod',
            data: {
              period: next.period,
              ...due,
              taskIds: [pair.mentorId, ...pair.menteeIds].map(() => uuid4()),
            },
            metadata: systemMetadata(Date.now()),
          }))
          .then(() => true)
          .catch((error: unknown) => {
            log.warn('Report period not opened', { period: next.period, error: String(error) });
            return false;
          });
        if (!ok) break;
        watchTaskDeadlines();
      }
      reportPeriodsWatched = false;
    });
  }

  /** A participant's notice ends the pair once its period has run: a timer to the day it allows. */
  function watchTerminationNotice(): void {
    const state = runner.state;
    if (state.status === 'notFormed' || state.terminationNotice === undefined || noticeWatched) return;
    noticeWatched = true;
    const { endsAt } = state.terminationNotice;
    timers.start(async () => {
      const due = timerUntil(Date.parse(endsAt));
      if (due !== undefined) await due;
      if (finished()) return;
      await runner
        .execute(() => ({
          type: 'EndPairOnNotice',
          data: {},
          metadata: systemMetadata(Math.max(Date.parse(endsAt), Date.now())),
        }))
        .catch((error: unknown) => log.warn('Pair end on notice not recorded', { error: String(error) }));
    });
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
    watchTerminationNotice();
    watchReportPeriods();
  }

  await condition(() => finished() || historyFull());
  await condition(allHandlersFinished);
  // Timer-driven commands are not handlers: let the last of them be stored before the run hands over.
  await runner.idle();
  // Ended by a timer, not a handler: the mentor's slots are freed here, before the run closes.
  const state = runner.state;
  if (state.status === 'terminated' && state.termination?.notice !== undefined) await releaseCapacity();
  if (!finished()) return continueAsNew<typeof pairWorkflow>({ ...input, snapshot: runner.toSnapshot() });
  return view();
}

/** POST /tasks/:id/complete on a pair task: the mentor's report task takes the result as the conclusion. */
function taskCompletion(task: TaskView | undefined, result: string, metadata: CommandMetadata): PairCommand {
  if (task?.kind === 'periodicReport') {
    return { type: 'SubmitPeriodicReport', data: { taskId: task.taskId, text: result }, metadata };
  }
  if (task?.kind === 'menteeAssignment') {
    return { type: 'CompleteMenteeAssignment', data: { taskId: task.taskId, result }, metadata };
  }
  if (task?.kind === 'programmeCorrection') {
    throw toFailure(
      new DomainRefusal(
        'pair.task.correctionForm',
        'Корректировка программы оформляется формой корректировки: новая версия программы с причиной',
      ),
    );
  }
  // A free text cannot say which outcome the control had («Требуется корректировка…» once recorded «пройден»):
  // from this change on the outcome is chosen in the interim-control form; completions before it replay as they were.
  if (task?.kind === 'interimControl' && patched('interim-control-form')) {
    throw toFailure(
      new DomainRefusal(
        'pair.task.interimControlForm',
        'Промежуточный контроль оформляется формой промежуточного контроля: в ней выбирается результат (пройден, требуется корректировка, не пройден)',
      ),
    );
  }
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
