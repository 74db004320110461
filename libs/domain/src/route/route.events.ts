import type { Acted, DomainEvent } from '../shared/decider';
import type { TaskEvent } from '../task/task.events';
import { isOneOf } from '../shared/one-of';

/** Technological stages of an individual educational route (003 §6.1), then its completion. */
export const routeStages = ['diagnosticMotivational', 'design', 'implementation', 'reflective', 'completed'] as const;
export type RouteStage = (typeof routeStages)[number];

/** The nine diagnosed competence areas (000 item 2; 002 §9.2.2). */
export const competenceAreas = [
  'scientificTheoretical',
  'regulatoryLegal',
  'subjectProfessional',
  'psychologicalPedagogical',
  'methodical',
  'ict',
  'digitalisation',
  'extracurricularEducational',
  'healthSaving',
] as const;
export type CompetenceArea = (typeof competenceAreas)[number];

export const isCompetenceArea = isOneOf(competenceAreas);

/** Level of a competence by the share of tasks done (003 §5.4). */
export const competenceLevels = ['high', 'basic', 'deficit'] as const;
export type CompetenceLevel = (typeof competenceLevels)[number];

/**
 * How deep a deficit is (003 §5.4 names the levels, not how to tell them): the methodologist or the tutor
 * enters it per competence (DeficitLevelsEntered); it is never derived from the percentage.
 */
export const deficitLevels = ['high', 'medium', 'minimal'] as const;
export type DeficitLevel = (typeof deficitLevels)[number];

export const isDeficitLevel = isOneOf(deficitLevels);

/**
 * A deficit's `deficitLevel` is absent until entered. Events recorded before levels were entered carry one
 * derived from thresholds of ours (below 30 high, below 40 medium, below 50 minimal): the state marks those
 * `deficitLevelDerived`.
 */
export type CompetenceAssessment =
  { readonly level: 'high' | 'basic' } | { readonly level: 'deficit'; readonly deficitLevel?: DeficitLevel };

export type CompetenceResult = { readonly area: CompetenceArea; readonly percent: number } & CompetenceAssessment;

/** Kinds of road-map activity (003 §5.3). */
export const routeActivityKinds = [
  'furtherTrainingProgramme',
  'event',
  'internship',
  'resource',
  'methodicalProduct',
  // «Изучение практики» (issue 28): a practice of the region's bank, linked by `practiceId`.
  'practiceStudy',
] as const;
export type RouteActivityKind = (typeof routeActivityKinds)[number];

export const isRouteActivityKind = isOneOf(routeActivityKinds);

/**
 * Title page (003 §5.1). Name, birth date, phone and e-mail of the teacher and the contacts of the
 * methodologist and tutor stay in the people directory: events keep ids, not personal data.
 */
export interface RouteTitlePage {
  readonly position: string;
  readonly education: string;
  /** YYYY-MM-DD. */
  readonly lastAttestationDate?: string;
  readonly qualificationCategory?: string;
  readonly teachingExperienceYears: number;
  readonly selfEducationTopic: string;
  /** First and last day of the route, YYYY-MM-DD, both inclusive. */
  readonly startDate: string;
  readonly endDate: string;
}

/** One row of the road map (003 §5.2). */
export interface RouteRoadMapRow {
  readonly rowId: string;
  readonly competence: CompetenceArea;
  readonly activity: string;
  readonly activityKind: RouteActivityKind;
  /** The tasks the activity solves (решаемые задачи). */
  readonly tasks: string;
  readonly hours: number;
  /** YYYY-MM-DD. */
  readonly deadline: string;
  /** Отметка выбора: the teacher chose this activity among the alternatives. */
  readonly chosenMark?: boolean;
  /** Отметка о выполнении / результат. */
  readonly doneMark?: string;
  /**
   * «Изучение практики» (issue 28): the published practice of the region's bank the activity studies. Rows
   * stored before carry none.
   */
  readonly practiceId?: string;
}

export interface RouteControlPoint {
  readonly controlPointId: string;
  /** YYYY-MM-DD, within the route period. */
  readonly date: string;
  readonly description: string;
}

