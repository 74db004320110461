import { assertNever, type CommandMetadata, type Decider, type Role } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import { isIsoDate, lastDayOfMonths, parseInstant, utcMidnight } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { TaskAssignee, TaskKind, TaskRaised } from '../task/task.events';
import { isTaskActive, requireCompletable, type TaskView } from '../task/task.state';
import type {
  ApprovePersonalProgramme,
  CompleteFinalControl,
  CompletePair,
  FormPair,
  MarkPairTaskOverdue,
  PairCommand,
  PairEntry,
  PassInterimControl,
  RecordDiaryEntry,
  RecordMenteeReport,
  RejectMentorReplacement,
  ReplaceMentor,
  SubmitMentorFinalReport,
  TerminatePair,
} from './pair.commands';
import type { PairControlTask, PairEvent } from './pair.events';
import {
  cleanOrder,
  pairControlPlanProblems,
  controlTaskProblems,
  entryProblems,
  formPairProblems,
  hasConsent,
  pairConsentProblems,
  pairMinimumTermMonths,
  pairTextMaxLength,
  personalProgrammeMaxMonths,
  personalProgrammeMinMonths,
  personalProgrammeProblems,
  requireOrder,
  requireText,
  validateMentorReplacement,
} from './pair.rules';
import {
  evolvePair,
  initialPairState,
  isFormedPair,
  type ApprovedPersonalProgramme,
  type FormedPair,
  type PairControlPlan,
  type PairState,
} from './pair.state';

const requireRole = (metadata: CommandMetadata, allowed: readonly Role[], message: string): void => {
  if (!allowed.some((role) => role === metadata.role)) refuse('pair.forbidden', message);
};

const formers: readonly Role[] = ['director', 'curator', 'administrator'];
const approvers: readonly Role[] = ['commissionHead', 'curator', 'director', 'administrator'];
const controllers: readonly Role[] = ['commissionHead', 'curator', 'administrator'];
// Replacing or releasing a mentor rests on the director's order (002 §4.7).
const orderSigners: readonly Role[] = ['director', 'administrator'];

const requireFormed = (state: PairState): FormedPair =>
  isFormedPair(state) ? state : refuse('pair.notFormed', 'Наставническая пара/группа не сформирована');

const requireOpen = (state: PairState): FormedPair => {
  const pair = requireFormed(state);
  if (pair.status === 'completed')
    return refuse('pair.closed', 'Наставническая пара/группа завершила программу; изменения не принимаются');
  if (pair.status === 'terminated')
    return refuse('pair.closed', 'Наставничество в паре/группе прекращено; изменения не принимаются');
  return pair;
};

type ActivePair = FormedPair & {
  readonly controlPlan: PairControlPlan;
  readonly personalProgramme: ApprovedPersonalProgramme;
};

const requireActive = (state: PairState): ActivePair => {
  const pair = requireOpen(state);
  const { controlPlan, personalProgramme } = pair;
  return pair.status === 'active' && controlPlan !== undefined && personalProgramme !== undefined
    ? { ...pair, controlPlan, personalProgramme }
    : refuse('pair.notActive', 'Персонализированная программа наставничества пары/группы ещё не утверждена');
};

const taskTitles: Readonly<Record<'interim' | 'final' | 'mentorReport', string>> = {
  interim: 'Промежуточный контроль наставнической пары/группы',
  final: 'Итоговый контроль наставнической пары/группы',
  mentorReport: 'Отчёт наставника по итогам наставничества с заключением о результатах адаптации',
};

const raiseTask = (
  pair: FormedPair,
  item: PairControlTask,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
  now: string,
): TaskRaised => ({
  type: 'TaskRaised',
  data: {
    taskId: item.taskId,
    kind,
    title,
    assignee,
    organisationId: pair.organisationId,
    subject: { type: 'pair', id: pair.pairId },
    raisedAt: now,
    dueAt: item.dueAt,
    dueLocalDate: item.dueLocalDate,
    remindAt: [...(item.remindAt ?? [])],
  },
});

// ---- Decisions: formation -------------------------------------------------------------------

