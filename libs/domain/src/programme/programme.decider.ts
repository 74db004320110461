import { type CommandMetadata, decider, decideBy } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import { instantTime, isIsoDate, notInFutureProblems, russianDate, utcMidnight } from '../shared/dates';
import { refuse } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { TaskEvent } from '../task/task.events';
import { isTaskActive, setTaskDeadline, taskCompleted } from '../task/task.state';
import { documentScanProblems, scanFields } from '../shared/document-scan';
import type {
  AdvanceStage,
  AppointCurator,
  AttachDocumentScan,
  MarkStagePlanOverdue,
  PlanStageDates,
  ProgrammeCommand,
  RecordDocument,
  RemindProgrammeTask,
  ReturnToStage,
  StartProgramme,
} from './programme.commands';
import {
  isProgrammeDocumentKind,
  isProgrammeStage,
  programmeStages,
  type ProgrammeEvent,
  type ProgrammeStage,
  type ProgrammeStageOrClosed,
} from './programme.events';
import type { ProgrammeGateContext } from './programme.gate-context';
import { nextProgrammeStage, unmetConditions } from './programme.gates';
import { programmeDocumentKindLabels, programmeStageLabels } from './programme.labels';
import { evolveProgramme, initialProgrammeState, type ProgrammeState, type StartedProgramme } from './programme.state';
import { requireCuratorOrAdministrator, requireOpen, requireStarted } from './programme.guards';
import { approveProblemAnalysis, recordProblem, removeProblem, reviseProblem } from './programme.preparation';

// ---- Helpers --------------------------------------------------------------------------------

const stageIndex = (stage: ProgrammeStageOrClosed): number =>
  stage === 'closed' ? programmeStages.length : programmeStages.indexOf(stage);

const stageName = (stage: ProgrammeStageOrClosed): string => `«${programmeStageLabels[stage]}»`;

const requireKnownStage = (stage: string): ProgrammeStage =>
  isProgrammeStage(stage) ? stage : refuse('programme.stage.unknown', `Неизвестный этап программы: «${stage}»`);

type ContextCount = Exclude<keyof ProgrammeGateContext, 'preparationChecked' | 'mentorTrainingRequired'>;

const contextCountLabels: Readonly<Record<ContextCount, string>> = {
  mentorsSelected: 'отобрано наставников',
  menteesSelected: 'отобрано наставляемых',
  pairsAssigned: 'закреплено пар/групп',
  pairsAssignedWithOrderAndConsents: 'пар/групп с приказом и согласиями',
  pairsWithApprovedPersonalProgramme: 'пар/групп с утверждённой программой',
  activePairs: 'действующих пар/групп',
  activePairsPassedInterimControl: 'пар/групп, прошедших промежуточный контроль',
  processMonitoringResults: 'результатов мониторинга процесса',
  influenceMonitoringResults: 'результатов мониторинга влияния',
  mentorsWithoutTraining: 'наставников без обучения',
};

/** The counts come from other slices; contradictory ones would let a gate pass by accident. */
const contextProblems = (context: ProgrammeGateContext): UnmetCondition[] => {
  const names = Object.keys(contextCountLabels) as ContextCount[];
  // Counts taken before the gate read them may be absent; present ones must be counts.
  const mayBeAbsent: readonly ContextCount[] = [
    'processMonitoringResults',
    'influenceMonitoringResults',
    'mentorsWithoutTraining',
  ];
  const isCount = (name: ContextCount) => {
    const value = context[name];
    return value === undefined ? mayBeAbsent.includes(name) : Number.isInteger(value) && value >= 0;
  };
  const counts = names.filter((name) => !isCount(name));
  const notAbove = (part: number, whole: number, code: string, message: string): UnmetCondition[] =>
    part > whole ? [{ code, message }] : [];
  return [
    ...counts.map((name) => ({
      code: `context.${name}.invalid`,
      message: `Показатель «${contextCountLabels[name]}» должен быть целым неотрицательным числом`,
    })),
    ...notAbove(
      context.pairsAssignedWithOrderAndConsents,
      context.pairsAssigned,
      'context.pairsAssignedWithOrderAndConsents.exceedsAssigned',
      'Пар/групп с приказом и согласиями больше, чем закреплённых пар/групп',
    ),
    ...notAbove(
      context.pairsWithApprovedPersonalProgramme,
      context.pairsAssigned,
      'context.pairsWithApprovedPersonalProgramme.exceedsAssigned',
      'Пар/групп с утверждённой программой больше, чем закреплённых пар/групп',
    ),
    ...notAbove(
      context.activePairsPassedInterimControl,
      context.activePairs,
      'context.activePairsPassedInterimControl.exceedsActive',
      'Пар/групп, прошедших промежуточный контроль, больше, чем действующих пар/групп',
    ),
  ];
};

