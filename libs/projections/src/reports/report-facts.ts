import {
  evolveTask,
  isTaskEvent,
  organisationDecider,
  type OrganisationKind,
  pairDecider,
  pairGateCounts,
  parseMonitoringStream,
  parseOrganisationStream,
  parsePairStream,
  parsePracticeStream,
  parseIncentiveStream,
  incentiveDecider,
  type IncentiveEvent,
  type IncentiveRecipientRole,
  type IncentiveStatus,
  practiceDecider,
  type PracticeEvent,
  type PracticeStatus,
  parseProgrammeStream,
  parseRouteStream,
  programmeDecider,
  routeDecider,
  routeDraftDeliveredOnTime,
  routeEventTypes,
  type CompetenceArea,
  type FinalControlOutcome,
  type InterimControlOutcome,
  type MonitoringEvent,
  type MonitoringResultRecorded,
  type OrganisationEvent,
  type PairEvent,
  type PairForm,
  type PairGateCounts,
  type PairKind,
  type PairStatus,
  type ProgrammeEvent,
  type RouteEvent,
  type RouteStage,
  type StartedProgramme,
  type TaskEvent,
  type TaskKind,
  type TaskStatus,
  type TaskView,
} from '@mentorflow/domain';

/** What a report needs of each subject at one moment; a new interval opens only when these change. */
export interface OrganisationFacts {
  readonly name: string;
  /** Absent in facts recorded before regional organisations existed: those are all educational organisations. */
  readonly kind?: OrganisationKind;
  readonly region: string;
  readonly municipality: string;
  readonly timeZone: string;
  readonly curatorIds: readonly string[];
}

/** The programme's own fold: the domain's target-model functions read it as it is. */
export type ProgrammeFacts = StartedProgramme;

export interface PairFacts {
  readonly programmeId: string;
  readonly status: Exclude<PairStatus, 'notFormed'>;
  readonly form: PairForm;
  readonly kind: PairKind;
  /** Every kind of a combined pair; absent on facts recorded before kinds could be combined (then `kind`). */
  readonly kinds?: readonly PairKind[];
  readonly mentorId: string;
  readonly menteeCount: number;
  /** This pair's share of the programme's gate counts (each 0 or 1): sums over pairs give the programme's. */
  readonly gate: PairGateCounts;
  readonly interimOutcome?: InterimControlOutcome;
  readonly finalOutcome?: FinalControlOutcome;
}

export interface RouteFacts {
  readonly code: string;
  readonly teacherId: string;
  readonly methodologistId: string;
  readonly tutorId: string;
  readonly stage: RouteStage;
  readonly initial: Readonly<Partial<Record<CompetenceArea, number>>>;
  readonly control: Readonly<Partial<Record<CompetenceArea, number>>>;
  readonly portfolioEntries: number;
  readonly lastPortfolioAt?: string;
  readonly draftDueAt?: string;
  readonly draftSubmittedAt?: string;
  readonly draftMarkedOverdue: boolean;
  /** The route decider's own "delivered within 10 working days" indicator. */
  readonly draftDeliveredOnTime?: boolean;
}

export interface TaskFacts {
  readonly kind: TaskKind;
  readonly role: string;
  readonly assigneeId: string;
  readonly status: TaskStatus;
  /** Absent while the deadline waits for a production-calendar year. */
  readonly dueAt?: string;
  readonly subjectType: string;
}

export type MonitoringResultFacts = MonitoringResultRecorded['data'];

/** A practice of the bank (issue 28), counted under its author's organisation. */
export interface PracticeFacts {
  readonly status: PracticeStatus;
}

/** An incentive (issue 28) as a report counts it, under the organisation that proposed it. */
export interface IncentiveFacts {
  readonly status: IncentiveStatus;
  readonly kind: string;
  /** The kind's Russian name when proposed (an administrator's kind may leave the list later). */
  readonly kindName: string;
  readonly recipientRole: IncentiveRecipientRole;
  readonly personId: string;
}

export type ReportSubjectType =
  'organisation' | 'programme' | 'pair' | 'route' | 'task' | 'monitoringResult' | 'practice' | 'incentive';

/** How a subject's state is folded and what of it a report keeps. */
export interface SubjectKind<S> {
  readonly type: ReportSubjectType;
  initialState(): S;
  evolve(state: S, event: { type: string; data: unknown }): S;
  /** The facts and owning organisation, or undefined while the subject does not exist yet. */
  facts(state: S): { organisationId: string; facts: object } | undefined;
}