const formPair = ({ data, metadata }: FormPair, state: PairState): PairEvent[] => {
  if (isFormedPair(state)) return refuse('pair.alreadyFormed', 'Наставническая пара/группа уже сформирована');
  requireRole(
    metadata,
    formers,
    'Закреплять наставнические пары/группы может руководитель организации, куратор или администратор',
  );

  const menteeIds = data.menteeIds ?? [];
  const problems = formPairProblems(data);
  if (problems.length > 0)
    return refuse('pair.invalid', 'Сведения о наставнической паре/группе заполнены неверно', problems);

  const order = requireOrder(data.order);

  const start = isIsoDate(data.term?.start) ? utcMidnight(data.term.start) : undefined;
  const termProblems: UnmetCondition[] = [
    ...unmetIf(
      start === undefined,
      'term.start.invalid',
      'Дата начала наставничества должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...unmetIf(
      !isIsoDate(data.term?.end),
      'term.end.invalid',
      'Дата окончания наставничества должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...unmetIf(
      start !== undefined && isIsoDate(data.term.end) && data.term.end < data.term.start,
      'term.endBeforeStart',
      'Дата окончания наставничества раньше даты начала',
    ),
  ];
  if (start === undefined || termProblems.length > 0)
    return refuse('pair.term.invalid', 'Срок наставничества указан неверно', termProblems);
  const yearEnd = lastDayOfMonths(start, pairMinimumTermMonths);
  if (data.term.end < yearEnd && isMissing(data.shortTermReason)) {
    return refuse(
      'pair.term.tooShort',
      `Наставник, как правило, закрепляется не менее чем на один год (до ${yearEnd}); для более короткого срока укажите причину`,
    );
  }

  const participants = [
    { personId: data.mentorId, who: 'наставника' },
    ...menteeIds.map((personId) => ({ personId, who: 'наставляемого' })),
  ];
  const consents = data.consents ?? [];
  const missing = participants
    .filter(({ personId }) => !hasConsent(consents, personId))
    .map(({ personId, who }) => ({
      code: `consent.${personId}.missing`,
      message: `Нет письменного согласия ${who} (${personId})`,
    }));
  if (missing.length > 0) {
    return refuse(
      'pair.consent.missing',
      'Закрепление возможно только с письменного согласия наставника и каждого наставляемого',
      missing,
    );
  }
  const consentProblems = pairConsentProblems(consents, participants, order);
  if (consentProblems.length > 0)
    return refuse('pair.consent.invalid', 'Письменные согласия оформлены неверно', consentProblems);

  if (data.capacityReserved !== true) {
    return refuse(
      'pair.capacity.notReserved',
      'Не подтверждено, что у наставника есть свободные места для наставляемых',
    );
  }

  return [
    {
      type: 'PairFormed',
      data: {
        pairId: data.pairId,
        programmeId: data.programmeId,
        organisationId: data.organisationId,
        form: data.form,
        kind: data.kind,
        mentorId: data.mentorId,
        menteeIds: [...menteeIds],
        consents: consents.map(({ personId, date }) => ({ personId, date })),
        order,
        term: { start: data.term.start, end: data.term.end },
        ...(isMissing(data.shortTermReason) ? {} : { shortTermReason: (data.shortTermReason ?? '').trim() }),
        mentorEligibilityWarnings: [...(data.mentorEligibilityWarnings ?? [])],
        status: 'formed',
        formedAt: metadata.now,
        formedBy: metadata.actorId,
      },
    },
  ];
};

// ---- Decisions: personalised programme ------------------------------------------------------

