import { assertNever, type CommandMetadata, type Decider, type DomainCommand } from '../shared/decider';
import { DomainRefusal, type UnmetCondition } from '../shared/refusal';
import type { TaskAssignee, TaskCancelled, TaskCompleted, TaskEvent, TaskKind, TaskRaised } from '../task/task.events';
import {
  evolveTasks,
  isTaskActive,
  openTasksOfKind,
  requireCompletable,
  setTaskDeadline,
  type TaskDeadline,
  type Tasks,
  type TaskView,
} from '../task/task.state';
import { isRouteCode } from './route.code';
import {
  competenceAreas,
  isCompetenceArea,
  isRouteActivityKind,
  type CompetenceArea,
  type CompetenceAssessment,
  type CompetenceDynamics,
  type CompetenceResult,
  type RouteControlPoint,
  type RouteEvent,
  type RouteRoadMapRow,
  type RouteRoadMapSource,
  type RouteStage,
  type RouteTitlePage,
} from './route.events';
import { competenceAreaLabels, routeMonthLabel, routeStageLabels } from './route.labels';
import { instantTime, isIsoDate, utcMidnight } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';

// ---- Competence levels ----------------------------------------------------------------------

/**
 * 003 §5.4: 81–100 % high, 50–80 % basic, below 50 % deficit. Percentages may be fractional, so the
 * bands are read as "from 81", "from 50". The seed names the deficit levels (high, medium, minimal)
 * without thresholds; ours split the deficit band: below 30 high, 30 to below 40 medium, 40 to below 50 minimal.
 */
export const competenceLevelThresholds = { high: 81, basic: 50, minimalDeficit: 40, mediumDeficit: 30 } as const;

export const isValidCompetencePercent = (percent: number): boolean => Number.isFinite(percent) && percent >= 0 && percent <= 100;

export const competenceLevel = (percent: number): CompetenceAssessment => {
  if (!isValidCompetencePercent(percent)) {
    throw new DomainRefusal('route.diagnostics.percentOutOfRange', `Результат диагностики должен быть от 0 до 100 %, получено: ${String(percent)}`);
  }
  if (percent >= competenceLevelThresholds.high) return { level: 'high' };
  if (percent >= competenceLevelThresholds.basic) return { level: 'basic' };
  if (percent >= competenceLevelThresholds.minimalDeficit) return { level: 'deficit', deficitLevel: 'minimal' };
  if (percent >= competenceLevelThresholds.mediumDeficit) return { level: 'deficit', deficitLevel: 'medium' };
  return { level: 'deficit', deficitLevel: 'high' };
};

// ---- Commands -------------------------------------------------------------------------------

/**
 * A task the workflow schedules: it computes `dueAt`/`dueLocalDate` on the production calendar, or, when
 * the calendar lacks the year, names that year (`deadlinePendingYear`) and leaves the due date unset.
 */
export interface RouteTaskSchedule {
  readonly taskId: string;
  readonly dueAt?: string;
  readonly dueLocalDate?: string;
  readonly remindAt?: readonly string[];
  readonly deadlinePendingYear?: number;
}

export interface RouteDiagnosticsResultInput {
  readonly area: CompetenceArea;
  readonly percent: number;
}

export type CreateRoute = DomainCommand<
  'CreateRoute',
  {
    readonly routeId: string;
    /** Registry code, see `formatRouteCode`. */
    readonly code: string;
    readonly organisationId: string;
    readonly teacherId: string;
    readonly methodologistId: string;
    readonly tutorId: string;
    readonly titlePage: RouteTitlePage;
    readonly goal?: string;
    readonly tasks?: readonly string[];
  }
>;

export type FixGoal = DomainCommand<'FixGoal', { readonly goal: string; readonly tasks: readonly string[] }>;

export type RecordDiagnostics = DomainCommand<
  'RecordDiagnostics',
  {
    readonly diagnosticsId: string;
    readonly date: string;
    readonly results: readonly RouteDiagnosticsResultInput[];
    readonly nextDiagnosticsDate?: string;
    /** The methodologist's draft task: due at the end of the 10th working day after the results arrive. */
    readonly draftTaskId: string;
    readonly draftDueAt?: string;
    readonly draftDueLocalDate?: string;
    readonly remindAt: readonly string[];
    /** The calendar lacks this year: the draft is accepted with its deadline pending. */
    readonly draftDeadlinePendingYear?: number;
  }
>;

/** Sent by the workflow's timer at the draft's deadline. */
export type MarkDraftOverdue = DomainCommand<
  'MarkDraftOverdue',
  {
    readonly taskId: string;
    /** The organisation's curator; without one the escalation goes to the tutor alone. */
    readonly curatorId?: string;
    readonly escalationTaskIds: { readonly tutor: string; readonly curator?: string };
    readonly dueAt?: string;
    readonly dueLocalDate?: string;
    readonly remindAt?: readonly string[];
    readonly deadlinePendingYear?: number;
  }
>;

/** Sent by the workflow once the calendar year a task's deadline waited for is loaded. */
export type SetRouteTaskDeadline = DomainCommand<'SetTaskDeadline', { readonly taskId: string } & TaskDeadline>;

export type RemindRouteTask = DomainCommand<'RemindTask', { readonly taskId: string }>;

export type SubmitDraft = DomainCommand<'SubmitDraft', { readonly rows: readonly RouteRoadMapRow[] }>;

export type ProposeOwnRoadMap = DomainCommand<'ProposeOwnRoadMap', { readonly rows: readonly RouteRoadMapRow[] }>;

export type ApproveProposedRoadMap = DomainCommand<'ApproveProposedRoadMap', { readonly controlPoints: readonly RouteControlPoint[] }>;

export type AgreeRoadMap = DomainCommand<
  'AgreeRoadMap',
  {
    readonly controlPoints: readonly RouteControlPoint[];
    /** The tutor's refinement of the draft; omitted or unchanged, the draft itself is agreed. */
    readonly rows?: readonly RouteRoadMapRow[];
  }
>;

export type RaiseMonthlyCheck = DomainCommand<'RaiseMonthlyCheck', RouteTaskSchedule & { readonly month: string }>;

export type CompleteRouteTask = DomainCommand<'CompleteTask', { readonly taskId: string; readonly result: string }>;

export type RecordPortfolioEntry = DomainCommand<
  'RecordPortfolioEntry',
  { readonly entryId: string; readonly rowId?: string; readonly product: string; readonly selfAssessment: string }
>;

export type CorrectRoadMap = DomainCommand<'CorrectRoadMap', { readonly reason: string; readonly rows: readonly RouteRoadMapRow[] }>;

export type StartReflection = DomainCommand<'StartReflection', { readonly controlDiagnosticsTask?: RouteTaskSchedule }>;

export type RecordControlDiagnostics = DomainCommand<
  'RecordControlDiagnostics',
  { readonly diagnosticsId: string; readonly date: string; readonly results: readonly RouteDiagnosticsResultInput[] }
