import { assertNever } from '../shared/decider';
import { DomainRefusal } from '../shared/refusal';
import type { TaskAssignee, TaskEvent, TaskKind, TaskStatus, TaskSubject } from './task.events';

export interface TaskView {
  readonly taskId: string;
  readonly kind: TaskKind;
  readonly title: string;
  readonly assignee: TaskAssignee;
  readonly organisationId: string;
  readonly subject: TaskSubject;
  readonly status: TaskStatus;
  readonly raisedAt: string;
  readonly dueAt: string;
  readonly dueLocalDate: string;
  readonly remindAt: readonly string[];
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
    case 'TaskReminded':
      return task && { ...task, remindedAt: [...task.remindedAt, event.data.remindedAt] };
    case 'TaskOverdue':
      return task && { ...task, status: 'overdue' };
    case 'TaskEscalated':
      return task && { ...task, escalatedTo: [...task.escalatedTo, ...event.data.escalatedTo] };
    case 'TaskCompleted':
      return task && { ...task, status: 'done', completedAt: event.data.completedAt, completedBy: event.data.completedBy, result: event.data.result };
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

export const isTaskActive = (task: TaskView): boolean => task.status === 'open' || task.status === 'overdue';

export const openTasksOfKind = (tasks: Tasks, kind: TaskKind): TaskView[] =>
  Object.values(tasks).filter((t) => t.kind === kind && isTaskActive(t));

/** Completing: only the assignee (or an administrator), only an active task. */
export function requireCompletable(tasks: Tasks, taskId: string, actorId: string, isAdministrator: boolean): TaskView {
  const task = tasks[taskId];
  if (!task) throw new DomainRefusal('task.notFound', 'Задача не найдена');
  if (!isTaskActive(task)) throw new DomainRefusal('task.notActive', 'Задача уже выполнена или отменена');
  if (task.assignee.personId !== actorId && !isAdministrator) {
    throw new DomainRefusal('task.forbidden', 'Выполнить задачу может только её исполнитель');
  }
  return task;
}