const organisationKind: SubjectKind<ReturnType<typeof organisationDecider.initialState>> = {
  type: 'organisation',
  initialState: organisationDecider.initialState,
  evolve: (s, e) => organisationDecider.evolve(s, e as never),
  facts: (s) =>
    s.status !== 'registered'
      ? undefined
      : {
          organisationId: s.organisationId,
          facts: {
            name: s.name,
            kind: s.kind,
            region: s.region,
            municipality: s.municipality,
            timeZone: s.timeZone,
            curatorIds: s.staff.filter((m) => m.role === 'curator').map((m) => m.personId),
          } satisfies OrganisationFacts,
        },
};

const programmeKind: SubjectKind<ReturnType<typeof programmeDecider.initialState>> = {
  type: 'programme',
  initialState: programmeDecider.initialState,
  evolve: (s, e) => programmeDecider.evolve(s, e as never),
  facts: (s) =>
    s.status !== 'started' ? undefined : { organisationId: s.organisationId, facts: s satisfies ProgrammeFacts },
};

const pairKind: SubjectKind<ReturnType<typeof pairDecider.initialState>> = {
  type: 'pair',
  initialState: pairDecider.initialState,
  evolve: (s, e) => pairDecider.evolve(s, e as never),
  facts: (s) => {
    if (s.status === 'notFormed') return undefined;
    const interim = s.interimControls.at(-1)?.outcome;
    const final = s.finalControl?.outcome;
    const facts: PairFacts = {
      programmeId: s.programmeId,
      status: s.status,
      form: s.form,
      kind: s.kind,
      // States folded before kinds could be combined (a stored snapshot) may lack the list.
      kinds: s.kinds ?? [s.kind],
      mentorId: s.mentorId,
      menteeCount: s.menteeIds.length,
      gate: pairGateCounts([s]),
      ...(interim === undefined ? {} : { interimOutcome: interim }),
      ...(final === undefined ? {} : { finalOutcome: final }),
    };
    return { organisationId: s.organisationId, facts };
  },
};

const routeKind: SubjectKind<ReturnType<typeof routeDecider.initialState>> = {
  type: 'route',
  initialState: routeDecider.initialState,
  evolve: (s, e) => routeDecider.evolve(s, e as never),
  facts: (s) => {
    if (s.status !== 'created') return undefined;
    const percents = (results: readonly { area: CompetenceArea; percent: number }[] | undefined) =>
      Object.fromEntries((results ?? []).map((r) => [r.area, r.percent]));
    const onTime = routeDraftDeliveredOnTime(s);
    const facts: RouteFacts = {
      code: s.code,
      teacherId: s.participants.teacherId,
      methodologistId: s.participants.methodologistId,
      tutorId: s.participants.tutorId,
      stage: s.stage,
      initial: percents(s.diagnostics?.results),
      control: percents(s.controlDiagnostics?.results),
      portfolioEntries: s.portfolio.length,
      ...(s.portfolio.length > 0 ? { lastPortfolioAt: s.portfolio.at(-1)?.recordedAt } : {}),
      ...(s.draft ? { draftDueAt: s.draft.dueAt } : {}),
      ...(s.draft?.submittedAt ? { draftSubmittedAt: s.draft.submittedAt } : {}),
      draftMarkedOverdue: s.draft?.overdue ?? false,
      ...(onTime === undefined ? {} : { draftDeliveredOnTime: onTime }),
    };
    return { organisationId: s.organisationId, facts };
  },
};

const taskKind: SubjectKind<TaskView | null> = {
  type: 'task',
  initialState: () => null,
  evolve: (s, e) => evolveTask(s ?? undefined, e as TaskEvent) ?? null,
  facts: (s) =>
    s === null
      ? undefined
      : {
          organisationId: s.organisationId,
          facts: {
            kind: s.kind,
            role: s.assignee.role,
            assigneeId: s.assignee.personId,
            status: s.status,
            ...(s.dueAt === undefined ? {} : { dueAt: s.dueAt }),
            subjectType: s.subject.type,
          } satisfies TaskFacts,
        },
};

/** One result per subject: the journal's own decider validated it; the report keeps it as recorded. */
const monitoringResultKind: SubjectKind<MonitoringResultFacts | null> = {
  type: 'monitoringResult',
  initialState: () => null,
  evolve: (_s, e) => (e as MonitoringResultRecorded).data,
  facts: (s) => (s === null ? undefined : { organisationId: s.organisationId, facts: s }),
};

const practiceKind: SubjectKind<ReturnType<typeof practiceDecider.initialState>> = {
  type: 'practice',
  initialState: practiceDecider.initialState,
  evolve: (s, e) => practiceDecider.evolve(s, e as never),
  facts: (s) =>
    s.status === 'none'
      ? undefined
      : { organisationId: s.organisationId, facts: { status: s.status } satisfies PracticeFacts },
};