>;

export type CompleteRoute = DomainCommand<'CompleteRoute', Record<string, never>>;

export type RouteCommand =
  | CreateRoute
  | FixGoal
  | RecordDiagnostics
  | MarkDraftOverdue
  | RemindRouteTask
  | SetRouteTaskDeadline
  | SubmitDraft
  | ProposeOwnRoadMap
  | ApproveProposedRoadMap
  | AgreeRoadMap
  | RaiseMonthlyCheck
  | CompleteRouteTask
  | RecordPortfolioEntry
  | CorrectRoadMap
  | StartReflection
  | RecordControlDiagnostics
  | CompleteRoute;

// ---- State ----------------------------------------------------------------------------------

export interface RouteParticipants {
  readonly teacherId: string;
  readonly methodologistId: string;
  readonly tutorId: string;
}

export interface RouteGoal {
  readonly goal: string;
  readonly tasks: readonly string[];
}

export interface RouteDiagnostics {
  readonly diagnosticsId: string;
  readonly date: string;
  readonly nextDiagnosticsDate?: string;
  readonly results: readonly CompetenceResult[];
  readonly recordedAt: string;
}

export interface RouteControlDiagnostics extends RouteDiagnostics {
  readonly dynamics: readonly CompetenceDynamics[];
}

export interface RouteDraft {
  readonly taskId: string;
  /** Absent while the deadline waits for a production-calendar year. */
  readonly dueAt?: string;
  readonly dueLocalDate?: string;
  readonly overdue: boolean;
  readonly submittedAt?: string;
  readonly onTime?: boolean;
}

export interface RouteRoadMapVersion {
  readonly version: number;
  readonly origin: RouteRoadMapSource | 'correction';
  readonly rows: readonly RouteRoadMapRow[];
  readonly reason?: string;
  readonly at: string;
  readonly by: string;
}

export interface RouteProposal {
  readonly rows: readonly RouteRoadMapRow[];
  readonly proposedAt: string;
  readonly proposedBy: string;
}

export interface RoutePortfolioEntry {
  readonly entryId: string;
  readonly rowId?: string;
  readonly competence?: CompetenceArea;
  readonly product: string;
  readonly selfAssessment: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface CreatedRoute {
  readonly status: 'created';
  readonly routeId: string;
  readonly code: string;
  readonly organisationId: string;
  readonly participants: RouteParticipants;
  readonly titlePage: RouteTitlePage;
  readonly stage: RouteStage;
  readonly stageEnteredAt: string;
  readonly createdAt: string;
  readonly goal?: RouteGoal;
  readonly diagnostics?: RouteDiagnostics;
  readonly draft?: RouteDraft;
  /** The current road map: the last of `roadMapVersions`. */
  readonly roadMap?: RouteRoadMapVersion;
  readonly roadMapVersions: readonly RouteRoadMapVersion[];
  readonly agreedAt?: string;
  readonly proposal?: RouteProposal;
  readonly controlPoints: readonly RouteControlPoint[];
  readonly portfolio: readonly RoutePortfolioEntry[];
  readonly controlDiagnostics?: RouteControlDiagnostics;
  readonly tasks: Tasks;
  readonly monthlyCheckTaskIds: readonly string[];
  readonly completedAt?: string;
}

export type RouteState = { readonly status: 'notCreated' } | CreatedRoute;

export const initialRouteState = (): RouteState => ({ status: 'notCreated' });

// ---- Read helpers ---------------------------------------------------------------------------

/** The indicator "draft delivered within 10 working days": undefined while still pending, or when no draft was awaited. */
export const routeDraftDeliveredOnTime = (state: RouteState): boolean | undefined => {
  if (state.status !== 'created' || state.draft === undefined) return undefined;
  if (state.draft.overdue) return false;
  return state.draft.onTime;
};

/** Areas diagnosed as a deficit that no row of the current road map addresses. */
export const routeUncoveredDeficitAreas = (state: RouteState): CompetenceArea[] => {
  if (state.status !== 'created' || state.diagnostics === undefined) return [];
  const covered = new Set(state.roadMap?.rows.map((row) => row.competence) ?? []);
  return state.diagnostics.results.filter((r) => r.level === 'deficit' && !covered.has(r.area)).map((r) => r.area);
};

// ---- Helpers --------------------------------------------------------------------------------

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const dayMs = 24 * 60 * 60 * 1000;

const withinPeriod = (date: string, titlePage: RouteTitlePage): boolean =>
  isIsoDate(date) && date >= titlePage.startDate && date <= titlePage.endDate;

const stageName = (stage: RouteStage): string => `«${routeStageLabels[stage]}»`;

const requireCreated = (state: RouteState): CreatedRoute =>
  state.status === 'created' ? state : refuse('route.notCreated', 'Индивидуальный образовательный маршрут не создан');

const requireActive = (state: RouteState): CreatedRoute => {
  const created = requireCreated(state);
  return created.stage === 'completed' ? refuse('route.completed', `ИОМ ${created.code} завершён; изменения не принимаются`) : created;
};

const requireStage = (state: CreatedRoute, ...stages: RouteStage[]): void => {
  if (stages.includes(state.stage)) return;
  refuse(
    'route.stage.mismatch',
    `Действие недоступно на этапе ${stageName(state.stage)}; оно выполняется на этапе ${stages.map(stageName).join(' или ')}`,
  );
};

type RouteParticipantRole = 'teacher' | 'methodologist' | 'tutor';

const participantDative: Readonly<Record<RouteParticipantRole, string>> = {
  teacher: 'педагогу',
  methodologist: 'методисту',
  tutor: 'тьютору',
};

const participantId = (state: CreatedRoute, who: RouteParticipantRole): string => {
  switch (who) {
    case 'teacher':
      return state.participants.teacherId;
    case 'methodologist':
      return state.participants.methodologistId;
    case 'tutor':
      return state.participants.tutorId;
    default:
      return assertNever(who);
  }
};

/** Membership of this route, not the role claim, proves the actor may act on it. */
const requireParticipant = (state: CreatedRoute, metadata: CommandMetadata, who: RouteParticipantRole): void => {
  if (metadata.role === 'administrator' || metadata.actorId === participantId(state, who)) return;
  refuse('route.forbidden', `Действие доступно только ${participantDative[who]} этого маршрута или администратору`);
};

const routeTask = (
  state: CreatedRoute,
  metadata: CommandMetadata,
  schedule: RouteTaskSchedule,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
): TaskRaised => ({
  type: 'TaskRaised',
  data: {
    taskId: schedule.taskId,
    kind,
    title,
    assignee,
    organisationId: state.organisationId,
    subject: { type: 'route', id: state.routeId },
    raisedAt: metadata.now,
    ...(schedule.deadlinePendingYear === undefined
      ? { dueAt: schedule.dueAt, dueLocalDate: schedule.dueLocalDate }
      : { deadlinePendingYear: schedule.deadlinePendingYear }),
    remindAt: schedule.remindAt ?? [],
  },
});

const cancelTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, reason: string): TaskCancelled[] =>
  tasks
    .filter(isTaskActive)
    .map((task) => ({ type: 'TaskCancelled', data: { taskId: task.taskId, cancelledAt: metadata.now, reason } }));

const completeTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, result: string): TaskCompleted[] =>
  tasks
    .filter(isTaskActive)
    .map((task) => ({ type: 'TaskCompleted', data: { taskId: task.taskId, completedAt: metadata.now, completedBy: metadata.actorId, result } }));

// ---- Validation -----------------------------------------------------------------------------

const goalProblems = (goal: string | undefined, tasks: readonly string[] | undefined): UnmetCondition[] => [
  ...unmetIf(isUnsetOrBlank(goal), 'goal.empty', 'Не указана цель ИОМ'),
  ...unmetIf(tasks === undefined || tasks.length === 0, 'goal.tasks.empty', 'Не указаны задачи ИОМ'),
  ...unmetIf((tasks ?? []).some((task) => isUnsetOrBlank(task)), 'goal.task.empty', 'Задача ИОМ не может быть пустой'),
];

const normaliseGoal = (goal: string, tasks: readonly string[]): RouteGoal => ({ goal: goal.trim(), tasks: tasks.map((task) => task.trim()) });

const sameGoal = (a: RouteGoal, b: RouteGoal): boolean =>
  a.goal === b.goal && a.tasks.length === b.tasks.length && a.tasks.every((task, i) => task === b.tasks[i]);

/** 003 §3.1 leaves the period to the participants; the route is long-term (4–5 years) and we accept 1 to 5. */
const periodProblems = (titlePage: RouteTitlePage): UnmetCondition[] => {
  const start = utcMidnight(titlePage.startDate);
  const end = utcMidnight(titlePage.endDate);
  const shortest = utcMidnight(titlePage.startDate, 1);
  const longest = utcMidnight(titlePage.startDate, 5);
  const dates = [
    ...unmetIf(start === undefined, 'titlePage.startDate.invalid', 'Дата начала ИОМ должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(end === undefined, 'titlePage.endDate.invalid', 'Дата окончания ИОМ должна быть в формате ГГГГ-ММ-ДД'),
  ];
  if (dates.length > 0 || end === undefined || shortest === undefined || longest === undefined) return dates;
  // Both dates are inclusive: 2026-09-01 … 2027-08-31 is exactly one year.
  return unmetIf(
    end < shortest - dayMs || end > longest - dayMs,
    'titlePage.period.invalid',
    'Срок ИОМ — от одного года до пяти лет (дата окончания включается в срок)',
  );
};

const titlePageProblems = (titlePage: RouteTitlePage): UnmetCondition[] => [
  ...unmetIf(isUnsetOrBlank(titlePage.position), 'titlePage.position.empty', 'Не указана должность педагога'),
  ...unmetIf(isUnsetOrBlank(titlePage.education), 'titlePage.education.empty', 'Не указано образование педагога'),
  ...unmetIf(
    titlePage.lastAttestationDate !== undefined && !isIsoDate(titlePage.lastAttestationDate),
    'titlePage.lastAttestationDate.invalid',
    'Дата последней аттестации должна быть в формате ГГГГ-ММ-ДД',
  ),
  ...unmetIf(
    !(Number.isInteger(titlePage.teachingExperienceYears) && titlePage.teachingExperienceYears >= 0 && titlePage.teachingExperienceYears <= 80),
    'titlePage.teachingExperience.invalid',
    'Педагогический стаж — целое число лет от 0 до 80',
  ),
  ...unmetIf(isUnsetOrBlank(titlePage.selfEducationTopic), 'titlePage.selfEducationTopic.empty', 'Не указана тема по самообразованию'),
  ...periodProblems(titlePage),
];

const normaliseTitlePage = (titlePage: RouteTitlePage): RouteTitlePage => ({
  position: titlePage.position.trim(),
  education: titlePage.education.trim(),
  ...(titlePage.lastAttestationDate === undefined ? {} : { lastAttestationDate: titlePage.lastAttestationDate }),
  ...(isUnsetOrBlank(titlePage.qualificationCategory) ? {} : { qualificationCategory: titlePage.qualificationCategory?.trim() }),
  teachingExperienceYears: titlePage.teachingExperienceYears,
  selfEducationTopic: titlePage.selfEducationTopic.trim(),
  startDate: titlePage.startDate,
  endDate: titlePage.endDate,
});

const duplicates = <T>(values: readonly T[]): T[] => values.filter((value, i) => values.indexOf(value) !== i && values.indexOf(value, i + 1) === -1);

const diagnosticsProblems = (diagnosticsId: string, date: string, results: readonly RouteDiagnosticsResultInput[]): UnmetCondition[] => {
  const areas = results.map((result) => String(result.area));
  return [
    ...unmetIf(isUnsetOrBlank(diagnosticsId), 'diagnostics.id.empty', 'Не указан идентификатор диагностики'),
    ...unmetIf(!isIsoDate(date), 'diagnostics.date.invalid', 'Дата диагностики должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(results.length === 0, 'diagnostics.results.empty', 'Нет ни одного результата диагностики'),
    ...areas
      .filter((area) => !isCompetenceArea(area))
      .map((area) => ({ code: 'diagnostics.area.unknown', message: `Неизвестная область компетенций: «${area}»` })),
    ...duplicates(areas.filter(isCompetenceArea)).map((area) => ({
      code: 'diagnostics.area.duplicate',
      message: `Область «${competenceAreaLabels[area]}» указана в результатах несколько раз`,
    })),
    ...results
      .filter((result) => !isValidCompetencePercent(result.percent))
      .map((result) => ({
        code: 'diagnostics.percent.outOfRange',
        message: `Результат по области «${isCompetenceArea(result.area) ? competenceAreaLabels[result.area] : result.area}» должен быть от 0 до 100 %`,
      })),
  ];
};

/** Results in the order of `competenceAreas`, each with its level. */
const assess = (results: readonly RouteDiagnosticsResultInput[]): CompetenceResult[] =>
  competenceAreas.flatMap((area) => {
    const result = results.find((r) => r.area === area);
    return result ? [{ area, percent: result.percent, ...competenceLevel(result.percent) }] : [];
  });

const scheduleProblems = (schedule: RouteTaskSchedule, tasks: Tasks, now: string, what: string): UnmetCondition[] => {
  const identity = [
    ...unmetIf(isUnsetOrBlank(schedule.taskId), 'task.id.empty', `Не указан идентификатор задачи «${what}»`),
    ...unmetIf(!isUnsetOrBlank(schedule.taskId) && tasks[schedule.taskId] !== undefined, 'task.id.duplicate', `Задача ${schedule.taskId} уже существует`),
  ];
  if (schedule.deadlinePendingYear !== undefined) {
    // The deadline waits for the year's calendar: nothing to check of it but the year itself.
    return [
      ...identity,
      ...unmetIf(
        !Number.isInteger(schedule.deadlinePendingYear) || schedule.dueAt !== undefined || (schedule.remindAt ?? []).length > 0,
        'task.deadlinePending.invalid',
        `Ожидающий календаря срок задачи «${what}» задан неверно`,
      ),
    ];
  }
  const due = instantTime(schedule.dueAt ?? '');
  return [
    ...identity,
    ...unmetIf(
      Number.isNaN(due) || due <= Date.parse(now),
      'task.dueAt.invalid',
      `Срок задачи «${what}» должен быть моментом времени ISO-8601 позже текущего`,
    ),
    ...unmetIf(!isIsoDate(schedule.dueLocalDate ?? ''), 'task.dueLocalDate.invalid', `Дата срока задачи «${what}» должна быть в формате ГГГГ-ММ-ДД`),
    ...unmetIf(
      (schedule.remindAt ?? []).some((at) => Number.isNaN(instantTime(at)) || instantTime(at) > due),
      'task.remindAt.invalid',
      `Напоминания по задаче «${what}» должны быть моментами времени ISO-8601 не позже срока`,
    ),
  ];
};

const normaliseRow = (row: RouteRoadMapRow): RouteRoadMapRow => ({
  rowId: row.rowId.trim(),
  competence: row.competence,
  activity: row.activity.trim(),
  activityKind: row.activityKind,
  tasks: row.tasks.trim(),
  hours: row.hours,
  deadline: row.deadline,
  ...(row.chosenMark === undefined ? {} : { chosenMark: row.chosenMark }),
  ...(isUnsetOrBlank(row.doneMark) ? {} : { doneMark: row.doneMark?.trim() }),
});

const rowProblems = (rows: readonly RouteRoadMapRow[], titlePage: RouteTitlePage): UnmetCondition[] => [
  ...unmetIf(rows.length === 0, 'roadMap.rows.empty', 'Дорожная карта не содержит ни одного мероприятия'),
  ...duplicates(rows.map((row) => row.rowId.trim()).filter((id) => id !== '')).map((id) => ({
    code: 'roadMap.row.duplicate',
    message: `Строка ${id} указана в дорожной карте несколько раз`,
  })),
  ...rows.flatMap((row, i) => {
    const at = `Строка ${i + 1} дорожной карты`;
    return [
      ...unmetIf(isUnsetOrBlank(row.rowId), 'roadMap.row.idEmpty', `${at}: не указан идентификатор`),
      ...unmetIf(!isCompetenceArea(row.competence), 'roadMap.row.competenceUnknown', `${at}: неизвестная область компетенций «${row.competence}»`),
      ...unmetIf(isUnsetOrBlank(row.activity), 'roadMap.row.activityEmpty', `${at}: не указано мероприятие`),
      ...unmetIf(!isRouteActivityKind(row.activityKind), 'roadMap.row.activityKindUnknown', `${at}: неизвестный вид мероприятия «${row.activityKind}»`),
      ...unmetIf(isUnsetOrBlank(row.tasks), 'roadMap.row.tasksEmpty', `${at}: не указаны решаемые задачи`),
      ...unmetIf(!(Number.isFinite(row.hours) && row.hours >= 0), 'roadMap.row.hoursInvalid', `${at}: количество часов должно быть неотрицательным числом`),
      ...unmetIf(
        !withinPeriod(row.deadline, titlePage),
        'roadMap.row.deadlineInvalid',
        `${at}: срок исполнения должен быть датой ГГГГ-ММ-ДД в пределах срока ИОМ (${titlePage.startDate} — ${titlePage.endDate})`,
      ),
    ];
  }),
];

const validRows = (rows: readonly RouteRoadMapRow[], state: CreatedRoute): RouteRoadMapRow[] => {
  refuseIfAny('route.roadMap.invalid', 'Дорожная карта заполнена неверно', rowProblems(rows, state.titlePage));
  return rows.map(normaliseRow);
};

/** Structural, key-order free: state read back from a JSON store may order keys differently. */
const rowKey = (row: RouteRoadMapRow): string =>
  JSON.stringify([row.rowId, row.competence, row.activity, row.activityKind, row.tasks, row.hours, row.deadline, row.chosenMark ?? null, row.doneMark ?? null]);

const sameRows = (a: readonly RouteRoadMapRow[], b: readonly RouteRoadMapRow[]): boolean =>
  a.length === b.length &&
  a.every((row, i) => {
    const other = b[i];
    return other !== undefined && rowKey(row) === rowKey(other);
  });

const validControlPoints = (controlPoints: readonly RouteControlPoint[], state: CreatedRoute): RouteControlPoint[] => {
  const problems: UnmetCondition[] = [
    ...unmetIf(controlPoints.length === 0, 'controlPoints.empty', 'Не определено ни одной контрольной точки'),
    ...duplicates(controlPoints.map((p) => p.controlPointId.trim()).filter((id) => id !== '')).map((id) => ({
      code: 'controlPoint.duplicate',
      message: `Контрольная точка ${id} указана несколько раз`,
    })),
    ...controlPoints.flatMap((point, i) => {
      const at = `Контрольная точка ${i + 1}`;
      return [
        ...unmetIf(isUnsetOrBlank(point.controlPointId), 'controlPoint.idEmpty', `${at}: не указан идентификатор`),
        ...unmetIf(
          !withinPeriod(point.date, state.titlePage),
          'controlPoint.dateInvalid',
          `${at}: дата должна быть в формате ГГГГ-ММ-ДД в пределах срока ИОМ (${state.titlePage.startDate} — ${state.titlePage.endDate})`,
        ),
        ...unmetIf(isUnsetOrBlank(point.description), 'controlPoint.descriptionEmpty', `${at}: не указано содержание`),
      ];
    }),
  ];
  refuseIfAny('route.controlPoints.invalid', 'Контрольные точки заполнены неверно', problems);
  return controlPoints.map((point) => ({ controlPointId: point.controlPointId.trim(), date: point.date, description: point.description.trim() }));
};

// ---- Decisions ------------------------------------------------------------------------------

const create = ({ data, metadata }: CreateRoute, state: RouteState): RouteEvent[] => {
  if (state.status === 'created') return refuse('route.alreadyCreated', `ИОМ ${state.code} уже создан`);
  if (metadata.role !== 'administrator' && metadata.actorId !== data.tutorId) {
    return refuse('route.forbidden', 'Создать ИОМ может тьютор этого маршрута или администратор');
  }
  const supervisors = [data.methodologistId, data.tutorId];
  refuseIfAny('route.invalid', 'Не заполнены или заполнены неверно сведения об ИОМ', [
    ...unmetIf(isUnsetOrBlank(data.routeId), 'route.id.empty', 'Не указан идентификатор ИОМ'),
    ...unmetIf(!isRouteCode(data.code), 'route.code.invalid', 'Код ИОМ должен иметь вид РР-OOOO-ГГГГ-NNNNNN, например 63-0042-2026-000017'),
    ...unmetIf(isUnsetOrBlank(data.organisationId), 'route.organisationId.empty', 'Не указана организация'),
    ...unmetIf(isUnsetOrBlank(data.teacherId), 'route.teacherId.empty', 'Не указан педагог'),
    ...unmetIf(isUnsetOrBlank(data.methodologistId), 'route.methodologistId.empty', 'Не указан методист'),
    ...unmetIf(isUnsetOrBlank(data.tutorId), 'route.tutorId.empty', 'Не указан тьютор'),
    ...unmetIf(
      !isUnsetOrBlank(data.teacherId) && supervisors.includes(data.teacherId),
      'route.teacher.isSupervisor',
      'Педагог не может быть методистом или тьютором собственного ИОМ',
    ),
    ...titlePageProblems(data.titlePage),
    ...(data.goal === undefined && data.tasks === undefined ? [] : goalProblems(data.goal, data.tasks)),
  ]);
  const created: RouteEvent = {
    type: 'RouteCreated',
    data: {
      routeId: data.routeId,
      code: data.code,
      organisationId: data.organisationId,
      teacherId: data.teacherId,
      methodologistId: data.methodologistId,
      tutorId: data.tutorId,
      titlePage: normaliseTitlePage(data.titlePage),
      stage: 'diagnosticMotivational',
      createdAt: metadata.now,
      createdBy: metadata.actorId,
    },
  };
  if (data.goal === undefined || data.tasks === undefined) return [created];
  return [
    created,
    { type: 'RouteGoalFixed', data: { routeId: data.routeId, ...normaliseGoal(data.goal, data.tasks), fixedAt: metadata.now, fixedBy: metadata.actorId } },
  ];
};

const fixGoal = ({ data, metadata }: FixGoal, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'diagnosticMotivational', 'design');
  refuseIfAny('route.goal.invalid', 'Цель и задачи ИОМ заполнены неверно', goalProblems(data.goal, data.tasks));
  const goal = normaliseGoal(data.goal, data.tasks);
  // Re-sending the same goal changes nothing, so it records nothing.
  if (state.goal && sameGoal(state.goal, goal)) return [];
  return [{ type: 'RouteGoalFixed', data: { routeId: state.routeId, ...goal, fixedAt: metadata.now, fixedBy: metadata.actorId } }];
};

const recordDiagnostics = ({ data, metadata }: RecordDiagnostics, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'diagnosticMotivational');
  refuseIfAny('route.diagnostics.invalid', 'Результаты диагностики заполнены неверно', [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    ...unmetIf(
      data.nextDiagnosticsDate !== undefined && !(isIsoDate(data.nextDiagnosticsDate) && data.nextDiagnosticsDate > data.date),
      'diagnostics.nextDate.invalid',
      'Дата следующей диагностики должна быть в формате ГГГГ-ММ-ДД и позже даты диагностики',
    ),
  ]);
  const draftTask: RouteTaskSchedule = {
    taskId: data.draftTaskId,
    remindAt: data.remindAt,
    ...(data.draftDeadlinePendingYear === undefined
      ? { dueAt: data.draftDueAt, dueLocalDate: data.draftDueLocalDate }
      : { deadlinePendingYear: data.draftDeadlinePendingYear }),
  };
  // A pending deadline is not written into the title, which outlives it: the task's own deadline says it until the year is loaded.
  const dueText = data.draftDeadlinePendingYear === undefined ? `10 рабочих дней, до ${data.draftDueLocalDate ?? ''} включительно` : '10 рабочих дней';
  refuseIfAny('route.task.invalid', 'Задача методиста задана неверно', scheduleProblems(draftTask, state.tasks, metadata.now, 'Составить проект ИОМ'));
  return [
    {
      type: 'DiagnosticsRecorded',
      data: {
        routeId: state.routeId,
        diagnosticsId: data.diagnosticsId,
        date: data.date,
        ...(data.nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate: data.nextDiagnosticsDate }),
        results: assess(data.results),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    { type: 'RouteStageChanged', data: { routeId: state.routeId, from: state.stage, to: 'design', changedAt: metadata.now, changedBy: metadata.actorId } },
    routeTask(
      state,
      metadata,
      draftTask,
      'draftRoute',
      `Составить проект ИОМ ${state.code} по результатам диагностики (${dueText})`,
      { personId: state.participants.methodologistId, role: 'methodologist' },
    ),
  ];
};

const markDraftOverdue = ({ data, metadata }: MarkDraftOverdue, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireCreated(current);
  const task = state.draft?.taskId === data.taskId ? state.tasks[data.taskId] : undefined;
  if (!task) return refuse('route.draft.notFound', `Задача ${data.taskId} не является задачей составления проекта этого ИОМ`);
  if (task.status === 'overdue') return refuse('route.draft.alreadyOverdue', 'Просрочка проекта ИОМ уже зафиксирована');
  if (task.status !== 'open') return refuse('route.draft.notOpen', 'Проект ИОМ уже представлен или больше не ожидается');
  if (task.dueAt === undefined) return refuse('route.draft.deadlinePending', 'Срок составления проекта ИОМ ещё не рассчитан');
  if (Date.parse(metadata.now) < Date.parse(task.dueAt)) {
    return refuse('route.draft.notYetDue', `Срок составления проекта ИОМ (${task.dueLocalDate} включительно) ещё не истёк`);
  }
  const curator = data.curatorId === undefined || data.escalationTaskIds.curator === undefined
    ? undefined
    : { personId: data.curatorId, taskId: data.escalationTaskIds.curator };
  const schedule = (taskId: string): RouteTaskSchedule =>
    data.deadlinePendingYear === undefined
      ? { taskId, dueAt: data.dueAt, dueLocalDate: data.dueLocalDate, remindAt: data.remindAt ?? [] }
      : { taskId, deadlinePendingYear: data.deadlinePendingYear };
  refuseIfAny('route.task.invalid', 'Задачи эскалации заданы неверно', [
    ...unmetIf(
      (data.curatorId === undefined) !== (data.escalationTaskIds.curator === undefined) || (data.curatorId !== undefined && isUnsetOrBlank(data.curatorId)),
      'escalation.curator.incomplete',
      'Для эскалации куратору нужны и куратор, и идентификатор его задачи',
    ),
    ...unmetIf(curator !== undefined && curator.taskId === data.escalationTaskIds.tutor, 'task.id.duplicate', 'Задачи тьютора и куратора должны иметь разные идентификаторы'),
    ...scheduleProblems(schedule(data.escalationTaskIds.tutor), state.tasks, metadata.now, 'Эскалация: проект ИОМ просрочен'),
    ...(curator ? scheduleProblems(schedule(curator.taskId), state.tasks, metadata.now, 'Эскалация: проект ИОМ просрочен') : []),
  ]);
  const tutor: TaskAssignee = { personId: state.participants.tutorId, role: 'tutor' };
  const curatorAssignee: TaskAssignee[] = curator ? [{ personId: curator.personId, role: 'curator' }] : [];
  const title = `Проект ИОМ ${state.code} не представлен методистом в срок (до ${task.dueLocalDate} включительно): примите меры`;
  return [
    { type: 'TaskOverdue', data: { taskId: task.taskId, overdueAt: metadata.now } },
    { type: 'TaskEscalated', data: { taskId: task.taskId, escalatedAt: metadata.now, escalatedTo: [tutor, ...curatorAssignee] } },
    routeTask(state, metadata, schedule(data.escalationTaskIds.tutor), 'draftOverdueEscalation', title, tutor),
    ...(curator ? [routeTask(state, metadata, schedule(curator.taskId), 'draftOverdueEscalation', title, { personId: curator.personId, role: 'curator' })] : []),
  ];
};

const remindTask = ({ data, metadata }: RemindRouteTask, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireCreated(current);
  const task = state.tasks[data.taskId];
  if (!task) return refuse('task.notFound', 'Задача не найдена');
  // A reminder timer may outlive its task: a done or cancelled task needs no reminder.
  if (!isTaskActive(task)) return [];
  return [{ type: 'TaskReminded', data: { taskId: task.taskId, remindedAt: metadata.now, assignee: task.assignee } }];
};

const escalationTasks = (state: CreatedRoute): TaskView[] => openTasksOfKind(state.tasks, 'draftOverdueEscalation');

const submitDraft = ({ data, metadata }: SubmitDraft, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'methodologist');
  requireStage(state, 'design');
  const draft = state.draft;
  if (draft === undefined) return refuse('route.draft.notFound', 'Проект ИОМ не ожидается: нет задачи его составления');
  if (draft.submittedAt !== undefined) return refuse('route.draft.alreadySubmitted', 'Проект ИОМ уже передан тьютору');
  const rows = validRows(data.rows, state);
  const draftTask = state.tasks[draft.taskId];
  return [
    {
      type: 'RouteDraftSubmitted',
      data: {
        routeId: state.routeId,
        draftTaskId: draft.taskId,
        version: 1,
        rows,
        ...(draft.dueAt === undefined ? {} : { dueAt: draft.dueAt }),
        // A deadline still waiting for its calendar year cannot have passed.
        onTime: draft.dueAt === undefined || Date.parse(metadata.now) < Date.parse(draft.dueAt),
        submittedAt: metadata.now,
        submittedBy: metadata.actorId,
      },
    },
    ...completeTasks(draftTask ? [draftTask] : [], metadata, 'Проект ИОМ передан тьютору'),
    ...cancelTasks(escalationTasks(state), metadata, 'Проект ИОМ представлен методистом'),
  ];
};

