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
] as const;
export type TaskKind = (typeof taskKinds)[number];

export type TaskStatus = 'open' | 'done' | 'overdue' | 'cancelled';

export interface TaskAssignee {
  readonly personId: string;
  readonly role: Role;
}

export interface TaskSubject {
  readonly type: 'programme' | 'pair' | 'route';
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
    /** The instant the task is due, and the local date (organisation time zone) that instant ends. */
    readonly dueAt: string;
    readonly dueLocalDate: string;
    readonly remindAt: readonly string[];
  }
>;

export type TaskReminded = DomainEvent<'TaskReminded', { readonly taskId: string; readonly remindedAt: string; readonly assignee: TaskAssignee }>;

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

export type TaskCancelled = DomainEvent<'TaskCancelled', { readonly taskId: string; readonly cancelledAt: string; readonly reason: string }>;

/** A task passes to someone else (e.g. the new mentor after a replacement). */
export type TaskReassigned = DomainEvent<
  'TaskReassigned',
  { readonly taskId: string; readonly from: TaskAssignee; readonly to: TaskAssignee; readonly reassignedAt: string }
>;

export type TaskEvent = TaskRaised | TaskReminded | TaskOverdue | TaskEscalated | TaskCompleted | TaskCancelled | TaskReassigned;

export const taskEventTypes: readonly TaskEvent['type'][] = [
  'TaskRaised',
  'TaskReminded',
  'TaskOverdue',
  'TaskEscalated',
  'TaskCompleted',
  'TaskCancelled',
  'TaskReassigned',
];

export const isTaskEvent = (event: { type: string }): event is TaskEvent =>
  (taskEventTypes as readonly string[]).includes(event.type);
