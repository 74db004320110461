import { assertNever, type CommandMetadata, type Decider, type DomainCommand, type Role } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import { isTaskEvent, type TaskAssignee, type TaskKind, type TaskRaised } from '../task/task.events';
import { evolveTasks, isTaskActive, requireCompletable, type Tasks, type TaskView } from '../task/task.state';
import { isMentorEligibilityWarning, type MentorEligibilityWarning } from '../participant/participant.events';
import type { ProgrammeGateContext } from '../programme/programme.gate-context';
import {
  isMentorReplacementReason,
  isPairForm,
  isPairKind,
  type FinalControlOutcome,
  type InterimControlOutcome,
  type MentorReplacementReason,
  type PairConsent,
  type PairControlTask,
  type PairController,
  type PairEvent,
  type PairForm,
  type PairKind,
  type PairOrder,
  type PairTerm,
  type PersonalProgrammeActivity,
} from './pair.events';
import { isEndOfLocalDay, isIsoDate, lastDayOfMonths, localDateHasBegun, parseInstant, utcMidnight } from '../shared/dates';
import { mentorReplacementReasonLabels } from './pair.labels';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';

/** Diary entries, reports and conclusions are prose, not attachments: bounded so a stream stays small. */
export const pairTextMaxLength = 4000;
/** 002 §4.5: a mentor is assigned, as a rule, for at least a year. */
export const pairMinimumTermMonths = 12;
/** 002 §2: a personalised programme runs from 3 months to 1 year. */
export const personalProgrammeMinMonths = 3;
export const personalProgrammeMaxMonths = 12;

// ---- Commands -------------------------------------------------------------------------------

/** The workflow reserves the mentor's capacity (mentor-load stream) first and passes the result. */
export type FormPair = DomainCommand<
  'FormPair',
  {
    readonly pairId: string;
    readonly programmeId: string;
    readonly organisationId: string;
    readonly form: PairForm;
    readonly kind: PairKind;
    readonly mentorId: string;
    readonly menteeIds: readonly string[];
    readonly consents: readonly PairConsent[];
    readonly order?: PairOrder;
    readonly term: PairTerm;
    readonly shortTermReason?: string;
    readonly mentorEligibilityWarnings?: readonly MentorEligibilityWarning[];
    readonly capacityReserved: boolean;
  }
>;

/** Due instants come from the workflow (organisation calendar and time zone); the domain checks they fit. */
export type ApprovePersonalProgramme = DomainCommand<
  'ApprovePersonalProgramme',
  {
    readonly programmeDocId?: string;
    readonly start: string;
    readonly end: string;
    readonly directions: readonly string[];
    readonly activities: readonly PersonalProgrammeActivity[];
    readonly difficulties: readonly string[];
    readonly controller: PairController;
    readonly interimControl: PairControlTask;
    readonly finalControl: PairControlTask;
    /** The mentor's final report (002 §6.1.10) as a task of the mentor, due by the final control. */
    readonly mentorReport?: PairControlTask;
  }
>;

export interface PairEntry {
  readonly entryId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly text: string;
}

export type RecordDiaryEntry = DomainCommand<'RecordDiaryEntry', PairEntry>;
export type RecordMenteeReport = DomainCommand<'RecordMenteeReport', PairEntry>;

export type PassInterimControl = DomainCommand<
  'PassInterimControl',
  {
    readonly taskId: string;
    readonly outcome: InterimControlOutcome;
    readonly comment: string;
    /** Required with 'needsCorrection': the date the corrected work is checked again. */
    readonly repeatControl?: PairControlTask;
  }
>;

export type SubmitMentorFinalReport = DomainCommand<
  'SubmitMentorFinalReport',
  { readonly taskId: string; readonly conclusion: string; readonly proposals?: string }
>;

export type CompleteFinalControl = DomainCommand<
  'CompleteFinalControl',
  {
    readonly taskId: string;
    readonly outcome: FinalControlOutcome;
    /** The mentor's conclusion on the mentee's adaptation, as heard by the commission (002 §6.1.10, §8.3). */
    readonly mentorConclusion: string;
    readonly comment?: string;
  }
>;

export type CompletePair = DomainCommand<'CompletePair', Record<string, never>>;

/** Sent by the workflow's timer when a control task's due instant passes. */
export type MarkPairTaskOverdue = DomainCommand<'MarkPairTaskOverdue', { readonly taskId: string }>;

export type ReplaceMentor = DomainCommand<
  'ReplaceMentor',
  {
    readonly replacementId: string;
    readonly reason: MentorReplacementReason;
    readonly order?: PairOrder;
    readonly newMentorId: string;
    /** 002 §4.5: a mentor is appointed with their consent; the new one too. */
    readonly newMentorConsent?: PairConsent;
    readonly capacityReserved: boolean;
    readonly mentorEligibilityWarnings?: readonly MentorEligibilityWarning[];
  }
>;

