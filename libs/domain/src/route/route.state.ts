import { assertNever } from '../shared/decider';
import { isTaskEvent, type TaskEvent } from '../task/task.events';
import { evolveTasks, type Tasks } from '../task/task.state';
import type {
  DeficitLevelsEntered,
  ReflectionEntry,
  ControlPointCheckOutcome,
  MissedControlPoint,
  CompetenceDynamics,
  CompetenceResult,
  PortfolioEntryRecorded,
  RouteControlPoint,
  RouteEvent,
  RouteRoadMapRow,
  RouteRoadMapSource,
  RouteStage,
  RouteTitlePage,
} from './route.events';

export interface RouteParticipants {
  readonly teacherId: string;
  readonly methodologistId: string;
  readonly tutorId: string;
}

export interface RouteGoal {
  readonly goal: string;
  readonly tasks: readonly string[];
}

/**
 * A result as the route shows it. `deficitLevelDerived`: the level comes from an event recorded before levels
 * were entered, derived by thresholds of ours; it is shown as such until someone enters one.
 */
export type RouteCompetenceResult = CompetenceResult & { readonly deficitLevelDerived?: true };

export interface RouteDiagnostics {
  readonly diagnosticsId: string;
  readonly date: string;
  readonly nextDiagnosticsDate?: string;
  readonly results: readonly RouteCompetenceResult[];
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

/** The teacher's last proposal the tutor returned, with the tutor's comment: shown to the teacher until she proposes again. */
export interface RouteReturnedProposal {
  readonly rows: readonly RouteRoadMapRow[];
  readonly proposedAt: string;
  readonly comment: string;
  readonly returnedAt: string;
  readonly returnedBy: string;
}

/** What PortfolioEntryRecorded recorded, less the route it names. */
export type RoutePortfolioEntry = Omit<PortfolioEntryRecorded['data'], 'routeId'>;

/** One control point's outcome in a monthly check, with the month and who checked it. */
export interface RouteControlPointCheck extends ControlPointCheckOutcome {
  readonly month: string;
  readonly checkedAt: string;
  readonly checkedBy: string;
}

export interface RouteMissedControlPoint extends MissedControlPoint {
  readonly detectedAt: string;
}

/** A road-map activity the teacher marked done (003 §5.2), and the tutor's confirmation. */
export interface RouteActivityCompletion {
  readonly rowId: string;
  readonly doneOn: string;
  readonly result: string;
  readonly markedAt: string;
  readonly markedBy: string;
  readonly confirmedAt?: string;
  readonly confirmedBy?: string;
}

export interface RouteReflection {
  readonly entries: readonly ReflectionEntry[];
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly agreedAt?: string;
  readonly agreedBy?: string;
}

export interface CreatedRoute {
  readonly status: 'created';
  readonly routeId: string;
  readonly code: string;
  readonly organisationId: string;
  readonly participants: RouteParticipants;
  /** The mentoring pair whose mentee's route this is (002 §2), when linked at creation. */
  readonly pairId?: string;
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
  /** Absent until a proposal is returned, and again once the teacher proposes anew or a road map is agreed. */
  readonly returnedProposal?: RouteReturnedProposal;
  /** The agreed control points; a point moved at a monthly check carries its new date. */
  readonly controlPoints: readonly RouteControlPoint[];
  /** Absent in states folded before monthly checks were recorded (snapshots, read-model rows). */
  readonly controlPointChecks?: readonly RouteControlPointCheck[];
  readonly missedControlPoints?: readonly RouteMissedControlPoint[];
  readonly portfolio: readonly RoutePortfolioEntry[];
  /** Activities marked done, one per road-map row. Absent in states folded before marks were recorded. */
  readonly activityCompletions?: readonly RouteActivityCompletion[];
  readonly controlDiagnostics?: RouteControlDiagnostics;
  /** Diagnostics held during the route (003 §5.1), in order. Absent in states folded before they were recorded. */
  readonly repeatedDiagnostics?: readonly RouteDiagnostics[];
  /** The teacher's desired professional image (self-determination, 000 п.1). */
  readonly desiredImage?: { readonly text: string; readonly recordedAt: string; readonly recordedBy: string };
  /** The reflective analysis per deficit (000 п.7), agreed by the tutor. */
  readonly reflection?: RouteReflection;
  readonly tasks: Tasks;
  readonly monthlyCheckTaskIds: readonly string[];
  readonly completedAt?: string;
}

export type RouteState = { readonly status: 'notCreated' } | CreatedRoute;

/** The planned date of the next diagnostics: set by the last diagnostics recorded (initial or repeated). */
export const nextDiagnosticsDateOf = (state: CreatedRoute): string | undefined => {
  const last = state.repeatedDiagnostics?.at(-1) ?? state.diagnostics;
  return last?.nextDiagnosticsDate;
};

export type RouteDiagnosticsKind = 'initial' | 'repeated' | 'control';

/** The route's diagnostics in the order they were held: the initial, the repeated ones, the control. */
export const routeDiagnosticsHistory = (
  state: CreatedRoute,
): (RouteDiagnostics & { readonly kind: RouteDiagnosticsKind })[] => [
  ...(state.diagnostics ? [{ ...state.diagnostics, kind: 'initial' as const }] : []),
  ...(state.repeatedDiagnostics ?? []).map((d) => ({ ...d, kind: 'repeated' as const })),
  ...(state.controlDiagnostics ? [{ ...state.controlDiagnostics, kind: 'control' as const }] : []),
];

export const initialRouteState = (): RouteState => ({ status: 'notCreated' });

const whenCreated = (state: RouteState, next: (created: CreatedRoute) => CreatedRoute): RouteState =>
  state.status === 'created' ? next(state) : state;

/** The route without an optional field (absent, not `undefined`: states are compared and stored as JSON). */
const without = (state: CreatedRoute, field: 'proposal' | 'returnedProposal'): CreatedRoute => {
  const rest: { -readonly [K in keyof CreatedRoute]: CreatedRoute[K] } = { ...state };
  delete rest[field];
  return rest;
};

const withVersion = (state: CreatedRoute, version: RouteRoadMapVersion): CreatedRoute =>
  // Agreeing the draft unchanged keeps its version: nothing new enters the history.
  state.roadMap?.version === version.version
    ? state
    : { ...state, roadMap: version, roadMapVersions: [...state.roadMapVersions, version] };

/** Old events carried a derived deficit level: kept, and marked as derived. */
const readResults = (results: readonly CompetenceResult[], entered: boolean | undefined): RouteCompetenceResult[] =>
  results.map((r) =>
    !entered && r.level === 'deficit' && r.deficitLevel !== undefined ? { ...r, deficitLevelDerived: true } : r,
  );

const withLevels = (
  results: readonly RouteCompetenceResult[],
  levels: DeficitLevelsEntered['data']['levels'],
): RouteCompetenceResult[] =>
  results.map((r) => {
    const entered = levels.find((l) => l.area === r.area);
    if (entered === undefined || r.level !== 'deficit') return r;
    return { area: r.area, percent: r.percent, level: 'deficit', deficitLevel: entered.deficitLevel };
  });

const evolveRouteTasks = (state: CreatedRoute, event: TaskEvent): CreatedRoute => {
  const next = { ...state, tasks: evolveTasks(state.tasks, event) };
  if (event.type === 'TaskRaised' && event.data.kind === 'draftRoute') {
    return {
      ...next,
      draft: {
        taskId: event.data.taskId,
        dueAt: event.data.dueAt,
        dueLocalDate: event.data.dueLocalDate,
        overdue: false,
      },
    };
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
  if (isTaskEvent(event)) return whenCreated(state, (s) => evolveRouteTasks(s, event));
  switch (event.type) {
    case 'RouteCreated': {
      const {
        routeId,
        code,
        organisationId,
        teacherId,
        methodologistId,
        tutorId,
        pairId,
        titlePage,
        stage,
        createdAt,
      } = event.data;
      return {
        status: 'created',
        routeId,
        code,
        organisationId,
        participants: { teacherId, methodologistId, tutorId },
        ...(pairId === undefined ? {} : { pairId }),
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
        const { diagnosticsId, date, nextDiagnosticsDate, results, deficitLevelsEntered, recordedAt } = event.data;
        return {
          ...s,
          diagnostics: {
            diagnosticsId,
            date,
            ...(nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate }),
            results: readResults(results, deficitLevelsEntered),
            recordedAt,
          },
        };
      });
    case 'DeficitLevelsEntered':
      return whenCreated(state, (s) => {
        const { diagnosticsId, levels } = event.data;
        if (s.diagnostics?.diagnosticsId === diagnosticsId)
          return { ...s, diagnostics: { ...s.diagnostics, results: withLevels(s.diagnostics.results, levels) } };
        if (s.controlDiagnostics?.diagnosticsId === diagnosticsId)
          return {
            ...s,
            controlDiagnostics: {
              ...s.controlDiagnostics,
              results: withLevels(s.controlDiagnostics.results, levels),
            },
          };
        if (s.repeatedDiagnostics?.some((d) => d.diagnosticsId === diagnosticsId))
          return {
            ...s,
            repeatedDiagnostics: s.repeatedDiagnostics.map((d) =>
              d.diagnosticsId === diagnosticsId ? { ...d, results: withLevels(d.results, levels) } : d,
            ),
          };
        return s;
      });
    case 'RouteStageChanged':
      return whenCreated(state, (s) => ({ ...s, stage: event.data.to, stageEnteredAt: event.data.changedAt }));
    case 'RouteDraftSubmitted':
      return whenCreated(state, (s) => {
        const { version, rows, submittedAt, submittedBy, onTime } = event.data;
        const withDraft = s.draft ? { ...s, draft: { ...s.draft, submittedAt, onTime } } : s;
        return withVersion(withDraft, {
          version,
          origin: 'methodologistDraft',
          rows,
          at: submittedAt,
          by: submittedBy,
        });
      });
    case 'RoadMapProposed':
      return whenCreated(state, (s) => ({
        ...without(s, 'returnedProposal'),
        proposal: { rows: event.data.rows, proposedAt: event.data.proposedAt, proposedBy: event.data.proposedBy },
      }));
    case 'ProposedRoadMapReturned':
      return whenCreated(state, (s) => {
        const { comment, proposedAt, returnedAt, returnedBy } = event.data;
        // The proposal returned is the pending one; its rows stay for the teacher to rework.
        const rows = s.proposal?.rows ?? [];
        return { ...without(s, 'proposal'), returnedProposal: { rows, proposedAt, comment, returnedAt, returnedBy } };
      });
    case 'RoadMapAgreed':
      return whenCreated(state, (s) => {
        const { version, source, rows, controlPoints, agreedAt, agreedBy } = event.data;
        // An agreed road map settles the design stage: a pending (or returned) proposal is no longer pending.
        const rest = without(without(s, 'proposal'), 'returnedProposal');
        return {
          ...withVersion(rest, { version, origin: source, rows, at: agreedAt, by: agreedBy }),
          controlPoints,
          agreedAt,
        };
      });
    case 'PortfolioEntryRecorded':
      return whenCreated(state, (s) => {
        const { entryId, rowId, competence, date, product, selfAssessment, recordedAt, recordedBy } = event.data;
        const entry: RoutePortfolioEntry = {
          entryId,
          ...(rowId === undefined ? {} : { rowId }),
          ...(competence === undefined ? {} : { competence }),
          ...(date === undefined ? {} : { date }),
          product,
          selfAssessment,
          recordedAt,
          recordedBy,
        };
        return { ...s, portfolio: [...s.portfolio, entry] };
      });
    case 'ActivityDoneMarked':
      return whenCreated(state, (s) => {
        const { rowId, doneOn, result, markedAt, markedBy } = event.data;
        const others = (s.activityCompletions ?? []).filter((c) => c.rowId !== rowId);
        return { ...s, activityCompletions: [...others, { rowId, doneOn, result, markedAt, markedBy }] };
      });
    case 'ActivityDoneConfirmed':
      return whenCreated(state, (s) => ({
        ...s,
        activityCompletions: (s.activityCompletions ?? []).map((c) =>
          c.rowId === event.data.rowId
            ? { ...c, confirmedAt: event.data.confirmedAt, confirmedBy: event.data.confirmedBy }
            : c,
        ),
      }));
    case 'RoadMapCorrected':
      return whenCreated(state, (s) => {
        const { version, rows, reason, correctedAt, correctedBy } = event.data;
        return withVersion(s, { version, origin: 'correction', rows, reason, at: correctedAt, by: correctedBy });
      });
    case 'ControlPointsChecked':
      return whenCreated(state, (s) => {
        const { month, outcomes, checkedAt, checkedBy } = event.data;
        const moved = new Map(
          outcomes.flatMap((o) => (o.newDate === undefined ? [] : [[o.controlPointId, o.newDate]])),
        );
        return {
          ...s,
          controlPoints: s.controlPoints.map((p) => ({ ...p, date: moved.get(p.controlPointId) ?? p.date })),
          controlPointChecks: [
            ...(s.controlPointChecks ?? []),
            ...outcomes.map((o) => ({ ...o, month, checkedAt, checkedBy })),
          ],
        };
      });
    case 'ControlPointsMissed':
      return whenCreated(state, (s) => ({
        ...s,
        missedControlPoints: [
          ...(s.missedControlPoints ?? []),
          ...event.data.missed.map((m) => ({ ...m, detectedAt: event.data.detectedAt })),
        ],
      }));
    case 'DesiredImageRecorded':
      return whenCreated(state, (s) => ({
        ...s,
        desiredImage: {
          text: event.data.desiredImage,
          recordedAt: event.data.recordedAt,
          recordedBy: event.data.recordedBy,
        },
      }));
    case 'ReflectionRecorded':
      return whenCreated(state, (s) => ({
        ...s,
        reflection: {
          entries: event.data.entries,
          recordedAt: event.data.recordedAt,
          recordedBy: event.data.recordedBy,
        },
      }));
    case 'ReflectionAgreed':
      return whenCreated(state, (s) =>
        s.reflection
          ? { ...s, reflection: { ...s.reflection, agreedAt: event.data.agreedAt, agreedBy: event.data.agreedBy } }
          : s,
      );
    case 'ControlDiagnosticsRecorded':
      return whenCreated(state, (s) => {
        const { diagnosticsId, date, results, dynamics, deficitLevelsEntered, recordedAt } = event.data;
        return {
          ...s,
          controlDiagnostics: {
            diagnosticsId,
            date,
            results: readResults(results, deficitLevelsEntered),
            dynamics,
            recordedAt,
          },
        };
      });
    case 'RepeatedDiagnosticsRecorded':
      return whenCreated(state, (s) => {
        const { diagnosticsId, date, nextDiagnosticsDate, results, recordedAt } = event.data;
        const diagnostics: RouteDiagnostics = {
          diagnosticsId,
          date,
          ...(nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate }),
          results,
          recordedAt,
        };
        return { ...s, repeatedDiagnostics: [...(s.repeatedDiagnostics ?? []), diagnostics] };
      });
    case 'RouteCompleted':
      return whenCreated(state, (s) => ({ ...s, stage: 'completed', completedAt: event.data.completedAt }));
    default:
      return assertNever(event);
  }
};