const proposeOwnRoadMap = ({ data, metadata }: ProposeOwnRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'teacher');
  requireStage(state, 'design');
  const rows = validRows(data.rows, state);
  return [{ type: 'RoadMapProposed', data: { routeId: state.routeId, rows, proposedAt: metadata.now, proposedBy: metadata.actorId } }];
};

const goalFixed = (state: CreatedRoute): UnmetCondition[] =>
  unmetIf(state.goal === undefined, 'goal.notFixed', 'Не зафиксированы цель и задачи ИОМ');

const enterImplementation = (state: CreatedRoute, metadata: CommandMetadata): RouteEvent =>
  ({ type: 'RouteStageChanged', data: { routeId: state.routeId, from: state.stage, to: 'implementation', changedAt: metadata.now, changedBy: metadata.actorId } });

const agreeRoadMap = ({ data, metadata }: AgreeRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'design');
  const draft = state.draft?.submittedAt === undefined ? undefined : state.roadMap;
  if (draft === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(draft === undefined, 'draft.notSubmitted', 'Методист ещё не передал проект ИОМ'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const refined = data.rows === undefined ? undefined : validRows(data.rows, state);
  const changed = refined !== undefined && !sameRows(refined, draft.rows);
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: changed ? draft.version + 1 : draft.version,
        source: changed ? 'tutorRefinement' : 'methodologistDraft',
        rows: changed ? refined : draft.rows,
        controlPoints,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
  ];
};