/** The workflow records a refused replacement instead of dropping it. */
export type RejectMentorReplacement = DomainCommand<
  'RejectMentorReplacement',
  { readonly replacementId: string; readonly reasonCode: string; readonly message: string; readonly unmet?: readonly UnmetCondition[] }
>;

export type TerminatePair = DomainCommand<'TerminatePair', { readonly reason: string; readonly order?: PairOrder }>;

export type PairCommand =
  | FormPair
  | ApprovePersonalProgramme
  | RecordDiaryEntry
  | RecordMenteeReport
  | PassInterimControl
  | SubmitMentorFinalReport
  | CompleteFinalControl
  | CompletePair
  | MarkPairTaskOverdue
  | ReplaceMentor
  | RejectMentorReplacement
  | TerminatePair;

// ---- State ----------------------------------------------------------------------------------

/** One mentor's time with the pair; terms follow each other without a gap (to of one = from of the next). */
export interface PairMentorTerm {
  readonly mentorId: string;
  readonly from: string;
  readonly to?: string;
  /** The order that assigned this mentor. */
  readonly order: PairOrder;
  readonly replacementId?: string;
  /** Why this mentor's term ended, when it ended by replacement. */
  readonly endReason?: MentorReplacementReason;
}

export interface ApprovedPersonalProgramme {
  readonly programmeDocId?: string;
  readonly start: string;
  readonly end: string;
  readonly directions: readonly string[];
  readonly activities: readonly PersonalProgrammeActivity[];
  readonly difficulties: readonly string[];
  readonly approvedAt: string;
  readonly approvedBy: string;
}

export interface PairControlPlan {
  readonly controller: PairController;
  /** The first interim control and every repeat after a correction, in order. */
  readonly interimTaskIds: readonly string[];
  readonly finalTaskId: string;
  readonly mentorReportTaskId?: string;
}

export interface InterimControlResult {
  readonly taskId: string;
  readonly outcome: InterimControlOutcome;
  readonly comment: string;
  readonly controlledAt: string;
  readonly controlledBy: string;
}

export interface FinalControlResult {
  readonly taskId: string;
  readonly outcome: FinalControlOutcome;
  readonly mentorConclusion: string;
  readonly comment?: string;
  readonly controlledAt: string;
  readonly controlledBy: string;
}

export interface MentorFinalReport {
  readonly taskId: string;
  readonly mentorId: string;
  readonly conclusion: string;
  readonly proposals?: string;
  readonly submittedAt: string;
}

export interface PairTermination {
  readonly reason: string;
  readonly order: PairOrder;
  readonly terminatedAt: string;
  readonly terminatedBy: string;
}

export interface FormedPair {
  readonly status: 'formed' | 'active' | 'completed' | 'terminated';
  readonly pairId: string;
  readonly programmeId: string;
  readonly organisationId: string;
  readonly form: PairForm;
  readonly kind: PairKind;
  readonly mentorId: string;
  readonly mentorHistory: readonly PairMentorTerm[];
  readonly menteeIds: readonly string[];
  readonly consents: readonly PairConsent[];
  readonly order: PairOrder;
  readonly term: PairTerm;
  readonly shortTermReason?: string;
  readonly mentorEligibilityWarnings: readonly MentorEligibilityWarning[];
  readonly formedAt: string;
  readonly personalProgramme?: ApprovedPersonalProgramme;
  readonly controlPlan?: PairControlPlan;
  readonly interimControls: readonly InterimControlResult[];
  readonly mentorFinalReport?: MentorFinalReport;
  readonly finalControl?: FinalControlResult;
  readonly diaryEntryIds: readonly string[];
  readonly diaryCount: number;
  readonly menteeReportIds: readonly string[];
  readonly menteeReportsCount: number;
  readonly tasks: Tasks;
  /** Every replacement request already decided, so a retried request is recognised. */
  readonly replacementDecisions: Readonly<Record<string, 'applied' | 'rejected'>>;
  readonly completedAt?: string;
  readonly termination?: PairTermination;
}

export type PairState = { readonly status: 'notFormed' } | FormedPair;

export const initialPairState = (): PairState => ({ status: 'notFormed' });

export const isFormedPair = (state: PairState): state is FormedPair => state.status !== 'notFormed';

// ---- Helpers --------------------------------------------------------------------------------

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
  if (pair.status === 'completed') return refuse('pair.closed', 'Наставническая пара/группа завершила программу; изменения не принимаются');
  if (pair.status === 'terminated') return refuse('pair.closed', 'Наставничество в паре/группе прекращено; изменения не принимаются');
  return pair;
};

type ActivePair = FormedPair & { readonly controlPlan: PairControlPlan; readonly personalProgramme: ApprovedPersonalProgramme };

const requireActive = (state: PairState): ActivePair => {
  const pair = requireOpen(state);
  const { controlPlan, personalProgramme } = pair;
  return pair.status === 'active' && controlPlan !== undefined && personalProgramme !== undefined
    ? { ...pair, controlPlan, personalProgramme }
    : refuse('pair.notActive', 'Персонализированная программа наставничества пары/группы ещё не утверждена');
};