/** What the tutor's monthly check found of a control point due that month (003 §7.1). */
export const controlPointOutcomes = ['passed', 'notPassed', 'moved'] as const;
export type ControlPointOutcome = (typeof controlPointOutcomes)[number];

export const isControlPointOutcome = isOneOf(controlPointOutcomes);

export interface ControlPointCheckOutcome {
  readonly controlPointId: string;
  /** The date the point was due on when checked, YYYY-MM-DD. */
  readonly date: string;
  readonly outcome: ControlPointOutcome;
  /** `moved`: the new date, within the route period and after the old one. */
  readonly newDate?: string;
  /** `moved`: why; `notPassed`: optionally, what is missing. */
  readonly reason?: string;
}

/** Why a control point counts as missed: checked and not passed, or its month ended without a check. */
export const missedControlPointCauses = ['notPassed', 'notChecked'] as const;
export type MissedControlPointCause = (typeof missedControlPointCauses)[number];

export interface MissedControlPoint {
  readonly controlPointId: string;
  readonly date: string;
  readonly cause: MissedControlPointCause;
}

/** Where an agreed road map came from. */
export const routeRoadMapSources = ['methodologistDraft', 'tutorRefinement', 'teacherProposal'] as const;
export type RouteRoadMapSource = (typeof routeRoadMapSources)[number];

export interface CompetenceDynamics {
  readonly area: CompetenceArea;
  readonly initialPercent: number;
  readonly controlPercent: number;
  /** Control minus initial, in percentage points, rounded to hundredths. */
  readonly change: number;
  readonly before: CompetenceAssessment;
  readonly after: CompetenceAssessment;
}

/** Whose route it is and its title page: the CreateRoute command carries it and RouteCreated records it. */
export interface RouteRegistration {
  readonly routeId: string;
  /** Registry code, see `formatRouteCode`. */
  readonly code: string;
  readonly organisationId: string;
  readonly teacherId: string;
  readonly methodologistId: string;
  readonly tutorId: string;
  /** 002 §2 «ИОМ наставляемого»: the pair whose mentee the teacher is, when the route is the mentee's. */
  readonly pairId?: string;
  readonly titlePage: RouteTitlePage;
}

/** A route's own event: every one names its route, which read models key their rows on. */
type RouteFact<Type extends string, Data extends object> = DomainEvent<Type, { readonly routeId: string } & Data>;

export type RouteCreated = DomainEvent<
  'RouteCreated',
  RouteRegistration & {
    readonly stage: 'diagnosticMotivational';
    /** The period is over five years, confirmed at creation. Absent otherwise (and in older events). */
    readonly longPeriodConfirmed?: true;
  } & Acted<'created'>
>;

export type RouteGoalFixed = RouteFact<
  'RouteGoalFixed',
  { readonly goal: string; readonly tasks: readonly string[] } & Acted<'fixed'>
>;

/** What every diagnostics of a route records: the entry, the initial, each repeated and the control one. */
interface DiagnosticsHeld {
  readonly diagnosticsId: string;
  /** Day the diagnostics took place, YYYY-MM-DD. */
  readonly date: string;
  /** In the order of `competenceAreas`. */
  readonly results: readonly CompetenceResult[];
}

export type DiagnosticsRecorded = RouteFact<
  'DiagnosticsRecorded',
  DiagnosticsHeld & {
    readonly nextDiagnosticsDate?: string;
    /** Set since deficit levels are entered: no deficit level in `results` is derived. Absent in older events. */
    readonly deficitLevelsEntered?: true;
  } & Acted<'recorded'>
>;

/** The methodologist or the tutor enters the level of each deficit of a diagnostics (003 §5.4). */
export type DeficitLevelsEntered = RouteFact<
  'DeficitLevelsEntered',
  {
    /** The initial or the control diagnostics the levels belong to. */
    readonly diagnosticsId: string;
    readonly levels: readonly { readonly area: CompetenceArea; readonly deficitLevel: DeficitLevel }[];
  } & Acted<'entered'>