const approvePersonalProgramme = ({ data, metadata }: ApprovePersonalProgramme, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  if (pair.status === 'active') {
    return refuse(
      'pair.programme.alreadyApproved',
      'Персонализированная программа наставничества этой пары/группы уже утверждена',
    );
  }
  requireRole(
    metadata,
    approvers,
    'Утверждать персонализированную программу может руководитель методической комиссии, куратор, руководитель организации или администратор',
  );

  const directions = (data.directions ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const difficulties = (data.difficulties ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const activities = data.activities ?? [];
  const start = isIsoDate(data.start) ? utcMidnight(data.start) : undefined;
  const problems = personalProgrammeProblems(data);
  if (problems.length > 0 || start === undefined) {
    return refuse('pair.programme.invalid', 'Персонализированная программа наставничества заполнена неверно', problems);
  }

  const earliestEnd = lastDayOfMonths(start, personalProgrammeMinMonths);
  const latestEnd = lastDayOfMonths(start, personalProgrammeMaxMonths);
  if (data.end < earliestEnd || data.end > latestEnd) {
    return refuse(
      'pair.programme.durationInvalid',
      `Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: окончание с ${earliestEnd} по ${latestEnd}`,
    );
  }
  if (data.start < pair.term.start || data.end > pair.term.end) {
    return refuse(
      'pair.programme.outsideTerm',
      `Программа должна лежать в пределах срока наставничества по приказу (${pair.term.start} — ${pair.term.end})`,
    );
  }

  const controlProblems = pairControlPlanProblems(
    data,
    { start: data.start, end: data.end },
    new Set(Object.keys(pair.tasks)),
  );
  if (controlProblems.length > 0)
    return refuse('pair.control.invalid', 'План контроля пары/группы составлен неверно', controlProblems);

  const { interimControl, finalControl, mentorReport, controller } = data;
  const due = ({ taskId, dueAt, dueLocalDate }: PairControlTask) => ({ taskId, dueAt, dueLocalDate });
  const controllerAssignee: TaskAssignee = { personId: controller.personId, role: controller.role };
  return [
    {
      type: 'PersonalProgrammeApproved',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        ...(isMissing(data.programmeDocId) ? {} : { programmeDocId: data.programmeDocId }),
        start: data.start,
        end: data.end,
        directions,
        activities: activities.map(({ title, plannedDate }) => ({ title: title.trim(), plannedDate })),
        difficulties,
        controller: { personId: controller.personId, role: controller.role },
        interimControl: due(interimControl),
        finalControl: due(finalControl),
        ...(mentorReport === undefined ? {} : { mentorReport: due(mentorReport) }),
        status: 'active',
        approvedAt: metadata.now,
        approvedBy: metadata.actorId,
      },
    },
    raiseTask(pair, interimControl, 'interimControl', taskTitles.interim, controllerAssignee, metadata.now),
    ...(mentorReport === undefined
      ? []
      : [
          raiseTask(
            pair,
            mentorReport,
            'finalControl',
            taskTitles.mentorReport,
            { personId: pair.mentorId, role: 'mentor' },
            metadata.now,
          ),
        ]),
    raiseTask(pair, finalControl, 'finalControl', taskTitles.final, controllerAssignee, metadata.now),
  ];
};

// ---- Decisions: diary and reports -----------------------------------------------------------

/** A diary entry and a mentee report are recorded alike: checked fields, an id new to its list, the text trimmed. */
const entryRecord = <Author extends { readonly mentorId: string } | { readonly menteeId: string }>(
  pair: FormedPair,
  data: PairEntry,
  now: string,
  author: Author,
  recordedIds: readonly string[],
  refusals: { readonly invalid: string; readonly duplicate: string },
) => {
  const problems = entryProblems(pair, data, now);
  if (problems.length > 0) return refuse('pair.entry.invalid', refusals.invalid, problems);
  if (recordedIds.includes(data.entryId)) return refuse('pair.entry.duplicate', refusals.duplicate);
  return {
    pairId: pair.pairId,
    entryId: data.entryId,
    ...author,
    date: data.date,
    text: data.text.trim(),
    recordedAt: now,
  };
};

const recordDiaryEntry = ({ data, metadata }: RecordDiaryEntry, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §6.1.9: the diary is the mentor's own; after a replacement it passes to the new mentor.
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Дневник наставника ведёт только текущий наставник пары/группы');
  }
  const entry = entryRecord(pair, data, metadata.now, { mentorId: pair.mentorId }, pair.diaryEntryIds, {
    invalid: 'Запись дневника заполнена неверно',
    duplicate: 'Запись с таким идентификатором уже есть в дневнике',
  });
  return [{ type: 'MentorDiaryEntryRecorded', data: entry }];
};

const recordMenteeReport = ({ data, metadata }: RecordMenteeReport, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §7.1.6: the mentee reports on their own work.
  if (!pair.menteeIds.includes(metadata.actorId)) {
    return refuse('pair.forbidden', 'Отчёт наставляемого может представить только наставляемый этой пары/группы');
  }
  const report = entryRecord(pair, data, metadata.now, { menteeId: metadata.actorId }, pair.menteeReportIds, {
    invalid: 'Отчёт наставляемого заполнен неверно',
    duplicate: 'Отчёт с таким идентификатором уже представлен',
  });
  return [{ type: 'MenteeReportRecorded', data: report }];
};

// ---- Decisions: control ---------------------------------------------------------------------

