/**
 * The activity contracts workflows call. Workflows import these as types only; apps/worker implements
 * them from Nest DI (createXActivities(deps)).
 */
import type { ProgrammeGateContext } from '../libs/domain/src/programme/programme.gate-context';

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
  /** The stream head's hash from the previous append, when the workflow knows it (saves a read). */
  previousHash?: string | null;
}

export interface AppendEventsResult {
  nextExpectedVersion: number;
  positions: number[];
  duplicate: boolean;
  lastHash: string | null;
}

/** The domain's own type, so the activity and the gate it feeds cannot drift apart. */
export type GateContextCounts = ProgrammeGateContext;

export interface EventStoreActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
}

/**
 * A deadline the production calendar cannot give yet: the year it needs is not loaded. The command that
 * asked for it is accepted with the deadline pending; the activity has asked the administrators to load
 * the year, and the workflow computes the deadline again once the year is loaded (calendarYearLoaded).
 */
export interface PendingDeadline {
  pendingYear: number;
}

export const isPendingDeadline = (value: object): value is PendingDeadline => 'pendingYear' in value;

export interface ProgrammeActivities {
  /** What the pairs slice knows about the programme's participants, read at decision time. */
  loadProgrammeGateContext(input: { programmeId: string; organisationId: string }): Promise<GateContextCounts>;
  /** The instant a local calendar date ends in the organisation's time zone. */
  endOfLocalDay(input: { date: string; timeZone: string }): Promise<string>;
  /** When a stage plan is due and when to remind the curator (working days before, production calendar). */
  planStageReminder(input: {
    plannedEnd: string;
    timeZone: string;
    organisationId?: string;
  }): Promise<{ dueAt: string; dueLocalDate: string; remindAt: string[]; pendingYear?: number }>;
}

export type CapacityReservation = { reserved: true } | { reserved: false; code: string; message: string };

export interface PairActivities {
  /** Takes `menteeCount` of the mentor's slots for the pair, atomically across all pairs (mentor-load stream). */
  reserveMentorCapacity(input: {
    organisationId: string;
    mentorId: string;
    pairId: string;
    menteeCount: number;
  }): Promise<CapacityReservation>;
  releaseMentorCapacity(input: { mentorId: string; pairId: string }): Promise<void>;
  /** Interim control at the middle of the personal programme, final control at its end (organisation time zone). */
  pairControlSchedule(input: { start: string; end: string; timeZone: string }): Promise<{
    interim: { dueAt: string; dueLocalDate: string };
    final: { dueAt: string; dueLocalDate: string };
  }>;
  /** The instant a local date ends in the organisation's zone: a control date the person chose. */
  pairControlDue(input: { date: string; timeZone: string }): Promise<{ dueAt: string; dueLocalDate: string }>;
  /** The day a written notice given on `noticeDate` allows: 3 working days on (production calendar). */
  terminationNoticeEnd(input: {
    noticeDate: string;
    timeZone: string;
    organisationId: string;
  }): Promise<{ endsOn: string; endsAt: string } | PendingDeadline>;
}

/** A deadline on the production calendar: the instant it passes and the local date it ends. */
export interface RouteDeadline {
  dueAt: string;
  dueLocalDate: string;
}

export interface RouteMonthlyCheckSchedule extends RouteDeadline {
  /** YYYY-MM of the month the check covers. */
  month: string;
  /** The instant the month begins in the organisation's time zone: when the check is raised. */
  startsAt: string;
  /** Name-based (UUID v5 of the route id and `check-YYYY-MM`): the same month always gets the same task id. */
  taskId: string;
}

export interface RouteRepeatedDiagnosticsSchedule extends RouteDeadline {
  /** The instant the planned day begins in the organisation's time zone: when the task is raised. */
  startsAt: string;
  /** Name-based (UUID v5 of the route id and `repeated-diagnostics-YYYY-MM-DD`): one task per planned date. */
  taskId: string;
}

export interface RouteActivities {
  /** The methodologist's draft: 10 working days after the results arrive (003 §6), reminder 2 working days before. */
  routeDraftDeadline(input: {
    diagnosticsRecordedAt: string;
    timeZone: string;
    organisationId?: string;
  }): Promise<(RouteDeadline & { remindAt: string[] }) | PendingDeadline>;
  /** Escalation of an overdue draft: due 2 working days after the overdue instant; the organisation's current curator, if any. */
  routeDraftEscalation(input: {
    organisationId: string;
    overdueAt: string;
    timeZone: string;
  }): Promise<(RouteDeadline | PendingDeadline) & { curatorId?: string }>;
  /** The first month that begins after `after` and comes after `lastMonth`: its check is due at the end of its last day. */
  routeMonthlyCheck(input: {
    routeId: string;
    after: string;
    lastMonth?: string;
    timeZone: string;
  }): Promise<RouteMonthlyCheckSchedule>;
  /** The tutor's repeated diagnostics: raised when the planned day begins, due at the end of that day's month. */
  routeRepeatedDiagnostics(input: {
    routeId: string;
    plannedDate: string;
    timeZone: string;
  }): Promise<RouteRepeatedDiagnosticsSchedule>;
  /** Control diagnostics are due at the end of the route's last day, or 10 working days on when that day has passed. */
  routeControlDiagnosticsDeadline(input: {
    startedAt: string;
    endDate: string;
    timeZone: string;
    organisationId?: string;
  }): Promise<RouteDeadline | PendingDeadline>;
}

/** What one run of the daily digest did for one time zone. */
export interface DailyDigestRun {
  /** The local date the digest is for. */
  date: string;
  /** Organisations of the zone for which the date is a working day (their people's tasks are covered). */
  workingOrganisations: number;
  /** Organisations skipped: the date is a day off for them, or their calendar year is not loaded. */
  dayOffOrganisations: number;
  /** Digests enqueued in the outbox now (a repeated run enqueues none). */
  enqueued: number;
}

export interface NotificationActivities {
  /**
   * The daily digest of one time zone: `date` if given (tests, a manual re-run), else the local date at
   * `at` (the scheduled start). One digest per person per date, into the notification outbox.
   */
  enqueueDailyDigests(input: { timeZone: string; date?: string; at: string }): Promise<DailyDigestRun>;
}
