import type { DomainEvent, Role } from '../shared/decider';

/**
 * Timed tasks: one mechanism for every workflow. A task's events live in the stream of the aggregate
 * that owns it (programme, pair, route), so its life is part of that aggregate's audited history; the
 * tasks projection gathers them into each person's inbox.
 */
export const taskKinds = [
  'stagePlanReminder',
  'interimControl',
  'finalControl',
  'draftRoute',
  'draftOverdueEscalation',
  'monthlyControlPointCheck',
  'controlDiagnostics',
  'repeatedDiagnostics',
  'loadCalendarYear',
  'programmeCorrection',
  'menteeAssignment',
  'periodicReport',
  // The commission head's reviews (002 §4.4, §8.3), derived by the tasks projection from the decisions awaited.
  'candidateReview',
  'personalProgrammeReview',
  'correctionReview',
  'periodicReportReview',
  // An item of a mentors' methodical association's yearly plan (issue 28), the responsible member's.
  'associationPlanItem',
] as const;
export type TaskKind = (typeof taskKinds)[number];

export type TaskStatus = 'open' | 'done' | 'overdue' | 'cancelled';

export interface TaskAssignee {
  readonly personId: string;
  readonly role: Role;
}

export interface TaskSubject {
  /** `calendar`: the production calendar of a year (id: `calendarSubjectId(year)`), owned by no workflow. */
  readonly type: 'programme' | 'pair' | 'route' | 'calendar' | 'association';
  readonly id: string;
}

export type TaskRaised = DomainEvent<
  'TaskRaised',
  {
    readonly taskId: string;
    readonly kind: TaskKind;
    readonly title: string;
    readonly assignee: TaskAssignee;
    readonly organisationId: string;
    readonly subject: TaskSubject;
    readonly raisedAt: string;
    /**
     * The instant the task is due, and the local date (organisation time zone) that instant ends. Absent
     * while the deadline waits for a production-calendar year (`deadlinePendingYear`).
     */
    readonly dueAt?: string;
    readonly dueLocalDate?: string;
    readonly remindAt: readonly string[];
    /**
     * The due date or a reminder could not be computed: the production calendar of this year is not
     * loaded. Set when the year is loaded (`TaskDeadlineSet`), counted from the original trigger.
     */
    readonly deadlinePendingYear?: number;
  }
>;

/** A pending deadline computed once its calendar year was loaded: the due date and reminders, timers start. */
export type TaskDeadlineSet = DomainEvent<
  'TaskDeadlineSet',
  {
    readonly taskId: string;
    readonly dueAt: string;
    readonly dueLocalDate: string;
    readonly remindAt: readonly string[];
    readonly setAt: string;
  }
>;

export type TaskReminded = DomainEvent<
  'TaskReminded',
  { readonly taskId: string; readonly remindedAt: string; readonly assignee: TaskAssignee }
>;

/** The deadline passed with the task still open: it stays open, visibly overdue, until completed. */
export type TaskOverdue = DomainEvent<'TaskOverdue', { readonly taskId: string; readonly overdueAt: string }>;

export type TaskEscalated = DomainEvent<
  'TaskEscalated',
  { readonly taskId: string; readonly escalatedAt: string; readonly escalatedTo: readonly TaskAssignee[] }
>;

export type TaskCompleted = DomainEvent<
  'TaskCompleted',
  { readonly taskId: string; readonly completedAt: string; readonly completedBy: string; readonly result: string }
>;

export type TaskCancelled = DomainEvent<
  'TaskCancelled',
  { readonly taskId: string; readonly cancelledAt: string; readonly reason: string }
>;

/**
 * A task passes to someone else (e.g. the new mentor after a replacement). Moved by hand (issue 27), it
 * names who moved it and why; a replacement's reassignments (and events before issue 27) carry neither.
 */
export type TaskReassigned = DomainEvent<
  'TaskReassigned',
  {
    readonly taskId: string;
    readonly from: TaskAssignee;
    readonly to: TaskAssignee;
    readonly reassignedAt: string;
    readonly reassignedBy?: string;
    readonly reason?: string;
  }
>;

export type TaskEvent =
  | TaskRaised
  | TaskDeadlineSet
  | TaskReminded
  | TaskOverdue
  | TaskEscalated
  | TaskCompleted
  | TaskCancelled
  | TaskReassigned;

export const taskEventTypes: readonly TaskEvent['type'][] = [
  'TaskRaised',
  'TaskDeadlineSet',
  'TaskReminded',
  'TaskOverdue',
  'TaskEscalated',
  'TaskCompleted',
  'TaskCancelled',
  'TaskReassigned',
];

export const isTaskEvent = (event: { type: string }): event is TaskEvent =>
  (taskEventTypes as readonly string[]).includes(event.type);