const requireController = (metadata: CommandMetadata): void =>
  requireRole(metadata, controllers, 'Контроль проводит руководитель методической комиссии, куратор или администратор');

const completed = (taskId: string, metadata: CommandMetadata, result: string): PairEvent => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt: metadata.now, completedBy: metadata.actorId, result },
});

const passInterimControl = ({ data, metadata }: PassInterimControl, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  requireController(metadata);
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  if (!pair.controlPlan.interimTaskIds.includes(task.taskId)) {
    return refuse('pair.control.wrongTask', 'Задача не относится к промежуточному контролю этой пары/группы');
  }
  if (data.outcome !== 'passed' && data.outcome !== 'needsCorrection') {
    return refuse('pair.control.outcomeUnknown', `Неизвестный результат контроля: «${String(data.outcome)}»`);
  }
  const comment = isMissing(data.comment) ? '' : data.comment.trim();
  if (comment.length > pairTextMaxLength) {
    return refuse('pair.control.commentTooLong', `Комментарий: не более ${pairTextMaxLength} символов`);
  }
  const base = {
    pairId: pair.pairId,
    programmeId: pair.programmeId,
    taskId: task.taskId,
    comment,
    controlledAt: metadata.now,
    controlledBy: metadata.actorId,
  };
  if (data.outcome === 'passed') {
    if (data.repeatControl !== undefined) {
      return refuse(
        'pair.interimControl.repeatNotExpected',
        'Повторный контроль назначается только при необходимости корректировки',
      );
    }
    return [
      { type: 'InterimControlPassed', data: { ...base, outcome: 'passed' } },
      completed(task.taskId, metadata, 'passed'),
    ];
  }
  if (comment === '') {
    return refuse('pair.control.commentRequired', 'Укажите, что требует корректировки');
  }
  if (data.repeatControl === undefined) {
    return refuse(
      'pair.interimControl.repeatRequired',
      'Назначьте срок повторного промежуточного контроля после корректировки',
    );
  }
  const finalDue = pair.tasks[pair.controlPlan.finalTaskId]?.dueLocalDate ?? pair.personalProgramme.end;
  const window = { start: pair.personalProgramme.start, end: finalDue };
  const problems = controlTaskProblems(
    data.repeatControl,
    'repeat',
    'повторный промежуточный контроль',
    window,
    new Set(Object.keys(pair.tasks)),
  );
  if (problems.length > 0) return refuse('pair.control.invalid', 'Повторный контроль запланирован неверно', problems);
  return [
    {
      type: 'InterimControlFailed',
      data: { ...base, outcome: 'needsCorrection', repeatTaskId: data.repeatControl.taskId },
    },
    completed(task.taskId, metadata, 'needsCorrection'),
    raiseTask(pair, data.repeatControl, 'interimControl', taskTitles.interim, task.assignee, metadata.now),
  ];
};

const submitMentorFinalReport = ({ data, metadata }: SubmitMentorFinalReport, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Отчёт по итогам наставничества представляет текущий наставник пары/группы');
  }
  if (pair.controlPlan.mentorReportTaskId !== data.taskId) {
    return refuse('pair.control.wrongTask', 'Задача не относится к отчёту наставника этой пары/группы');
  }
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, false);
  const conclusion = requireText(
    data.conclusion,
    'report.conclusion',
    'заключение о результатах адаптации наставляемого',
  );
  const proposals = isMissing(data.proposals)
    ? undefined
    : requireText(data.proposals, 'report.proposals', 'предложения по дальнейшей работе');
  return [
    {
      type: 'MentorFinalReportSubmitted',
      data: {
        pairId: pair.pairId,
        taskId: task.taskId,
        mentorId: pair.mentorId,
        conclusion,
        ...(proposals === undefined ? {} : { proposals }),
        submittedAt: metadata.now,
      },
    },
    completed(task.taskId, metadata, 'submitted'),
  ];
};