/** Every problem with an order, listed: an order without number, date or signatory is no order. */
export const pairOrderProblems = (order: PairOrder | undefined): UnmetCondition[] =>
  order === undefined
    ? [{ code: 'order.missing', message: 'Не указан приказ руководителя' }]
    : [
        ...unmetIf(isMissing(order.number), 'order.number.empty', 'Не указан номер приказа'),
        ...unmetIf(!isIsoDate(order.date), 'order.date.invalid', 'Дата приказа должна быть в формате ГГГГ-ММ-ДД'),
        ...unmetIf(isMissing(order.signedBy), 'order.signedBy.empty', 'Не указано, кем подписан приказ'),
      ];

const cleanOrder = (order: PairOrder): PairOrder => ({ number: order.number.trim(), date: order.date, signedBy: order.signedBy.trim() });

const requireOrder = (order: PairOrder | undefined): PairOrder => {
  const problems = pairOrderProblems(order);
  return order !== undefined && problems.length === 0
    ? cleanOrder(order)
    : refuse('pair.order.missing', 'Нет приказа руководителя с номером, датой и подписью', problems);
};

const textProblems = (text: string | undefined, field: string, what: string): UnmetCondition[] =>
  isMissing(text)
    ? [{ code: `${field}.empty`, message: `Не заполнено: ${what}` }]
    : unmetIf((text ?? '').trim().length > pairTextMaxLength, `${field}.tooLong`, `${what}: не более ${pairTextMaxLength} символов`);

const requireText = (text: string | undefined, field: string, what: string): string => {
  const problems = textProblems(text, field, what);
  const [first] = problems;
  return first === undefined ? (text ?? '').trim() : refuse(`pair.${first.code}`, first.message, problems);
};

const warningProblems = (warnings: readonly string[] | undefined): UnmetCondition[] =>
  (warnings ?? [])
    .filter((warning) => !isMentorEligibilityWarning(warning))
    .map((warning) => ({ code: 'mentorEligibilityWarnings.unknown', message: `Неизвестное замечание об отборе наставника: «${warning}»` }));

const hasConsent = (consents: readonly PairConsent[], personId: string): boolean => consents.some((c) => c.personId === personId);

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

const controlTaskProblems = (
  item: PairControlTask | undefined,
  name: string,
  what: string,
  window: { readonly start: string; readonly end: string },
  takenIds: ReadonlySet<string>,
): UnmetCondition[] => {
  if (item === undefined) return [{ code: `control.${name}.missing`, message: `Не запланирован ${what}` }];
  const dueAt = parseInstant(item.dueAt);
  const dueDate = isIsoDate(item.dueLocalDate) ? utcMidnight(item.dueLocalDate) : undefined;
  return [
    ...unmetIf(isMissing(item.taskId), `control.${name}.taskIdEmpty`, `Не указан идентификатор задачи: ${what}`),
    ...unmetIf(!isMissing(item.taskId) && takenIds.has(item.taskId), `control.${name}.taskIdTaken`, `Идентификатор задачи уже использован: ${what}`),
    ...unmetIf(dueAt === undefined, `control.${name}.dueAtInvalid`, `Срок (момент времени) указан неверно: ${what}`),
    ...unmetIf(dueDate === undefined, `control.${name}.dueDateInvalid`, `Дата срока должна быть в формате ГГГГ-ММ-ДД: ${what}`),
    ...unmetIf(
      dueDate !== undefined && (item.dueLocalDate < window.start || item.dueLocalDate > window.end),
      `control.${name}.outsideProgramme`,
      `Срок должен лежать в пределах программы (${window.start} — ${window.end}): ${what}`,
    ),
    ...unmetIf(
      dueAt !== undefined && dueDate !== undefined && !isEndOfLocalDay(dueAt, dueDate),
      `control.${name}.dueMismatch`,
      `Момент срока не совпадает с окончанием дня ${item.dueLocalDate}: ${what}`,
    ),
    ...unmetIf(
      (item.remindAt ?? []).some((at) => parseInstant(at) === undefined),
      `control.${name}.remindAtInvalid`,
      `Моменты напоминаний указаны неверно: ${what}`,
    ),
  ];
};

// ---- Decisions: formation -------------------------------------------------------------------

