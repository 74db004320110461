/**
 * The activity contracts workflows call. Workflows import these as types only; apps/worker implements
 * them from Nest DI (createXActivities(deps)).
 */
export interface EventToPersist {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface AppendEventsInput {
  streamId: string;
  expectedVersion: number;
  events: EventToPersist[];
}

export interface AppendEventsResult {
  nextExpectedVersion: number;
  positions: number[];
  duplicate: boolean;
}

export interface GateContextCounts {
  mentorsSelected: number;
  menteesSelected: number;
  pairsAssigned: number;
  pairsAssignedWithOrderAndConsents: number;
  pairsWithApprovedPersonalProgramme: number;
  activePairs: number;
  activePairsPassedInterimControl: number;
}

export interface EventStoreActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
}

export interface ProgrammeActivities {
  /** What the pairs slice knows about the programme's participants, read at decision time. */
  loadProgrammeGateContext(input: { programmeId: string; organisationId: string }): Promise<GateContextCounts>;
  /** The instant a local calendar date ends in the organisation's time zone. */
  endOfLocalDay(input: { date: string; timeZone: string }): Promise<string>;
  /** When a stage plan is due and when to remind the curator (working days before, production calendar). */
  planStageReminder(input: { plannedEnd: string; timeZone: string }): Promise<{ dueAt: string; dueLocalDate: string; remindAt: string[] }>;
}