const approveProposedRoadMap = ({ data, metadata }: ApproveProposedRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'design');
  const proposal = state.proposal;
  if (proposal === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту педагога нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(proposal === undefined, 'proposal.missing', 'Педагог не представил собственную дорожную карту'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const draftTask = state.draft === undefined ? undefined : state.tasks[state.draft.taskId];
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: (state.roadMap?.version ?? 0) + 1,
        source: 'teacherProposal',
        rows: proposal.rows,
        controlPoints,
        proposedBy: proposal.proposedBy,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
    // The teacher's own road map is agreed: the methodologist's draft is no longer awaited.
    ...cancelTasks([...(draftTask ? [draftTask] : []), ...escalationTasks(state)], metadata, 'Согласована дорожная карта, предложенная педагогом'),
  ];
};

const raiseMonthlyCheck = ({ data, metadata }: RaiseMonthlyCheck, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's monthly timer sends this.
  const state = requireActive(current);
  requireStage(state, 'implementation');
  refuseIfAny('route.task.invalid', 'Ежемесячная проверка задана неверно', [
    ...unmetIf(!monthPattern.test(data.month), 'monthlyCheck.month.invalid', 'Месяц проверки должен быть в формате ГГГГ-ММ'),
    ...scheduleProblems(data, state.tasks, metadata.now, 'Ежемесячная проверка контрольных точек'),
  ]);
  return [
    routeTask(
      state,
      metadata,
      data,
      'monthlyControlPointCheck',
      `Проверить прохождение контрольных точек ИОМ ${state.code} за ${routeMonthLabel(data.month)}`,
      { personId: state.participants.tutorId, role: 'tutor' },
    ),
  ];
};