// ---- Decisions ------------------------------------------------------------------------------

const start = ({ data, metadata }: StartProgramme, state: ProgrammeState): ProgrammeEvent[] => {
  if (state.status === 'started') {
    return refuse('programme.alreadyStarted', `Программа «${state.title}» уже начата`);
  }
  if (metadata.role !== 'administrator' && metadata.role !== 'director') {
    return refuse(
      'programme.forbidden',
      'Начать программу наставничества может только руководитель организации или администратор',
    );
  }
  const missing: UnmetCondition[] = [
    ...(isUnsetOrBlank(data.programmeId)
      ? [{ code: 'programme.id.empty', message: 'Не указан идентификатор программы' }]
      : []),
    ...(isUnsetOrBlank(data.organisationId)
      ? [{ code: 'programme.organisationId.empty', message: 'Не указана организация' }]
      : []),
    ...(isUnsetOrBlank(data.title)
      ? [{ code: 'programme.title.empty', message: 'Не указано название программы' }]
      : []),
  ];
  if (missing.length > 0) {
    return refuse('programme.invalid', 'Не заполнены обязательные сведения о программе', missing);
  }
  const startedAt = data.startedAt ?? metadata.now;
  const startedAtTime = instantTime(startedAt);
  if (Number.isNaN(startedAtTime) || startedAtTime > Date.parse(metadata.now)) {
    return refuse(
      'programme.startedAt.invalid',
      'Дата начала программы должна быть корректной и не позже текущего момента',
    );
  }
  return [
    {
      type: 'ProgrammeStarted',
      data: {
        programmeId: data.programmeId,
        organisationId: data.organisationId,
        title: data.title.trim(),
        stage: 'preparatory',
        startedAt,
        startedBy: metadata.actorId,
      },
    },
  ];
};