/** An incentive (issue 28), counted under the organisation that proposed it, granted as of the director's order. */
const incentiveKind: SubjectKind<ReturnType<typeof incentiveDecider.initialState>> = {
  type: 'incentive',
  initialState: incentiveDecider.initialState,
  evolve: (s, e) => incentiveDecider.evolve(s, e as never),
  facts: (s) =>
    s.status === 'none'
      ? undefined
      : {
          organisationId: s.organisationId,
          facts: {
            status: s.status,
            kind: s.kind,
            kindName: s.kindName,
            recipientRole: s.recipientRole,
            personId: s.personId,
          } satisfies IncentiveFacts,
        },
};

const streamKinds: readonly [(streamId: string) => string | undefined, SubjectKind<never>][] = [
  [parseOrganisationStream, organisationKind as SubjectKind<never>],
  [parseProgrammeStream, programmeKind as SubjectKind<never>],
  [parsePairStream, pairKind as SubjectKind<never>],
  [parseRouteStream, routeKind as SubjectKind<never>],
  [parsePracticeStream, practiceKind as SubjectKind<never>],
  [parseIncentiveStream, incentiveKind as SubjectKind<never>],
];

export interface SubjectRef {
  readonly key: string;
  readonly id: string;
  readonly kind: SubjectKind<never>;
}

/** The subjects an event changes: its stream's aggregate, and the task it is about. */
export function subjectsOf(event: { streamId: string; type: string; data: Record<string, unknown> }): SubjectRef[] {
  const refs: SubjectRef[] = [];
  if (parseMonitoringStream(event.streamId) !== undefined && event.type === 'MonitoringResultRecorded') {
    const id = String(event.data.resultId);
    refs.push({ key: `monitoringResult:${id}`, id, kind: monitoringResultKind as SubjectKind<never> });
  }
  for (const [parseStream, kind] of streamKinds) {
    const id = parseStream(event.streamId);
    if (id === undefined) continue;
    // Task events belong to the aggregate too (its fold keeps them), except for the organisation.
    if (kind.type === 'organisation' && isTaskEvent(event)) continue;
    refs.push({ key: `${kind.type}:${id}`, id, kind });
  }
  if (isTaskEvent(event)) {
    const id = String(event.data.taskId);
    refs.push({ key: `task:${id}`, id, kind: taskKind as SubjectKind<never> });
  }
  return refs;
}

/** The events of every subject a report reads: a misspelt type does not compile. */
export const reportEventTypes: readonly (
  OrganisationEvent | ProgrammeEvent | PairEvent | RouteEvent | MonitoringEvent | PracticeEvent | IncentiveEvent
)['type'][] = [
  'OrganisationRegistered',
  'StaffAssigned',
  'StaffRemoved',
  'ProgrammeStarted',
  'DocumentRecorded',
  'CuratorAppointed',
  'StageAdvanced',
  'StageReturned',
  'StagePlanned',
  'StagePlanOverdue',
  'ProgrammeClosed',
  'PairFormed',
  'PersonalProgrammeApproved',
  'InterimControlPassed',
  'InterimControlFailed',
  'MentorFinalReportSubmitted',
  'FinalControlCompleted',
  'PairCompleted',
  'MentorReplaced',
  'PairTerminated',
  ...routeEventTypes,
  'TaskRaised',
  'TaskOverdue',
  'TaskCompleted',
  'TaskCancelled',
  'TaskReassigned',
  'MonitoringResultRecorded',
  'PracticeSubmitted',
  'PracticeReturned',
  'PracticeResubmitted',
  'PracticePublished',
  'IncentiveProposed',
  'IncentiveApproved',
  'IncentiveDeclined',
];

/**
 * When an event happened: the instant the domain stamped into its data (from the command's time),
 * which for imported history lies in the past; the store's recorded_at only when the data has none.
 */
const occurredAtFields = [
  'occurredAt',
  'registeredAt',
  'assignedAt',
  'removedAt',
  'startedAt',
  'appointedAt',
  'advancedAt',
  'returnedAt',
  'plannedAt',
  'detectedAt',
  'closedAt',
  'formedAt',
  'approvedAt',
  'controlledAt',
  'submittedAt',
  'completedAt',
  'replacedAt',
  'rejectedAt',
  'terminatedAt',
  'createdAt',
  'fixedAt',
  'changedAt',
  'proposedAt',
  'agreedAt',
  'correctedAt',
  'raisedAt',
  'remindedAt',
  'overdueAt',
  'escalatedAt',
  'cancelledAt',
  'reassignedAt',
  'recordedAt',
  'resubmittedAt',
  'publishedAt',
  'declinedAt',
] as const;

export function eventOccurredAt(event: { type: string; data: Record<string, unknown>; recordedAt: string }): string {
  // ProgrammeStarted may be back-filled (startedAt earlier than the command): that is when it began.
  for (const field of occurredAtFields) {
    const value = event.data[field];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  }
  return event.recordedAt;
}