const completeFinalControl = ({ data, metadata }: CompleteFinalControl, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  requireController(metadata);
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  if (pair.controlPlan.finalTaskId !== task.taskId) {
    return refuse('pair.control.wrongTask', 'Задача не относится к итоговому контролю этой пары/группы');
  }
  if (data.outcome !== 'passed' && data.outcome !== 'notPassed') {
    return refuse('pair.control.outcomeUnknown', `Неизвестный результат контроля: «${String(data.outcome)}»`);
  }
  // 002 §4.8: evaluation runs interim first, then final.
  const interimPending = pair.controlPlan.interimTaskIds.some((id) => {
    const interim = pair.tasks[id];
    return interim !== undefined && isTaskActive(interim);
  });
  if (interimPending) return refuse('pair.finalControl.interimPending', 'Промежуточный контроль ещё не проведён');
  if (pair.interimControls.at(-1)?.outcome !== 'passed') {
    return refuse('pair.finalControl.interimNotPassed', 'Промежуточный контроль не пройден');
  }
  const reportTask =
    pair.controlPlan.mentorReportTaskId === undefined ? undefined : pair.tasks[pair.controlPlan.mentorReportTaskId];
  if (reportTask !== undefined && isTaskActive(reportTask)) {
    return refuse(
      'pair.finalControl.mentorReportPending',
      'Наставник ещё не представил отчёт по итогам наставничества',
    );
  }
  const mentorConclusion = requireText(
    data.mentorConclusion,
    'finalControl.conclusion',
    'заключение наставника о результатах адаптации наставляемого',
  );
  const comment = isMissing(data.comment)
    ? undefined
    : requireText(data.comment, 'finalControl.comment', 'комментарий');
  return [
    {
      type: 'FinalControlCompleted',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        taskId: task.taskId,
        outcome: data.outcome,
        mentorConclusion,
        ...(comment === undefined ? {} : { comment }),
        controlledAt: metadata.now,
        controlledBy: metadata.actorId,
      },
    },
    completed(task.taskId, metadata, data.outcome),
  ];
};

const completePair = ({ metadata }: CompletePair, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  requireRole(metadata, formers, 'Завершить наставничество может руководитель организации, куратор или администратор');
  if (pair.finalControl === undefined) {
    return refuse('pair.finalControl.notCompleted', 'Наставничество завершается только после итогового контроля');
  }
  return [
    {
      type: 'PairCompleted',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        organisationId: pair.organisationId,
        mentorId: pair.mentorId,
        menteeIds: pair.menteeIds,
        finalOutcome: pair.finalControl.outcome,
        completedAt: metadata.now,
        completedBy: metadata.actorId,
      },
    },
  ];
};

const markTaskOverdue = ({ data, metadata }: MarkPairTaskOverdue, current: PairState): PairEvent[] => {
  // No actor check: only the workflow's own timer sends this. Each refusal means "nothing to mark".
  const pair = requireFormed(current);
  const task: TaskView | undefined = pair.tasks[data.taskId];
  if (task === undefined) return refuse('pair.task.notFound', 'Задача не найдена');
  if (task.status === 'overdue') return refuse('pair.task.alreadyOverdue', 'Просрочка задачи уже зафиксирована');
  if (!isTaskActive(task)) return refuse('pair.task.notOpen', 'Задача уже выполнена или отменена');
  const due = task.dueAt === undefined ? undefined : parseInstant(task.dueAt);
  const now = parseInstant(metadata.now) ?? Date.parse(metadata.now);
  if (due === undefined || now < due)
    return refuse('pair.task.notYetDue', `Срок задачи (${task.dueLocalDate}) ещё не истёк`);
  return [{ type: 'TaskOverdue', data: { taskId: task.taskId, overdueAt: metadata.now } }];
};

// ---- Decisions: replacement and termination -------------------------------------------------

const replaceMentor = ({ data, metadata }: ReplaceMentor, state: PairState): PairEvent[] => {
  requireRole(
    metadata,
    orderSigners,
    'Заменить наставника может только руководитель организации (по приказу) или администратор',
  );
  const decided = isFormedPair(state) ? state.replacementDecisions[data.replacementId] : undefined;
  // A retried request that already went through changes nothing.
  if (decided === 'applied') return [];
  if (decided === 'rejected')
    return refuse('pair.replacement.alreadyRejected', 'Этот запрос на замену наставника уже отклонён');
  const unmet = validateMentorReplacement(state, data);
  if (!isFormedPair(state) || data.order === undefined || data.newMentorConsent === undefined || unmet.length > 0) {
    return refuse(
      'pair.replacement.invalid',
      `Замена наставника невозможна: ${unmet.map((u) => u.message).join('; ')}`,
      unmet,
    );
  }
  const to: TaskAssignee = { personId: data.newMentorId, role: 'mentor' };
  const reassigned: PairEvent[] = Object.values(state.tasks)
    .filter((task) => isTaskActive(task) && task.assignee.personId === state.mentorId)
    .map((task) => ({
      type: 'TaskReassigned',
      data: { taskId: task.taskId, from: task.assignee, to, reassignedAt: metadata.now },
    }));
  return [
    {
      type: 'MentorReplaced',
      data: {
        pairId: state.pairId,
        programmeId: state.programmeId,
        replacementId: data.replacementId,
        previousMentorId: state.mentorId,
        newMentorId: data.newMentorId,
        reason: data.reason,
        order: cleanOrder(data.order),
        newMentorConsent: { personId: data.newMentorConsent.personId, date: data.newMentorConsent.date },
        mentorEligibilityWarnings: [...(data.mentorEligibilityWarnings ?? [])],
        replacedAt: metadata.now,
        replacedBy: metadata.actorId,
      },
    },
    ...reassigned,
  ];
};