const formPair = ({ data, metadata }: FormPair, state: PairState): PairEvent[] => {
  if (isFormedPair(state)) return refuse('pair.alreadyFormed', 'Наставническая пара/группа уже сформирована');
  requireRole(metadata, formers, 'Закреплять наставнические пары/группы может руководитель организации, куратор или администратор');

  const menteeIds = data.menteeIds ?? [];
  const problems: UnmetCondition[] = [
    ...unmetIf(isMissing(data.pairId), 'pair.id.empty', 'Не указан идентификатор пары/группы'),
    ...unmetIf(isMissing(data.programmeId), 'pair.programmeId.empty', 'Не указана программа наставничества'),
    ...unmetIf(isMissing(data.organisationId), 'pair.organisationId.empty', 'Не указана организация'),
    ...unmetIf(isMissing(data.mentorId), 'mentor.empty', 'Не указан наставник'),
    ...unmetIf(!isPairForm(data.form), 'form.unknown', `Неизвестная форма наставничества: «${data.form}»`),
    ...unmetIf(!isPairKind(data.kind), 'kind.unknown', `Неизвестный вид наставничества: «${data.kind}»`),
    ...unmetIf(menteeIds.length === 0, 'mentees.empty', 'Не указан ни один наставляемый'),
    ...unmetIf(menteeIds.some((id) => isMissing(id)), 'mentees.blankId', 'Указан наставляемый без идентификатора'),
    ...unmetIf(new Set(menteeIds).size !== menteeIds.length, 'mentees.duplicate', 'Наставляемый указан дважды'),
    ...unmetIf(menteeIds.includes(data.mentorId), 'mentees.includesMentor', 'Наставник не может быть наставляемым в своей паре/группе'),
    // "Один на один" unless the kind is a group, and a group is from two mentees (002 §9.1.3).
    ...unmetIf(
      data.kind !== 'group' && menteeIds.length > 1,
      'mentees.tooManyForKind',
      'Несколько наставляемых допустимо только при наставничестве в группе',
    ),
    ...unmetIf(data.kind === 'group' && menteeIds.length === 1, 'mentees.groupTooSmall', 'В группе должно быть не менее двух наставляемых'),
    ...warningProblems(data.mentorEligibilityWarnings),
  ];
  if (problems.length > 0) return refuse('pair.invalid', 'Сведения о наставнической паре/группе заполнены неверно', problems);

  const order = requireOrder(data.order);

  const start = isIsoDate(data.term?.start) ? utcMidnight(data.term.start) : undefined;
  const termProblems: UnmetCondition[] = [
    ...unmetIf(start === undefined, 'term.start.invalid', 'Дата начала наставничества должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(!isIsoDate(data.term?.end), 'term.end.invalid', 'Дата окончания наставничества должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(
      start !== undefined && isIsoDate(data.term.end) && data.term.end < data.term.start,
      'term.endBeforeStart',
      'Дата окончания наставничества раньше даты начала',
    ),
  ];
  if (start === undefined || termProblems.length > 0) return refuse('pair.term.invalid', 'Срок наставничества указан неверно', termProblems);
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
    .map(({ personId, who }) => ({ code: `consent.${personId}.missing`, message: `Нет письменного согласия ${who} (${personId})` }));
  if (missing.length > 0) {
    return refuse('pair.consent.missing', 'Закрепление возможно только с письменного согласия наставника и каждого наставляемого', missing);
  }
  const consentProblems = consents.flatMap((consent): UnmetCondition[] => [
    ...unmetIf(
      !participants.some((p) => p.personId === consent.personId),
      `consent.${consent.personId}.notParticipant`,
      `Согласие ${consent.personId} не относится к участникам пары/группы`,
    ),
    ...unmetIf(
      !isIsoDate(consent.date),
      `consent.${consent.personId}.dateInvalid`,
      `Дата согласия ${consent.personId} должна быть в формате ГГГГ-ММ-ДД`,
    ),
    // The order is made "with the written consent" (004 slide 45), so consent comes first.
    ...unmetIf(
      isIsoDate(consent.date) && consent.date > order.date,
      `consent.${consent.personId}.afterOrder`,
      `Согласие ${consent.personId} датировано позже приказа о закреплении`,
    ),
  ]);
  if (consentProblems.length > 0) return refuse('pair.consent.invalid', 'Письменные согласия оформлены неверно', consentProblems);

  if (data.capacityReserved !== true) {
    return refuse('pair.capacity.notReserved', 'Не подтверждено, что у наставника есть свободные места для наставляемых');
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
    return refuse('pair.programme.alreadyApproved', 'Персонализированная программа наставничества этой пары/группы уже утверждена');
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
  const endValid = isIsoDate(data.end);
  const problems: UnmetCondition[] = [
    ...unmetIf(start === undefined, 'programme.start.invalid', 'Дата начала программы должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(!endValid, 'programme.end.invalid', 'Дата окончания программы должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(directions.length === 0, 'programme.directions.empty', 'Не указаны направления наставнической деятельности'),
    ...unmetIf(
      difficulties.length === 0,
      'programme.difficulties.empty',
      'Не указаны профессиональные затруднения наставляемого, на которые направлена программа',
    ),
    ...unmetIf(activities.length === 0, 'programme.activities.empty', 'Не указан перечень мероприятий'),
    ...activities.flatMap((activity, index) =>
      unmetIf(
        isMissing(activity.title) ||
          !isIsoDate(activity.plannedDate) ||
          (start !== undefined && endValid && (activity.plannedDate < data.start || activity.plannedDate > data.end)),
        `programme.activity.${index + 1}.invalid`,
        `Мероприятие ${index + 1}: нужны название и плановая дата в пределах программы`,
      ),
    ),
    ...unmetIf(
      isMissing(data.controller?.personId) || !(data.controller.role === 'commissionHead' || data.controller.role === 'curator'),
      'programme.controller.invalid',
      'Контроль проводит руководитель методической комиссии или куратор: укажите его',
    ),
  ];
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

  const window = { start: data.start, end: data.end };
  const taken = new Set(Object.keys(pair.tasks));
  const interimProblems = controlTaskProblems(data.interimControl, 'interim', 'промежуточный контроль', window, taken);
  const finalTaken = new Set([...taken, data.interimControl?.taskId ?? '']);
  const finalProblems = controlTaskProblems(data.finalControl, 'final', 'итоговый контроль', window, finalTaken);
  const reportProblems =
    data.mentorReport === undefined
      ? []
      : controlTaskProblems(data.mentorReport, 'mentorReport', 'отчёт наставника', window, new Set([...finalTaken, data.finalControl?.taskId ?? '']));
  const controlProblems: UnmetCondition[] = [
    ...interimProblems,
    ...finalProblems,
    ...reportProblems,
    ...unmetIf(
      interimProblems.length === 0 && finalProblems.length === 0 && data.interimControl.dueLocalDate >= data.finalControl.dueLocalDate,
      'control.interim.notBeforeFinal',
      'Промежуточный контроль должен предшествовать итоговому',
    ),
    ...unmetIf(
      data.mentorReport !== undefined &&
        reportProblems.length === 0 &&
        finalProblems.length === 0 &&
        data.mentorReport.dueLocalDate > data.finalControl.dueLocalDate,
      'control.mentorReport.afterFinal',
      'Отчёт наставника должен быть готов не позже итогового контроля',
    ),
  ];
  if (controlProblems.length > 0) return refuse('pair.control.invalid', 'План контроля пары/группы составлен неверно', controlProblems);

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
      : [raiseTask(pair, mentorReport, 'finalControl', taskTitles.mentorReport, { personId: pair.mentorId, role: 'mentor' }, metadata.now)]),
    raiseTask(pair, finalControl, 'finalControl', taskTitles.final, controllerAssignee, metadata.now),
  ];
};

// ---- Decisions: diary and reports -----------------------------------------------------------

const entryProblems = (pair: FormedPair, entry: PairEntry, now: string): UnmetCondition[] => {
  const date = isIsoDate(entry.date) ? utcMidnight(entry.date) : undefined;
  const nowTime = parseInstant(now) ?? Date.parse(now);
  return [
    ...unmetIf(isMissing(entry.entryId), 'entry.id.empty', 'Не указан идентификатор записи'),
    ...unmetIf(date === undefined, 'entry.date.invalid', 'Дата записи должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(date !== undefined && !localDateHasBegun(date, nowTime), 'entry.date.inFuture', 'Дата записи ещё не наступила'),
    ...unmetIf(
      date !== undefined && entry.date < pair.term.start,
      'entry.date.beforeTerm',
      `Дата записи раньше начала наставничества (${pair.term.start})`,
    ),
    ...textProblems(entry.text, 'entry.text', 'текст записи'),
  ];
};

const recordDiaryEntry = ({ data, metadata }: RecordDiaryEntry, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §6.1.9: the diary is the mentor's own; after a replacement it passes to the new mentor.
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Дневник наставника ведёт только текущий наставник пары/группы');
  }
  const problems = entryProblems(pair, data, metadata.now);
  if (problems.length > 0) return refuse('pair.entry.invalid', 'Запись дневника заполнена неверно', problems);
  if (pair.diaryEntryIds.includes(data.entryId)) return refuse('pair.entry.duplicate', 'Запись с таким идентификатором уже есть в дневнике');
  return [
    {
      type: 'MentorDiaryEntryRecorded',
      data: {
        pairId: pair.pairId,
        entryId: data.entryId,
        mentorId: pair.mentorId,
        date: data.date,
        text: data.text.trim(),
        recordedAt: metadata.now,
      },
    },
  ];
};

const recordMenteeReport = ({ data, metadata }: RecordMenteeReport, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §7.1.6: the mentee reports on their own work.
  if (!pair.menteeIds.includes(metadata.actorId)) {
    return refuse('pair.forbidden', 'Отчёт наставляемого может представить только наставляемый этой пары/группы');
  }
  const problems = entryProblems(pair, data, metadata.now);
  if (problems.length > 0) return refuse('pair.entry.invalid', 'Отчёт наставляемого заполнен неверно', problems);
  if (pair.menteeReportIds.includes(data.entryId)) return refuse('pair.entry.duplicate', 'Отчёт с таким идентификатором уже представлен');
  return [
    {
      type: 'MenteeReportRecorded',
      data: {
        pairId: pair.pairId,
        entryId: data.entryId,
        menteeId: metadata.actorId,
        date: data.date,
        text: data.text.trim(),
        recordedAt: metadata.now,
      },
    },
  ];
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
      return refuse('pair.interimControl.repeatNotExpected', 'Повторный контроль назначается только при необходимости корректировки');
    }
    return [{ type: 'InterimControlPassed', data: { ...base, outcome: 'passed' } }, completed(task.taskId, metadata, 'passed')];
  }
  if (comment === '') {
    return refuse('pair.control.commentRequired', 'Укажите, что требует корректировки');
  }
  if (data.repeatControl === undefined) {
    return refuse('pair.interimControl.repeatRequired', 'Назначьте срок повторного промежуточного контроля после корректировки');
  }
  const finalDue = pair.tasks[pair.controlPlan.finalTaskId]?.dueLocalDate ?? pair.personalProgramme.end;
  const window = { start: pair.personalProgramme.start, end: finalDue };
  const problems = controlTaskProblems(data.repeatControl, 'repeat', 'повторный промежуточный контроль', window, new Set(Object.keys(pair.tasks)));
  if (problems.length > 0) return refuse('pair.control.invalid', 'Повторный контроль запланирован неверно', problems);
  return [
    { type: 'InterimControlFailed', data: { ...base, outcome: 'needsCorrection', repeatTaskId: data.repeatControl.taskId } },
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
  const conclusion = requireText(data.conclusion, 'report.conclusion', 'заключение о результатах адаптации наставляемого');
  const proposals = isMissing(data.proposals) ? undefined : requireText(data.proposals, 'report.proposals', 'предложения по дальнейшей работе');
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
  const reportTask = pair.controlPlan.mentorReportTaskId === undefined ? undefined : pair.tasks[pair.controlPlan.mentorReportTaskId];
  if (reportTask !== undefined && isTaskActive(reportTask)) {
    return refuse('pair.finalControl.mentorReportPending', 'Наставник ещё не представил отчёт по итогам наставничества');
  }
  const mentorConclusion = requireText(
    data.mentorConclusion,
    'finalControl.conclusion',
    'заключение наставника о результатах адаптации наставляемого',
  );
  const comment = isMissing(data.comment) ? undefined : requireText(data.comment, 'finalControl.comment', 'комментарий');
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
  if (due === undefined || now < due) return refuse('pair.task.notYetDue', `Срок задачи (${task.dueLocalDate}) ещё не истёк`);
  return [{ type: 'TaskOverdue', data: { taskId: task.taskId, overdueAt: metadata.now } }];
};

