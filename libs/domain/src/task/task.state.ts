import { assertNever } from '../shared/decider';
import { DomainRefusal } from '../shared/refusal';
import type { CommandMetadata } from '../shared/decider';
import type { TaskAssignee, TaskCompleted, TaskEvent, TaskKind, TaskRaised, TaskStatus } from './task.events';

type RaisedTask = TaskRaised['data'];

/** What TaskRaised recorded (`dueAt` absent while `deadlinePendingYear` is set), and what happened since. */
export interface TaskView extends RaisedTask {
  readonly status: TaskStatus;
  readonly remindedAt: readonly string[];
  readonly escalatedTo: readonly TaskAssignee[];
  readonly completedAt?: string;
  readonly completedBy?: string;
  readonly result?: string;
}

export type Tasks = Readonly<Record<string, TaskView>>;

/** The fold every aggregate that owns tasks shares, and the tasks projection too. */
export function evolveTask(task: TaskView | undefined, event: TaskEvent): TaskView | undefined {
  switch (event.type) {
    case 'TaskRaised':
      return { ...event.data, status: 'open', remindedAt: [], escalatedTo: [] };
    case 'TaskDeadlineSet': {
      if (!task) return task;
      const settled: TaskView = {
        ...task,
        dueAt: event.data.dueAt,
        dueLocalDate: event.data.dueLocalDate,
        remindAt: event.data.remindAt,
      };
      delete (settled as { deadlinePendingYear?: number }).deadlinePendingYear;
      return settled;
    }
    case 'TaskReminded':
      return task && { ...task, remindedAt: [...task.remindedAt, event.data.remindedAt] };
    case 'TaskOverdue':
      return task && { ...task, status: 'overdue' };
    case 'TaskEscalated':
      return task && { ...task, escalatedTo: [...task.escalatedTo, ...event.data.escalatedTo] };
    case 'TaskCompleted':
      return (
        task && {
          ...task,
          status: 'done',
          completedAt: event.data.completedAt,
          completedBy: event.data.completedBy,
          result: event.data.result,
        }
      );
    case 'TaskCancelled':
      return task && { ...task, status: 'cancelled' };
    case 'TaskReassigned':
      return task && { ...task, assignee: event.data.to };
    default:
      return assertNever(event);
  }
}

export const evolveTasks = (tasks: Tasks, event: TaskEvent): Tasks => {
  const next = evolveTask(tasks[event.data.taskId], event);
  return next ? { ...tasks, [event.data.taskId]: next } : tasks;
};

/** The task done by the command's actor at its instant, with `result` (what the inbox and the audit show). */
export const taskCompleted = (taskId: string, metadata: CommandMetadata, result: string): TaskCompleted => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt: metadata.now, completedBy: metadata.actorId, result },
});

export const isTaskActive = (task: TaskView): boolean => task.status === 'open' || task.status === 'overdue';

export const openTasksOfKind = (tasks: Tasks, kind: TaskKind): TaskView[] =>
  Object.values(tasks).filter((t) => t.kind === kind && isTaskActive(t));

/** A task whose deadline (or reminder) waits for a production-calendar year. */
export const isDeadlinePending = (task: TaskView | undefined): boolean =>
  task !== undefined && task.deadlinePendingYear !== undefined;

export interface TaskDeadline {
  readonly dueAt: string;
  readonly dueLocalDate: string;
  readonly remindAt: readonly string[];
}

/**
 * The system sets a pending deadline once the calendar year is loaded. Setting it again, or on a task no
 * longer active, records nothing: the wake-up that asked for it may arrive twice or late.
 */
export function setTaskDeadline(tasks: Tasks, data: { taskId: string } & TaskDeadline, now: string): TaskEvent[] {
  const task = tasks[data.taskId];
  if (!task) throw new DomainRefusal('task.notFound', 'Задача не найдена');
  if (!isTaskActive(task) || !isDeadlinePending(task)) return [];
  const due = Date.parse(data.dueAt);
  if (
    Number.isNaN(due) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(data.dueLocalDate) ||
    data.remindAt.some((at) => Number.isNaN(Date.parse(at)) || Date.parse(at) > due)
  ) {
    throw new DomainRefusal('task.deadline.invalid', 'Срок задачи задан неверно');
  }
  return [
    {
      type: 'TaskDeadlineSet',
      data: {
        taskId: data.taskId,
        dueAt: data.dueAt,
        dueLocalDate: data.dueLocalDate,
        remindAt: [...data.remindAt],
        setAt: now,
      },
    },
  ];
}

/** The task, still open or overdue: completing or passing it on needs one. */
export function requireActiveTask(tasks: Tasks, taskId: string): TaskView {
  const task = tasks[taskId];
  if (!task) throw new DomainRefusal('task.notFound', 'Задача не найдена');
  if (!isTaskActive(task)) throw new DomainRefusal('task.notActive', 'Задача уже выполнена или отменена');
  return task;
}

/** Completing: only the assignee (or an administrator), only an active task. */
export function requireCompletable(tasks: Tasks, taskId: string, actorId: string, isAdministrator: boolean): TaskView {
  const task = requireActiveTask(tasks, taskId);
  if (task.assignee.personId !== actorId && !isAdministrator) {
    throw new DomainRefusal('task.forbidden', 'Выполнить задачу может только её исполнитель');
  }
  return task;
}