>;

export type RouteStageChanged = RouteFact<
  'RouteStageChanged',
  { readonly from: RouteStage; readonly to: RouteStage } & Acted<'changed'>
>;

export type RouteDraftSubmitted = RouteFact<
  'RouteDraftSubmitted',
  {
    readonly draftTaskId: string;
    /** The draft is always road-map version 1. */
    readonly version: 1;
    readonly rows: readonly RouteRoadMapRow[];
    /** Absent when submitted while the deadline still waited for its calendar year. */
    readonly dueAt?: string;
    /** Submitted before the end of the 10th working day: the "drafts delivered in time" indicator. */
    readonly onTime: boolean;
  } & Acted<'submitted'>
>;

/** The teacher's own road map, waiting for the tutor's approval (003 §6.1, design stage). */
export type RoadMapProposed = RouteFact<
  'RoadMapProposed',
  { readonly rows: readonly RouteRoadMapRow[] } & Acted<'proposed'>
>;

/**
 * The tutor returned the teacher's pending proposal with a comment (what to rework): the proposal is no longer
 * pending and the teacher may propose again. `proposedAt`/`proposedBy` name the proposal returned.
 */
export type ProposedRoadMapReturned = RouteFact<
  'ProposedRoadMapReturned',
  { readonly comment: string; readonly proposedAt: string; readonly proposedBy: string } & Acted<'returned'>
>;

export type RoadMapAgreed = RouteFact<
  'RoadMapAgreed',
  {
    /** The agreed version: the draft's (1) or a new one when the tutor refined it or approved the teacher's. */
    readonly version: number;
    readonly source: RouteRoadMapSource;
    readonly rows: readonly RouteRoadMapRow[];
    readonly controlPoints: readonly RouteControlPoint[];
    /** Who wrote the teacher's proposal, when `source` is `teacherProposal`. */
    readonly proposedBy?: string;
  } & Acted<'agreed'>
>;

export type PortfolioEntryRecorded = RouteFact<
  'PortfolioEntryRecorded',
  {
    readonly entryId: string;
    readonly rowId?: string;
    /** The competence of the road-map row, when the entry names one. */
    readonly competence?: CompetenceArea;
    /** The day the result was achieved, when given (absent in older events): never after the recording day. */
    readonly date?: string;
    /** The pedagogical product (методические рекомендации, сценарий, разработка занятия…). */
    readonly product: string;
    /** The teacher's own attitude to the result (000 item 5). */
    readonly selfAssessment: string;
  } & Acted<'recorded'>
>;

/**
 * 003 §5.2 «отметка о выполнении / результат»: the teacher marked a road-map activity done. A later mark of the
 * same row, before the tutor confirms, replaces it.
 */
export type ActivityDoneMarked = RouteFact<
  'ActivityDoneMarked',
  {
    readonly rowId: string;
    /** The day the activity was done, YYYY-MM-DD: never after the marking day. */
    readonly doneOn: string;
    /** What came of it, in the teacher's words (a certificate, a lesson given, a product). */
    readonly result: string;
  } & Acted<'marked'>
>;

/** The tutor confirmed the teacher's mark of a road-map activity. */
export type ActivityDoneConfirmed = RouteFact<'ActivityDoneConfirmed', { readonly rowId: string } & Acted<'confirmed'>>;

/** Corrections run in parallel with implementation (000 item 6; 002 §9.2.2 item 6). */
export type RoadMapCorrected = RouteFact<
  'RoadMapCorrected',
  {
    readonly version: number;
    readonly previousVersion: number;
    readonly rows: readonly RouteRoadMapRow[];
    readonly reason: string;
  } & Acted<'corrected'>
>;

/** The tutor's monthly check of the control points due in `month` (003 §7.1). */
export type ControlPointsChecked = RouteFact<
  'ControlPointsChecked',
  {
    /** YYYY-MM. */
    readonly month: string;
    readonly outcomes: readonly ControlPointCheckOutcome[];
  } & Acted<'checked'>
>;