// ---- Decisions: replacement and termination -------------------------------------------------

/**
 * Every condition a mentor replacement (002 §4.7) fails, for the API's pre-check and the workflow
 * alike. Authorisation is not here: it depends on who asks, not on the pair.
 */
export const validateMentorReplacement = (state: PairState, data: ReplaceMentor['data']): UnmetCondition[] => {
  const formed = isFormedPair(state) ? state : undefined;
  const closed = formed !== undefined && (formed.status === 'completed' || formed.status === 'terminated');
  const consent = data.newMentorConsent;
  return [
    ...unmetIf(formed === undefined, 'replacement.pairNotFormed', 'Наставническая пара/группа не сформирована'),
    ...unmetIf(closed, 'replacement.pairClosed', 'Наставничество в паре/группе завершено или прекращено'),
    ...unmetIf(isMissing(data.replacementId), 'replacement.idEmpty', 'Не указан идентификатор замены'),
    ...unmetIf(
      !isMentorReplacementReason(data.reason),
      'replacement.reasonUnknown',
      `Замена наставника возможна только по основаниям: ${Object.values(mentorReplacementReasonLabels).join('; ').toLowerCase()}`,
    ),
    ...unmetIf(isMissing(data.newMentorId), 'replacement.newMentorEmpty', 'Не указан новый наставник'),
    ...unmetIf(
      formed !== undefined && !isMissing(data.newMentorId) && data.newMentorId === formed.mentorId,
      'replacement.sameMentor',
      'Новый наставник совпадает с текущим',
    ),
    ...unmetIf(
      formed !== undefined && formed.menteeIds.includes(data.newMentorId),
      'replacement.newMentorIsMentee',
      'Новый наставник является наставляемым этой пары/группы',
    ),
    ...unmetIf(
      consent === undefined || consent.personId !== data.newMentorId || !isIsoDate(consent.date),
      'replacement.newMentorConsentMissing',
      'Нет датированного письменного согласия нового наставника',
    ),
    ...unmetIf(data.capacityReserved !== true, 'replacement.capacityNotReserved', 'Не подтверждено, что у нового наставника есть свободные места'),
    ...(pairOrderProblems(data.order).length > 0
      ? [{ code: 'replacement.orderMissing', message: 'Нет приказа руководителя о замене наставника с номером, датой и подписью' }]
      : []),
    ...warningProblems(data.mentorEligibilityWarnings).map((p) => ({ ...p, code: 'replacement.mentorEligibilityWarningUnknown' })),
  ];
};