/** Tasks that only their own command closes, so the route's record of them stays complete. */
const completedByCommand: Readonly<Partial<Record<TaskKind, string>>> = {
  draftRoute: 'проект ИОМ передаётся командой «Передать проект ИОМ»',
  controlDiagnostics: 'задача закрывается записью результатов контрольной диагностики',
};

const completeTask = ({ data, metadata }: CompleteRouteTask, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  const task = requireCompletable(state.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  const viaCommand = completedByCommand[task.kind];
  if (viaCommand !== undefined) return refuse('route.task.completedByCommand', `Эту задачу нельзя закрыть вручную: ${viaCommand}`);
  if (isUnsetOrBlank(data.result)) return refuse('route.task.resultRequired', 'Укажите результат выполнения задачи');
  return [{ type: 'TaskCompleted', data: { taskId: task.taskId, completedAt: metadata.now, completedBy: metadata.actorId, result: data.result.trim() } }];
};

const recordPortfolioEntry = ({ data, metadata }: RecordPortfolioEntry, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'teacher');
  requireStage(state, 'implementation', 'reflective');
  const row = data.rowId === undefined ? undefined : state.roadMap?.rows.find((r) => r.rowId === data.rowId);
  refuseIfAny('route.portfolio.invalid', 'Запись портфолио заполнена неверно', [
    ...unmetIf(isUnsetOrBlank(data.entryId), 'portfolio.id.empty', 'Не указан идентификатор записи портфолио'),
    ...unmetIf(state.portfolio.some((entry) => entry.entryId === data.entryId), 'portfolio.id.duplicate', `Запись портфолио ${data.entryId} уже есть`),
    ...unmetIf(data.rowId !== undefined && row === undefined, 'portfolio.row.unknown', `В дорожной карте нет строки ${data.rowId ?? ''}`),
    ...unmetIf(isUnsetOrBlank(data.product), 'portfolio.product.empty', 'Не указан педагогический продукт'),
    ...unmetIf(isUnsetOrBlank(data.selfAssessment), 'portfolio.selfAssessment.empty', 'Не указано отношение педагога к результату'),
  ]);
  return [
    {
      type: 'PortfolioEntryRecorded',
      data: {
        routeId: state.routeId,
        entryId: data.entryId,
        ...(row === undefined ? {} : { rowId: row.rowId, competence: row.competence }),
        product: data.product.trim(),
        selfAssessment: data.selfAssessment.trim(),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

const correctRoadMap = ({ data, metadata }: CorrectRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'implementation');
  if (isUnsetOrBlank(data.reason)) return refuse('route.roadMap.reasonRequired', 'Укажите причину корректировки дорожной карты');
  const rows = validRows(data.rows, state);
  const roadMap = state.roadMap;
  if (roadMap === undefined) return refuse('route.stage.mismatch', 'Дорожная карта ещё не согласована');
  if (sameRows(rows, roadMap.rows)) return refuse('route.roadMap.unchanged', 'Корректировка не меняет дорожную карту');
  return [
    {
      type: 'RoadMapCorrected',
      data: {
        routeId: state.routeId,
        version: roadMap.version + 1,
        previousVersion: roadMap.version,
        rows,
        reason: data.reason.trim(),
        correctedAt: metadata.now,
        correctedBy: metadata.actorId,
      },
    },
  ];
};

const startReflection = ({ data, metadata }: StartReflection, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'implementation');
  const schedule = data.controlDiagnosticsTask;
  if (schedule) {
    refuseIfAny('route.task.invalid', 'Задача контрольной диагностики задана неверно', scheduleProblems(schedule, state.tasks, metadata.now, 'Контрольная диагностика'));
  }
  return [
    { type: 'RouteStageChanged', data: { routeId: state.routeId, from: state.stage, to: 'reflective', changedAt: metadata.now, changedBy: metadata.actorId } },
    ...(schedule
      ? [
          routeTask(state, metadata, schedule, 'controlDiagnostics', `Организовать контрольную диагностику профессиональных компетенций по ИОМ ${state.code}`, {
            personId: state.participants.tutorId,
            role: 'tutor',
          }),
        ]
      : []),
  ];
};

const roundHundredths = (value: number): number => Math.round(value * 100) / 100;

const dynamicsOf = (initial: readonly CompetenceResult[], control: readonly CompetenceResult[]): CompetenceDynamics[] =>
  control.flatMap((after) => {
    const before = initial.find((r) => r.area === after.area);
    if (!before) return [];
    return [
      {
        area: after.area,
        initialPercent: before.percent,
        controlPercent: after.percent,
        change: roundHundredths(after.percent - before.percent),
        before: competenceLevel(before.percent),
        after: competenceLevel(after.percent),
      },
    ];
  });

const recordControlDiagnostics = ({ data, metadata }: RecordControlDiagnostics, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'reflective');
  if (state.controlDiagnostics) return refuse('route.controlDiagnostics.alreadyRecorded', 'Контрольная диагностика уже проведена');
  const initial = state.diagnostics?.results ?? [];
  refuseIfAny('route.controlDiagnostics.invalid', 'Результаты контрольной диагностики заполнены неверно', [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    ...unmetIf(
      state.diagnostics !== undefined && isIsoDate(data.date) && data.date < state.diagnostics.date,
      'diagnostics.date.beforeInitial',
      'Контрольная диагностика не может быть раньше входной',
    ),
  ]);
  // Dynamics need a control result for every area diagnosed at the start.
  refuseIfAny(
    'route.controlDiagnostics.areasMissing',
    'Контрольная диагностика должна охватить все области входной диагностики',
    initial
      .filter((r) => !data.results.some((c) => c.area === r.area))
      .map((r) => ({ code: 'controlDiagnostics.area.missing', message: `Нет результата по области «${competenceAreaLabels[r.area]}»` })),
  );
  const results = assess(data.results);
  return [
    {
      type: 'ControlDiagnosticsRecorded',
      data: {
        routeId: state.routeId,
        diagnosticsId: data.diagnosticsId,
        date: data.date,
        results,
        dynamics: dynamicsOf(initial, results),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    ...completeTasks(openTasksOfKind(state.tasks, 'controlDiagnostics'), metadata, 'Контрольная диагностика проведена'),
  ];
};

const completeRoute = ({ metadata }: CompleteRoute, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'reflective');
  if (!state.controlDiagnostics) {
    return refuse('route.controlDiagnostics.missing', 'ИОМ завершается после контрольной диагностики уровня сформированности компетенций');
  }
  const onTime = routeDraftDeliveredOnTime(state);
  return [
    ...cancelTasks(Object.values(state.tasks), metadata, 'ИОМ завершён'),
    { type: 'RouteStageChanged', data: { routeId: state.routeId, from: state.stage, to: 'completed', changedAt: metadata.now, changedBy: metadata.actorId } },
    {
      type: 'RouteCompleted',
      data: {
        routeId: state.routeId,
        organisationId: state.organisationId,
        code: state.code,
        ...(onTime === undefined ? {} : { draftDeliveredOnTime: onTime }),
        completedAt: metadata.now,
        completedBy: metadata.actorId,
      },
    },
  ];
};

export const decideRoute = (command: RouteCommand, state: RouteState): RouteEvent[] => {
  switch (command.type) {
    case 'CreateRoute':
      return create(command, state);
    case 'FixGoal':
      return fixGoal(command, state);
    case 'RecordDiagnostics':
      return recordDiagnostics(command, state);
    case 'MarkDraftOverdue':
      return markDraftOverdue(command, state);
    case 'RemindTask':
      return remindTask(command, state);
    case 'SetTaskDeadline':
      // No actor check: only the workflow sends this, when the calendar year is loaded.
      return setTaskDeadline(requireCreated(state).tasks, command.data, command.metadata.now);
    case 'SubmitDraft':
      return submitDraft(command, state);
    case 'ProposeOwnRoadMap':
      return proposeOwnRoadMap(command, state);
    case 'ApproveProposedRoadMap':
      return approveProposedRoadMap(command, state);
    case 'AgreeRoadMap':
      return agreeRoadMap(command, state);
    case 'RaiseMonthlyCheck':
      return raiseMonthlyCheck(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'RecordPortfolioEntry':
      return recordPortfolioEntry(command, state);
    case 'CorrectRoadMap':
      return correctRoadMap(command, state);
    case 'StartReflection':
      return startReflection(command, state);
    case 'RecordControlDiagnostics':
      return recordControlDiagnostics(command, state);
    case 'CompleteRoute':
      return completeRoute(command, state);
    default:
      return assertNever(command);
  }
};

// ---- Evolution ------------------------------------------------------------------------------

const whenCreated = (state: RouteState, next: (created: CreatedRoute) => CreatedRoute): RouteState =>
  state.status === 'created' ? next(state) : state;

const withVersion = (state: CreatedRoute, version: RouteRoadMapVersion): CreatedRoute =>
  // Agreeing the draft unchanged keeps its version: nothing new enters the history.
  state.roadMap?.version === version.version
    ? state
    : { ...state, roadMap: version, roadMapVersions: [...state.roadMapVersions, version] };

const evolveRouteTasks = (state: CreatedRoute, event: TaskEvent): CreatedRoute => {
  const next = { ...state, tasks: evolveTasks(state.tasks, event) };
  if (event.type === 'TaskRaised' && event.data.kind === 'draftRoute') {
    return { ...next, draft: { taskId: event.data.taskId, dueAt: event.data.dueAt, dueLocalDate: event.data.dueLocalDate, overdue: false } };
  }
  if (event.type === 'TaskRaised' && event.data.kind === 'monthlyControlPointCheck') {
    return { ...next, monthlyCheckTaskIds: [...next.monthlyCheckTaskIds, event.data.taskId] };
  }
  if (event.type === 'TaskDeadlineSet' && next.draft?.taskId === event.data.taskId) {
    return { ...next, draft: { ...next.draft, dueAt: event.data.dueAt, dueLocalDate: event.data.dueLocalDate } };
  }
  if (event.type === 'TaskOverdue' && next.draft?.taskId === event.data.taskId) {
    return { ...next, draft: { ...next.draft, overdue: true } };
  }
  return next;
};

export const evolveRoute = (state: RouteState, event: RouteEvent): RouteState => {
  switch (event.type) {
    case 'RouteCreated': {
      const { routeId, code, organisationId, teacherId, methodologistId, tutorId, titlePage, stage, createdAt } = event.data;
      return {
        status: 'created',
        routeId,
        code,
        organisationId,
        participants: { teacherId, methodologistId, tutorId },
        titlePage,
        stage,
        stageEnteredAt: createdAt,
        createdAt,
        roadMapVersions: [],
        controlPoints: [],
        portfolio: [],
        tasks: {},
        monthlyCheckTaskIds: [],
      };
    }
    case 'RouteGoalFixed':
      return whenCreated(state, (s) => ({ ...s, goal: { goal: event.data.goal, tasks: event.data.tasks } }));
    case 'DiagnosticsRecorded':
      return whenCreated(state, (s) => {
        const { diagnosticsId, date, nextDiagnosticsDate, results, recordedAt } = event.data;
        return {
          ...s,
          diagnostics: { diagnosticsId, date, ...(nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate }), results, recordedAt },
        };
      });
    case 'RouteStageChanged':
      return whenCreated(state, (s) => ({ ...s, stage: event.data.to, stageEnteredAt: event.data.changedAt }));
    case 'RouteDraftSubmitted':
      return whenCreated(state, (s) => {
        const { version, rows, submittedAt, submittedBy, onTime } = event.data;
        const withDraft = s.draft ? { ...s, draft: { ...s.draft, submittedAt, onTime } } : s;
        return withVersion(withDraft, { version, origin: 'methodologistDraft', rows, at: submittedAt, by: submittedBy });
      });
    case 'RoadMapProposed':
      return whenCreated(state, (s) => ({ ...s, proposal: { rows: event.data.rows, proposedAt: event.data.proposedAt, proposedBy: event.data.proposedBy } }));
    case 'RoadMapAgreed':
      return whenCreated(state, (s) => {
        const { version, source, rows, controlPoints, agreedAt, agreedBy } = event.data;
        // An agreed road map settles the design stage: a pending proposal is no longer pending.
        const rest: { -readonly [K in keyof CreatedRoute]: CreatedRoute[K] } = { ...s };
        delete rest.proposal;
        return { ...withVersion(rest, { version, origin: source, rows, at: agreedAt, by: agreedBy }), controlPoints, agreedAt };
      });
    case 'PortfolioEntryRecorded':
      return whenCreated(state, (s) => {
        const { entryId, rowId, competence, product, selfAssessment, recordedAt, recordedBy } = event.data;
        const entry: RoutePortfolioEntry = {
          entryId,
          ...(rowId === undefined ? {} : { rowId }),
          ...(competence === undefined ? {} : { competence }),
          product,
          selfAssessment,
          recordedAt,
          recordedBy,
        };
        return { ...s, portfolio: [...s.portfolio, entry] };
      });
    case 'RoadMapCorrected':
      return whenCreated(state, (s) => {
        const { version, rows, reason, correctedAt, correctedBy } = event.data;
        return withVersion(s, { version, origin: 'correction', rows, reason, at: correctedAt, by: correctedBy });
      });
    case 'ControlDiagnosticsRecorded':
      return whenCreated(state, (s) => {
        const { diagnosticsId, date, results, dynamics, recordedAt } = event.data;
        return { ...s, controlDiagnostics: { diagnosticsId, date, results, dynamics, recordedAt } };
      });
    case 'RouteCompleted':
      return whenCreated(state, (s) => ({ ...s, stage: 'completed', completedAt: event.data.completedAt }));
    case 'TaskRaised':
    case 'TaskDeadlineSet':
    case 'TaskReminded':
    case 'TaskOverdue':
    case 'TaskEscalated':
    case 'TaskCompleted':
    case 'TaskCancelled':
    case 'TaskReassigned':
      return whenCreated(state, (s) => evolveRouteTasks(s, event));
    default:
      return assertNever(event);
  }
};

export const routeDecider: Decider<RouteState, RouteCommand, RouteEvent> = {
  decide: decideRoute,
  evolve: evolveRoute,
  initialState: initialRouteState,
};