const rejectMentorReplacement = ({ data, metadata }: RejectMentorReplacement, current: PairState): PairEvent[] => {
  // No actor check: the workflow records the refusal on behalf of whoever asked.
  const pair = requireFormed(current);
  if (pair.replacementDecisions[data.replacementId] !== undefined) return [];
  const problems: UnmetCondition[] = [
    ...unmetIf(isMissing(data.replacementId), 'replacement.idEmpty', 'Не указан идентификатор замены'),
    ...unmetIf(isMissing(data.reasonCode), 'rejection.reasonCodeEmpty', 'Не указан код причины отказа'),
    ...unmetIf(isMissing(data.message), 'rejection.messageEmpty', 'Не указан текст причины отказа'),
  ];
  if (problems.length > 0)
    return refuse('pair.replacement.rejectionInvalid', 'Отказ в замене наставника оформлен неверно', problems);
  return [
    {
      type: 'MentorReplacementRejected',
      data: {
        pairId: pair.pairId,
        replacementId: data.replacementId,
        reasonCode: data.reasonCode,
        message: data.message.trim(),
        unmet: (data.unmet ?? []).map(({ code, message }) => ({ code, message })),
        rejectedAt: metadata.now,
        rejectedBy: metadata.actorId,
      },
    },
  ];
};

const terminatePair = ({ data, metadata }: TerminatePair, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  requireRole(
    metadata,
    orderSigners,
    'Прекратить наставничество может только руководитель организации (по приказу) или администратор',
  );
  if (isMissing(data.reason))
    return refuse('pair.termination.reasonRequired', 'Укажите причину прекращения наставничества');
  const order = requireOrder(data.order);
  const reason = data.reason.trim();
  return [
    {
      type: 'PairTerminated',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        organisationId: pair.organisationId,
        mentorId: pair.mentorId,
        menteeIds: pair.menteeIds,
        reason,
        order,
        terminatedAt: metadata.now,
        terminatedBy: metadata.actorId,
      },
    },
    // Nobody should keep being reminded of controls of a pair that no longer exists.
    ...Object.values(pair.tasks)
      .filter(isTaskActive)
      .map((task): PairEvent => ({
        type: 'TaskCancelled',
        data: { taskId: task.taskId, cancelledAt: metadata.now, reason },
      })),
  ];
};

export const decidePair = (command: PairCommand, state: PairState): PairEvent[] => {
  switch (command.type) {
    case 'FormPair':
      return formPair(command, state);
    case 'ApprovePersonalProgramme':
      return approvePersonalProgramme(command, state);
    case 'RecordDiaryEntry':
      return recordDiaryEntry(command, state);
    case 'RecordMenteeReport':
      return recordMenteeReport(command, state);
    case 'PassInterimControl':
      return passInterimControl(command, state);
    case 'SubmitMentorFinalReport':
      return submitMentorFinalReport(command, state);
    case 'CompleteFinalControl':
      return completeFinalControl(command, state);
    case 'CompletePair':
      return completePair(command, state);
    case 'MarkPairTaskOverdue':
      return markTaskOverdue(command, state);
    case 'ReplaceMentor':
      return replaceMentor(command, state);
    case 'RejectMentorReplacement':
      return rejectMentorReplacement(command, state);
    case 'TerminatePair':
      return terminatePair(command, state);
    default:
      return assertNever(command);
  }
};

export const pairDecider: Decider<PairState, PairCommand, PairEvent> = {
  decide: decidePair,
  evolve: evolvePair,
  initialState: initialPairState,
};