/** Control points missed: the tutor and the methodologist see them on the route. */
export type ControlPointsMissed = RouteFact<
  'ControlPointsMissed',
  { readonly missed: readonly MissedControlPoint[]; readonly detectedAt: string }
>;

/** 000 п.1, 002 §9.2.2 п.1: the teacher's self-determination — the desired image of themself as a professional. */
export type DesiredImageRecorded = RouteFact<
  'DesiredImageRecorded',
  { readonly desiredImage: string } & Acted<'recorded'>
>;

/** One deficit reflected on at the reflective stage (000 п.7; 002 §9.2.2 п.7). */
export interface ReflectionEntry {
  readonly area: CompetenceArea;
  readonly whatChanged: string;
  readonly evidence: string;
  /** How near the teacher has come to the desired image, in their words. */
  readonly nearnessToImage: string;
}

/** The teacher's reflective analysis, per deficit; a new one replaces the last until the tutor agrees it. */
export type ReflectionRecorded = RouteFact<
  'ReflectionRecorded',
  { readonly entries: readonly ReflectionEntry[] } & Acted<'recorded'>
>;

export type ReflectionAgreed = RouteFact<'ReflectionAgreed', Acted<'agreed'>>;

export type ControlDiagnosticsRecorded = RouteFact<
  'ControlDiagnosticsRecorded',
  DiagnosticsHeld & {
    /** One entry per area diagnosed both initially and now, in the order of `competenceAreas`. */
    readonly dynamics: readonly CompetenceDynamics[];
    /** As in DiagnosticsRecorded: set since deficit levels are entered, absent in older events. */
    readonly deficitLevelsEntered?: true;
  } & Acted<'recorded'>
>;

/** A diagnostics held during the route on its planned date (003 §5.1: the title page plans it «для оценки динамики профессионального роста»); it may plan the following one. */
export type RepeatedDiagnosticsRecorded = RouteFact<
  'RepeatedDiagnosticsRecorded',
  DiagnosticsHeld & { readonly nextDiagnosticsDate?: string } & Acted<'recorded'>
>;

export type RouteCompleted = RouteFact<
  'RouteCompleted',
  {
    readonly organisationId: string;
    readonly code: string;
    /** Undefined when no draft was awaited (the teacher's own road map was approved first). */
    readonly draftDeliveredOnTime?: boolean;
  } & Acted<'completed'>
>;

export type RouteOwnEvent =
  | RouteCreated
  | RouteGoalFixed
  | DiagnosticsRecorded
  | DeficitLevelsEntered
  | RouteStageChanged
  | RouteDraftSubmitted
  | RoadMapProposed
  | ProposedRoadMapReturned
  | RoadMapAgreed
  | PortfolioEntryRecorded
  | ActivityDoneMarked
  | ActivityDoneConfirmed
  | RoadMapCorrected
  | ControlPointsChecked
  | ControlPointsMissed
  | DesiredImageRecorded
  | ReflectionRecorded
  | ReflectionAgreed
  | ControlDiagnosticsRecorded
  | RepeatedDiagnosticsRecorded
  | RouteCompleted;

/** A route's stream: its own events and the events of the tasks it raised. */
export type RouteEvent = RouteOwnEvent | TaskEvent;

export const routeEventTypes: readonly RouteOwnEvent['type'][] = [
  'RouteCreated',
  'RouteGoalFixed',
  'DiagnosticsRecorded',
  'DeficitLevelsEntered',
  'RouteStageChanged',
  'RouteDraftSubmitted',
  'RoadMapProposed',
  'ProposedRoadMapReturned',
  'RoadMapAgreed',
  'PortfolioEntryRecorded',
  'ActivityDoneMarked',
  'ActivityDoneConfirmed',
  'RoadMapCorrected',
  'ControlPointsChecked',
  'ControlPointsMissed',
  'DesiredImageRecorded',
  'ReflectionRecorded',
  'ReflectionAgreed',
  'ControlDiagnosticsRecorded',
  'RepeatedDiagnosticsRecorded',
  'RouteCompleted',
];
