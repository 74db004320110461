// What every route decision checks first: the route's state and stage, and who may act.
import { assertNever, type CommandMetadata } from '../shared/decider';
import { refuse } from '../shared/rules';
import type { TaskAssignee, TaskCancelled, TaskCompleted, TaskKind, TaskRaised } from '../task/task.events';
import { isTaskActive, type TaskView } from '../task/task.state';
import type { RouteStage } from './route.events';
import { routeStageLabels } from './route.labels';
import type { RouteTaskSchedule } from './route.commands';
import { CreatedRoute, RouteState } from './route.state';

const stageName = (stage: RouteStage): string => `«${routeStageLabels[stage]}»`;

export const requireCreated = (state: RouteState): CreatedRoute =>
  state.status === 'created' ? state : refuse('route.notCreated', 'Индивидуальный образовательный маршрут не создан');

export const requireActive = (state: RouteState): CreatedRoute => {
  const created = requireCreated(state);
  return created.stage === 'completed'
    ? refuse('route.completed', `ИОМ ${created.code} завершён; изменения не принимаются`)
    : created;
};

export const requireStage = (state: CreatedRoute, ...stages: RouteStage[]): void => {
  if (stages.includes(state.stage)) return;
  refuse(
    'route.stage.mismatch',
    `Действие недоступно на этапе ${stageName(state.stage)}; оно выполняется на этапе ${stages.map(stageName).join(' или ')}`,
  );
};

type RouteParticipantRole = 'teacher' | 'methodologist' | 'tutor';

const participantDative: Readonly<Record<RouteParticipantRole, string>> = {
  teacher: 'педагогу',
  methodologist: 'методисту',
  tutor: 'тьютору',
};

const participantId = (state: CreatedRoute, who: RouteParticipantRole): string => {
  switch (who) {
    case 'teacher':
      return state.participants.teacherId;
    case 'methodologist':
      return state.participants.methodologistId;
    case 'tutor':
      return state.participants.tutorId;
    default:
      return assertNever(who);
  }
};

/** Membership of this route, not the role claim, proves the actor may act on it. */
export const requireParticipant = (state: CreatedRoute, metadata: CommandMetadata, who: RouteParticipantRole): void => {
  if (metadata.role === 'administrator' || metadata.actorId === participantId(state, who)) return;
  refuse('route.forbidden', `Действие доступно только ${participantDative[who]} этого маршрута или администратору`);
};

/**
 * The usual preamble of a route decision: the route is active, `who` (or an administrator) acts, and it
 * is at one of `stages`; refused by the first check that fails, in that order.
 */
export const requireTurn = (
  current: RouteState,
  metadata: CommandMetadata,
  who: RouteParticipantRole,
  ...stages: RouteStage[]
): CreatedRoute => {
  const state = requireActive(current);
  requireParticipant(state, metadata, who);
  requireStage(state, ...stages);
  return state;
};

export const routeTask = (
  state: CreatedRoute,
  metadata: CommandMetadata,
  schedule: RouteTaskSchedule,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
): TaskRaised => ({
  type: 'TaskRaised',
  data: {
    taskId: schedule.taskId,
    kind,
    title,
    assignee,
    organisationId: state.organisationId,
    subject: { type: 'route', id: state.routeId },
    raisedAt: metadata.now,
    ...(schedule.deadlinePendingYear === undefined
      ? { dueAt: schedule.dueAt, dueLocalDate: schedule.dueLocalDate }
      : { deadlinePendingYear: schedule.deadlinePendingYear }),
    remindAt: schedule.remindAt ?? [],
  },
});

export const cancelTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, reason: string): TaskCancelled[] =>
  tasks
    .filter(isTaskActive)
    .map((task) => ({ type: 'TaskCancelled', data: { taskId: task.taskId, cancelledAt: metadata.now, reason } }));

export const completeTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, result: string): TaskCompleted[] =>
  tasks.filter(isTaskActive).map((task) => ({
    type: 'TaskCompleted',
    data: { taskId: task.taskId, completedAt: metadata.now, completedBy: metadata.actorId, result },
  }));