const recordDocument = ({ data, metadata }: RecordDocument, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireOpen(current);
  // The director signs the orders, so may register them too.
  if (metadata.role !== 'director') requireCuratorOrAdministrator(state, metadata);
  if (!isProgrammeDocumentKind(data.kind)) {
    return refuse('programme.document.kindUnknown', `Неизвестный вид документа: «${data.kind}»`);
  }
  const problems: UnmetCondition[] = [
    ...(isUnsetOrBlank(data.documentId)
      ? [{ code: 'document.id.empty', message: 'Не указан идентификатор документа' }]
      : []),
    ...(isUnsetOrBlank(data.number) ? [{ code: 'document.number.empty', message: 'Не указан номер документа' }] : []),
    ...(isIsoDate(data.date)
      ? []
      : [{ code: 'document.date.invalid', message: 'Дата документа должна быть в формате ГГГГ-ММ-ДД' }]),
    // Orders and acts are recorded once signed: their date is a fact, not a plan.
    ...notInFutureProblems(data.date, metadata, 'document.date.future', 'Дата документа'),
    ...(isUnsetOrBlank(data.signedBy)
      ? [{ code: 'document.signedBy.empty', message: 'Не указано, кем подписан документ' }]
      : []),
  ];
  if (problems.length > 0) {
    return refuse('programme.document.invalid', 'Сведения о документе заполнены неверно', problems);
  }
  if (state.documents[data.documentId] !== undefined) {
    return refuse(
      'programme.document.duplicate',
      `Документ ${data.documentId} уже зарегистрирован; исправление оформляется новым документом`,
    );
  }
  if (data.corrects !== undefined) {
    const target = state.documents[data.corrects];
    if (target === undefined) {
      return refuse(
        'programme.document.correctionTargetMissing',
        `Исправляемый документ ${data.corrects} не зарегистрирован`,
      );
    }
    if (target.kind !== data.kind) {
      return refuse(
        'programme.document.correctionKindMismatch',
        `Исправляемый документ — «${programmeDocumentKindLabels[target.kind]}», а не «${programmeDocumentKindLabels[data.kind]}»`,
      );
    }
    // Corrections form a chain, so there is always one current version of a document.
    if (target.correctedBy !== undefined) {
      return refuse(
        'programme.document.alreadyCorrected',
        `Документ ${data.corrects} уже исправлен документом ${target.correctedBy}; исправляйте последнюю редакцию`,
      );
    }
  }
  return [
    {
      type: 'DocumentRecorded',
      data: {
        documentId: data.documentId,
        kind: data.kind,
        number: data.number.trim(),
        date: data.date,
        signedBy: data.signedBy.trim(),
        ...(data.fileRef === undefined ? {} : { fileRef: data.fileRef }),
        ...(data.corrects === undefined ? {} : { corrects: data.corrects }),
        programmeId: state.programmeId,
        stage: state.stage,
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

/** The signed scan of a registered document; a later one replaces it as a new event (the audit keeps both hashes). */
const attachDocumentScan = ({ data, metadata }: AttachDocumentScan, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireOpen(current);
  if (metadata.role !== 'director') requireCuratorOrAdministrator(state, metadata);
  const document = state.documents[data.documentId];
  if (document === undefined) {
    return refuse('programme.document.notFound', `Документ ${data.documentId} не зарегистрирован в этой программе`);
  }
  const problems = documentScanProblems(data.scan);
  if (problems.length > 0) return refuse('programme.document.scan.invalid', 'Скан документа не принят', problems);
  return [
    {
      type: 'DocumentScanAttached',
      data: {
        programmeId: state.programmeId,
        documentId: document.documentId,
        kind: document.kind,
        ...scanFields(data.scan),
        ...(document.scan === undefined ? {} : { replacesSha256: document.scan.sha256 }),
        attachedAt: metadata.now,
        attachedBy: metadata.actorId,
      },
    },
  ];
};

const appointCurator = ({ data, metadata }: AppointCurator, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireOpen(current);
  if (metadata.role !== 'administrator' && metadata.role !== 'director') {
    return refuse('programme.forbidden', 'Назначить куратора может только руководитель организации или администратор');
  }
  if (isUnsetOrBlank(data.curatorId)) {
    return refuse('programme.curator.empty', 'Не указан куратор');
  }
  if (state.curatorId === data.curatorId) {
    return refuse('programme.curator.alreadyAppointed', 'Этот сотрудник уже назначен куратором программы');
  }
  return [
    {
      type: 'CuratorAppointed',
      data: {
        programmeId: state.programmeId,
        curatorId: data.curatorId,
        ...(state.curatorId === undefined ? {} : { previousCuratorId: state.curatorId }),
        appointedAt: metadata.now,
        appointedBy: metadata.actorId,
      },
    },
  ];
};

/**
 * What an advance request can be checked for before the gate's counts are read (the workflow's update
 * validator): the programme is open, the caller may advance it, and it is still on the stage they saw.
 */
export const validateStageAdvance = (
  request: Pick<AdvanceStage['data'], 'expectedStage'>,
  metadata: CommandMetadata,
  current: ProgrammeState,
): StartedProgramme & { readonly stage: ProgrammeStage } => {
  const state = requireOpen(current);
  requireCuratorOrAdministrator(state, metadata);
  if (request.expectedStage !== undefined && request.expectedStage !== state.stage) {
    return refuse(
      'programme.stage.conflict',
      `Программа уже на этапе ${stageName(state.stage)}, а не ${stageName(request.expectedStage)}`,
    );
  }
  return state;
};

const advanceStage = ({ data, metadata }: AdvanceStage, current: ProgrammeState): ProgrammeEvent[] => {
  const state = validateStageAdvance(data, metadata, current);
  const problems = contextProblems(data.context);
  if (problems.length > 0) {
    return refuse('programme.context.invalid', 'Показатели пар и участников противоречивы', problems);
  }
  const unmet = unmetConditions(state, data.context);
  if (unmet.length > 0) {
    return refuse(
      'programme.gate.unmet',
      `Нельзя завершить этап ${stageName(state.stage)}: не выполнены условия`,
      unmet,
    );
  }
  const to = nextProgrammeStage(state.stage);
  const advanced: ProgrammeEvent = {
    type: 'StageAdvanced',
    data: {
      programmeId: state.programmeId,
      from: state.stage,
      to,
      ...(isUnsetOrBlank(data.comment) ? {} : { comment: data.comment?.trim() }),
      advancedAt: metadata.now,
      advancedBy: metadata.actorId,
      context: data.context,
    },
  };
  const reminderDone = completeStageReminder(state, state.stage, metadata);
  if (to !== 'closed') return [advanced, ...reminderDone];
  return [
    advanced,
    ...reminderDone,
    {
      type: 'ProgrammeClosed',
      data: {
        programmeId: state.programmeId,
        organisationId: state.organisationId,
        closedAt: metadata.now,
        closedBy: metadata.actorId,
      },
    },
  ];
};

const returnToStage = ({ data, metadata }: ReturnToStage, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireOpen(current);
  requireCuratorOrAdministrator(state, metadata);
  const to = requireKnownStage(data.stage);
  if (isUnsetOrBlank(data.reason)) {
    return refuse('programme.return.reasonRequired', 'Укажите причину возврата к предыдущему этапу');
  }
  if (stageIndex(to) >= stageIndex(state.stage)) {
    return refuse(
      'programme.return.notEarlier',
      `Вернуться можно только к более раннему этапу; текущий этап — ${stageName(state.stage)}`,
    );
  }
  return [
    {
      type: 'StageReturned',
      data: {
        programmeId: state.programmeId,
        from: state.stage,
        to,
        reason: data.reason.trim(),
        returnedAt: metadata.now,
        returnedBy: metadata.actorId,
      },
    },
    ...completeStageReminder(state, state.stage, metadata),
  ];
};

/** Leaving a stage (forward or back) completes the curator's reminder for its plan. */
const completeStageReminder = (
  state: StartedProgramme,
  stage: ProgrammeStageOrClosed,
  metadata: CommandMetadata,
): TaskEvent[] => {
  const taskId = stage === 'closed' ? undefined : state.stageReminderTasks[stage];
  const task = taskId === undefined ? undefined : state.tasks[taskId];
  if (!task || !isTaskActive(task)) return [];
  return [taskCompleted(task.taskId, metadata, 'Этап завершён')];
};

const planStageDates = ({ data, metadata }: PlanStageDates, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireOpen(current);
  requireCuratorOrAdministrator(state, metadata);
  const stage = requireKnownStage(data.stage);
  if (!isIsoDate(data.plannedEnd)) {
    return refuse('programme.plan.dateInvalid', 'Плановая дата окончания этапа должна быть в формате ГГГГ-ММ-ДД');
  }
  if (stageIndex(stage) < stageIndex(state.stage)) {
    return refuse('programme.plan.stageLeft', `Этап ${stageName(stage)} уже пройден`);
  }
  const previousPlannedEnd = state.plannedEnds[stage];
  // Re-sending the same plan changes nothing, so it records nothing.
  if (previousPlannedEnd === data.plannedEnd) return [];
  const previousReminder = state.stageReminderTasks[stage];
  const supersede: TaskEvent[] =
    previousReminder !== undefined && state.tasks[previousReminder] && isTaskActive(state.tasks[previousReminder])
      ? [
          {
            type: 'TaskCancelled',
            data: { taskId: previousReminder, cancelledAt: metadata.now, reason: 'Плановый срок изменён' },
          },
        ]
      : [];
  const curatorId = state.curatorId;
  const reminder: TaskEvent[] =
    data.reminder && curatorId !== undefined
      ? [
          {
            type: 'TaskRaised',
            data: {
              taskId: data.reminder.taskId,
              kind: 'stagePlanReminder',
              title: `Завершить этап ${stageName(stage)} до ${russianDate(data.plannedEnd)}`,
              assignee: { personId: curatorId, role: 'curator' },
              organisationId: state.organisationId,
              subject: { type: 'programme', id: state.programmeId },
              raisedAt: metadata.now,
              dueAt: data.reminder.dueAt,
              dueLocalDate: data.reminder.dueLocalDate,
              remindAt: data.reminder.remindAt,
              ...(data.reminder.deadlinePendingYear === undefined
                ? {}
                : { deadlinePendingYear: data.reminder.deadlinePendingYear }),
            },
          },
        ]
      : [];
  return [
    {
      type: 'StagePlanned',
      data: {
        programmeId: state.programmeId,
        stage,
        plannedEnd: data.plannedEnd,
        ...(previousPlannedEnd === undefined ? {} : { previousPlannedEnd }),
        plannedAt: metadata.now,
        plannedBy: metadata.actorId,
        ...(reminder.length > 0 && data.reminder ? { reminderTaskId: data.reminder.taskId } : {}),
      },
    },
    ...supersede,
    ...reminder,
  ];
};

/** No time zone reaches past UTC+14, so before this instant the planned day has not ended anywhere. */
const earliestEndOfDay = (date: number): number => date + (24 - 14) * 60 * 60 * 1000;

const markStagePlanOverdue = ({ data, metadata }: MarkStagePlanOverdue, current: ProgrammeState): ProgrammeEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireStarted(current);
  const stage = requireKnownStage(data.stage);
  if (stageIndex(stage) < stageIndex(state.stage)) {
    return refuse('programme.plan.stageLeft', `Этап ${stageName(stage)} уже пройден`);
  }
  const plannedEnd = state.plannedEnds[stage];
  if (plannedEnd === undefined) {
    return refuse('programme.plan.notPlanned', `Для этапа ${stageName(stage)} не задан плановый срок`);
  }
  if (plannedEnd !== data.plannedEnd) {
    return refuse(
      'programme.plan.changed',
      `Плановый срок этапа ${stageName(stage)} изменён на ${russianDate(plannedEnd)}`,
    );
  }
  if (state.overduePlannedEnds[stage] === plannedEnd) {
    return refuse('programme.plan.alreadyOverdue', `Просрочка этапа ${stageName(stage)} уже зафиксирована`);
  }
  const plannedDay = utcMidnight(plannedEnd);
  if (plannedDay === undefined || Date.parse(metadata.now) < earliestEndOfDay(plannedDay)) {
    return refuse(
      'programme.plan.notYetDue',
      `Плановый срок этапа ${stageName(stage)} (${russianDate(plannedEnd)}) ещё не истёк`,
    );
  }
  const reminderId = state.stageReminderTasks[stage];
  const reminder = reminderId === undefined ? undefined : state.tasks[reminderId];
  return [
    { type: 'StagePlanOverdue', data: { programmeId: state.programmeId, stage, plannedEnd, detectedAt: metadata.now } },
    ...(reminder && reminder.status === 'open'
      ? [{ type: 'TaskOverdue' as const, data: { taskId: reminder.taskId, overdueAt: metadata.now } }]
      : []),
  ];
};

const remindTask = ({ data, metadata }: RemindProgrammeTask, current: ProgrammeState): ProgrammeEvent[] => {
  const state = requireStarted(current);
  const task = state.tasks[data.taskId];
  // A reminder for a task already done is simply not sent.
  if (!task || !isTaskActive(task)) return [];
  return [{ type: 'TaskReminded', data: { taskId: task.taskId, remindedAt: metadata.now, assignee: task.assignee } }];
};

export const decideProgramme = decideBy<ProgrammeCommand, ProgrammeState, ProgrammeEvent>({
  StartProgramme: start,
  RecordDocument: recordDocument,
  AttachDocumentScan: attachDocumentScan,
  AppointCurator: appointCurator,
  AdvanceStage: advanceStage,
  ReturnToStage: returnToStage,
  PlanStageDates: planStageDates,
  MarkStagePlanOverdue: markStagePlanOverdue,
  RemindProgrammeTask: remindTask,
  RecordProblem: recordProblem,
  ReviseProblem: reviseProblem,
  RemoveProblem: removeProblem,
  ApproveProblemAnalysis: approveProblemAnalysis,
  // No actor check: only the workflow sends this, when the calendar year is loaded.
  SetTaskDeadline: (command, state) => setTaskDeadline(requireStarted(state).tasks, command.data, command.metadata.now),
});

export const programmeDecider = decider(decideProgramme, evolveProgramme, initialProgrammeState);