const replaceMentor = ({ data, metadata }: ReplaceMentor, state: PairState): PairEvent[] => {
  requireRole(metadata, orderSigners, 'Заменить наставника может только руководитель организации (по приказу) или администратор');
  const decided = isFormedPair(state) ? state.replacementDecisions[data.replacementId] : undefined;
  // A retried request that already went through changes nothing.
  if (decided === 'applied') return [];
  if (decided === 'rejected') return refuse('pair.replacement.alreadyRejected', 'Этот запрос на замену наставника уже отклонён');
  const unmet = validateMentorReplacement(state, data);
  if (!isFormedPair(state) || data.order === undefined || data.newMentorConsent === undefined || unmet.length > 0) {
    return refuse('pair.replacement.invalid', `Замена наставника невозможна: ${unmet.map((u) => u.message).join('; ')}`, unmet);
  }
  const to: TaskAssignee = { personId: data.newMentorId, role: 'mentor' };
  const reassigned: PairEvent[] = Object.values(state.tasks)
    .filter((task) => isTaskActive(task) && task.assignee.personId === state.mentorId)
    .map((task) => ({ type: 'TaskReassigned', data: { taskId: task.taskId, from: task.assignee, to, reassignedAt: metadata.now } }));
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
  if (problems.length > 0) return refuse('pair.replacement.rejectionInvalid', 'Отказ в замене наставника оформлен неверно', problems);
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
  requireRole(metadata, orderSigners, 'Прекратить наставничество может только руководитель организации (по приказу) или администратор');
  if (isMissing(data.reason)) return refuse('pair.termination.reasonRequired', 'Укажите причину прекращения наставничества');
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
      .map((task): PairEvent => ({ type: 'TaskCancelled', data: { taskId: task.taskId, cancelledAt: metadata.now, reason } })),
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

// ---- Evolution ------------------------------------------------------------------------------

const whenFormed = (state: PairState, next: (pair: FormedPair) => FormedPair): PairState => (isFormedPair(state) ? next(state) : state);

/** Closes the current mentor's term: the history has no gap and no overlap. */
const closeMentorTerm = (history: readonly PairMentorTerm[], to: string, endReason?: MentorReplacementReason): PairMentorTerm[] =>
  history.map((term, index) =>
    index === history.length - 1 ? { ...term, to, ...(endReason === undefined ? {} : { endReason }) } : term,
  );

export const evolvePair = (state: PairState, event: PairEvent): PairState => {
  if (isTaskEvent(event)) return whenFormed(state, (pair) => ({ ...pair, tasks: evolveTasks(pair.tasks, event) }));
  switch (event.type) {
    case 'PairFormed': {
      const { pairId, programmeId, organisationId, form, kind, mentorId, menteeIds, consents, order, term, shortTermReason } = event.data;
      return {
        status: 'formed',
        pairId,
        programmeId,
        organisationId,
        form,
        kind,
        mentorId,
        mentorHistory: [{ mentorId, from: event.data.formedAt, order }],
        menteeIds,
        consents,
        order,
        term,
        ...(shortTermReason === undefined ? {} : { shortTermReason }),
        mentorEligibilityWarnings: event.data.mentorEligibilityWarnings,
        formedAt: event.data.formedAt,
        interimControls: [],
        diaryEntryIds: [],
        diaryCount: 0,
        menteeReportIds: [],
        menteeReportsCount: 0,
        tasks: {},
        replacementDecisions: {},
      };
    }
    case 'PersonalProgrammeApproved':
      return whenFormed(state, (pair) => {
        const { programmeDocId, start, end, directions, activities, difficulties, approvedAt, approvedBy } = event.data;
        const { controller, interimControl, finalControl, mentorReport } = event.data;
        return {
          ...pair,
          status: 'active',
          personalProgramme: {
            ...(programmeDocId === undefined ? {} : { programmeDocId }),
            start,
            end,
            directions,
            activities,
            difficulties,
            approvedAt,
            approvedBy,
          },
          controlPlan: {
            controller,
            interimTaskIds: [interimControl.taskId],
            finalTaskId: finalControl.taskId,
            ...(mentorReport === undefined ? {} : { mentorReportTaskId: mentorReport.taskId }),
          },
        };
      });
    case 'MentorDiaryEntryRecorded':
      return whenFormed(state, (pair) => ({
        ...pair,
        diaryEntryIds: [...pair.diaryEntryIds, event.data.entryId],
        diaryCount: pair.diaryCount + 1,
      }));
    case 'MenteeReportRecorded':
      return whenFormed(state, (pair) => ({
        ...pair,
        menteeReportIds: [...pair.menteeReportIds, event.data.entryId],
        menteeReportsCount: pair.menteeReportsCount + 1,
      }));
    case 'InterimControlPassed':
    case 'InterimControlFailed':
      return whenFormed(state, (pair) => {
        const { taskId, outcome, comment, controlledAt, controlledBy } = event.data;
        const repeat = event.type === 'InterimControlFailed' ? [event.data.repeatTaskId] : [];
        return {
          ...pair,
          interimControls: [...pair.interimControls, { taskId, outcome, comment, controlledAt, controlledBy }],
          ...(pair.controlPlan === undefined
            ? {}
            : { controlPlan: { ...pair.controlPlan, interimTaskIds: [...pair.controlPlan.interimTaskIds, ...repeat] } }),
        };
      });
    case 'MentorFinalReportSubmitted':
      return whenFormed(state, (pair) => {
        const { taskId, mentorId, conclusion, proposals, submittedAt } = event.data;
        return { ...pair, mentorFinalReport: { taskId, mentorId, conclusion, ...(proposals === undefined ? {} : { proposals }), submittedAt } };
      });
    case 'FinalControlCompleted':
      return whenFormed(state, (pair) => {
        const { taskId, outcome, mentorConclusion, comment, controlledAt, controlledBy } = event.data;
        return {
          ...pair,
          finalControl: { taskId, outcome, mentorConclusion, ...(comment === undefined ? {} : { comment }), controlledAt, controlledBy },
        };
      });
    case 'PairCompleted':
      return whenFormed(state, (pair) => ({
        ...pair,
        status: 'completed',
        completedAt: event.data.completedAt,
        mentorHistory: closeMentorTerm(pair.mentorHistory, event.data.completedAt),
      }));
    case 'MentorReplaced':
      return whenFormed(state, (pair) => {
        const { replacementId, newMentorId, reason, order, newMentorConsent, replacedAt } = event.data;
        return {
          ...pair,
          mentorId: newMentorId,
          mentorHistory: [
            ...closeMentorTerm(pair.mentorHistory, replacedAt, reason),
            { mentorId: newMentorId, from: replacedAt, order, replacementId },
          ],
          consents: [...pair.consents, newMentorConsent],
          replacementDecisions: { ...pair.replacementDecisions, [replacementId]: 'applied' },
        };
      });
    case 'MentorReplacementRejected':
      return whenFormed(state, (pair) => ({
        ...pair,
        replacementDecisions: { ...pair.replacementDecisions, [event.data.replacementId]: 'rejected' },
      }));
    case 'PairTerminated':
      return whenFormed(state, (pair) => {
        const { reason, order, terminatedAt, terminatedBy } = event.data;
        return {
          ...pair,
          status: 'terminated',
          termination: { reason, order, terminatedAt, terminatedBy },
          mentorHistory: closeMentorTerm(pair.mentorHistory, terminatedAt),
        };
      });
    default:
      return assertNever(event);
  }
};

export const pairDecider: Decider<PairState, PairCommand, PairEvent> = {
  decide: decidePair,
  evolve: evolvePair,
  initialState: initialPairState,
};

// ---- Read helpers ---------------------------------------------------------------------------

export type PairGateCounts = Pick<
  ProgrammeGateContext,
  'pairsAssigned' | 'pairsAssignedWithOrderAndConsents' | 'pairsWithApprovedPersonalProgramme' | 'activePairs' | 'activePairsPassedInterimControl'
>;

/** The current mentor and every mentee have a dated written consent, and the order is complete. */
export const pairHasOrderAndConsents = (pair: FormedPair): boolean =>
  pairOrderProblems(pair.order).length === 0 &&
  [pair.mentorId, ...pair.menteeIds].every((personId) => pair.consents.some((c) => c.personId === personId && isIsoDate(c.date)));

export const pairPassedInterimControl = (pair: FormedPair): boolean => pair.interimControls.at(-1)?.outcome === 'passed';

/**
 * The counts the programme's stage gates need, over the pairs of one programme. Terminated pairs do
 * not count. A completed pair was assigned, approved and active and passed its controls, so it counts
 * in all five — also in activePairs, which keeps "passed" never above "active" as the gate checks.
 */
export const pairGateCounts = (states: readonly PairState[]): PairGateCounts => {
  const counted = states.filter(isFormedPair).filter((pair) => pair.status !== 'terminated');
  const count = (holds: (pair: FormedPair) => boolean): number => counted.filter(holds).length;
  return {
    pairsAssigned: counted.length,
    pairsAssignedWithOrderAndConsents: count(pairHasOrderAndConsents),
    pairsWithApprovedPersonalProgramme: count((pair) => pair.personalProgramme !== undefined),
    activePairs: count((pair) => pair.status === 'active' || pair.status === 'completed'),
    activePairsPassedInterimControl: count(
      (pair) => pair.status === 'completed' || (pair.status === 'active' && pairPassedInterimControl(pair)),
    ),
  };
};
