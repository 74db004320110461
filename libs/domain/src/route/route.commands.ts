import type { DomainCommand } from '../shared/decider';
import type { TaskDeadline } from '../task/task.state';
import type { ReassignTask } from '../task/task.reassignment';
import type {
  CompetenceArea,
  ControlPointOutcome,
  DeficitLevel,
  ReflectionEntry,
  RouteControlPoint,
  RouteRegistration,
  RouteRoadMapRow,
} from './route.events';

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
  /** Entered by the tutor for a deficit (below 50 %); may also be entered later (EnterDeficitLevels). */
  readonly deficitLevel?: DeficitLevel;
}

/** A new route as requested, before the registry allocates its code. */
export type RouteRequest = Omit<CreateRoute['data'], 'code'>;

/** The methodologist or the tutor enters the deficit level of competences of a diagnostics (003 §5.4). */
export type EnterDeficitLevels = DomainCommand<
  'EnterDeficitLevels',
  {
    readonly diagnosticsId: string;
    readonly levels: readonly { readonly area: CompetenceArea; readonly deficitLevel: DeficitLevel }[];
  }
>;

export type CreateRoute = DomainCommand<
  'CreateRoute',
  RouteRegistration & {
    readonly goal?: string;
    readonly tasks?: readonly string[];
    /** The period is over five years (4–5 are recommended) and the teacher means it. */
    readonly confirmLongPeriod?: boolean;
  }
>;

export type FixGoal = DomainCommand<'FixGoal', { readonly goal: string; readonly tasks: readonly string[] }>;

/** What the tutor sends with the diagnostics results; the workflow adds the draft's schedule. */
export interface DiagnosticsRequest {
  readonly diagnosticsId: string;
  readonly date: string;
  readonly results: readonly RouteDiagnosticsResultInput[];
  readonly nextDiagnosticsDate?: string;
}

export type RecordDiagnostics = DomainCommand<
  'RecordDiagnostics',
  DiagnosticsRequest & {
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

/** The tutor returns the teacher's pending proposal with a comment: the teacher may propose again. */
export type ReturnProposedRoadMap = DomainCommand<'ReturnProposedRoadMap', { readonly comment: string }>;

export type ApproveProposedRoadMap = DomainCommand<
  'ApproveProposedRoadMap',
  { readonly controlPoints: readonly RouteControlPoint[] }
>;

export type AgreeRoadMap = DomainCommand<
  'AgreeRoadMap',
  {
    readonly controlPoints: readonly RouteControlPoint[];
    /** The tutor's refinement of the draft; omitted or unchanged, the draft itself is agreed. */
    readonly rows?: readonly RouteRoadMapRow[];
  }
>;

export type RaiseMonthlyCheck = DomainCommand<'RaiseMonthlyCheck', RouteTaskSchedule & { readonly month: string }>;

export interface ControlPointOutcomeInput {
  readonly controlPointId: string;
  readonly outcome: ControlPointOutcome;
  readonly newDate?: string;
  readonly reason?: string;
}

/** The tutor records, per control point due in `month`, whether it was passed, not passed or moved. */
export type RecordControlPointCheck = DomainCommand<
  'RecordControlPointCheck',
  { readonly month: string; readonly outcomes: readonly ControlPointOutcomeInput[] }
>;

/** Sent by the workflow at the start of the first month after the route's end: points left unchecked are missed. */
export type ReviewControlPoints = DomainCommand<'ReviewControlPoints', { readonly month: string }>;

export type CompleteRouteTask = DomainCommand<'CompleteTask', { readonly taskId: string; readonly result: string }>;

export type RecordPortfolioEntry = DomainCommand<
  'RecordPortfolioEntry',
  {
    readonly entryId: string;
    readonly rowId?: string;
    /** The day the result was achieved, YYYY-MM-DD: not after today. */
    readonly date?: string;
    readonly product: string;
    readonly selfAssessment: string;
  }
>;

/** 003 §5.2 «отметка о выполнении / результат»: the teacher marks a road-map activity done, with its result. */
export type MarkActivityDone = DomainCommand<
  'MarkActivityDone',
  {
    readonly rowId: string;
    /** The day the activity was done, YYYY-MM-DD: not after today. */
    readonly doneOn: string;
    readonly result: string;
  }
>;

/** The tutor confirms the teacher's mark. */
export type ConfirmActivityDone = DomainCommand<'ConfirmActivityDone', { readonly rowId: string }>;

export type CorrectRoadMap = DomainCommand<
  'CorrectRoadMap',
  { readonly reason: string; readonly rows: readonly RouteRoadMapRow[] }
>;

export type StartReflection = DomainCommand<'StartReflection', { readonly controlDiagnosticsTask?: RouteTaskSchedule }>;

export type RecordControlDiagnostics = DomainCommand<
  'RecordControlDiagnostics',
  { readonly diagnosticsId: string; readonly date: string; readonly results: readonly RouteDiagnosticsResultInput[] }
>;

/**
 * Sent by the workflow when the planned date of the next diagnostics comes (003 §5.1, the title page): the
 * tutor's task to hold the repeated diagnostics. `plannedDate` is the date it was raised for.
 */
export type RaiseRepeatedDiagnostics = DomainCommand<
  'RaiseRepeatedDiagnostics',
  RouteTaskSchedule & { readonly plannedDate: string }
>;

/** The tutor records a repeated diagnostics during the route, and may plan the following one. */
export type RecordRepeatedDiagnostics = DomainCommand<
  'RecordRepeatedDiagnostics',
  {
    readonly diagnosticsId: string;
    readonly date: string;
    readonly results: readonly RouteDiagnosticsResultInput[];
    readonly nextDiagnosticsDate?: string;
  }
>;

export type RecordDesiredImage = DomainCommand<'RecordDesiredImage', { readonly desiredImage: string }>;

export type RecordReflection = DomainCommand<'RecordReflection', { readonly entries: readonly ReflectionEntry[] }>;

export type AgreeReflection = DomainCommand<'AgreeReflection', Record<string, never>>;

export type CompleteRoute = DomainCommand<'CompleteRoute', Record<string, never>>;

export type RouteCommand =
  | CreateRoute
  | FixGoal
  | RecordDiagnostics
  | EnterDeficitLevels
  | MarkDraftOverdue
  | RemindRouteTask
  | SetRouteTaskDeadline
  | SubmitDraft
  | ProposeOwnRoadMap
  | ApproveProposedRoadMap
  | ReturnProposedRoadMap
  | AgreeRoadMap
  | RaiseMonthlyCheck
  | RecordControlPointCheck
  | ReviewControlPoints
  | CompleteRouteTask
  | RecordPortfolioEntry
  | MarkActivityDone
  | ConfirmActivityDone
  | CorrectRoadMap
  | StartReflection
  | RecordControlDiagnostics
  | RaiseRepeatedDiagnostics
  | RecordRepeatedDiagnostics
  | RecordDesiredImage
  | RecordReflection
  | AgreeReflection
  | CompleteRoute
  | ReassignTask;
