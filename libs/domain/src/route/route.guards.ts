// What every route decision checks first: the route's state and stage, and who may act.
import { assertNever, type CommandMetadata } from '../shared/decider';
import { refuse } from '../shared/rules';
import type { TaskAssignee, TaskCancelled, TaskCompleted, TaskKind, TaskRaised } from '../task/task.events';
import { isTaskActive, openTasksOfKind, taskCompleted, type TaskView } from '../task/task.state';
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

/**
 * The actor holds an open task of `kind` on this route in `who`'s role: a task passed on to her (issue 27,
 * «Передать») grants exactly the command behind it on this route while it is open; the events name her as actor.
 */
export const holdsRouteTask = (
  state: CreatedRoute,
  metadata: CommandMetadata,
  who: RouteParticipantRole,
  kind: TaskKind,
) =>
  metadata.role === who &&
  openTasksOfKind(state.tasks, kind).some(
    (task) => task.assignee.personId === metadata.actorId && task.assignee.role === who,
  );

/**
 * Membership of this route, not the role claim, proves the actor may act on it; for a command behind a task
 * (`task`), so does holding that task open (passed on to her by an administrator).
 */
export const requireParticipant = (
  state: CreatedRoute,
  metadata: CommandMetadata,
  who: RouteParticipantRole,
  task?: TaskKind,
): void => {
  if (metadata.role === 'administrator' || metadata.actorId === participantId(state, who)) return;
  if (task !== undefined && holdsRouteTask(state, metadata, who, task)) return;
  refuse(
    'route.forbidden',
    `Действие доступно только ${participantDative[who]} этого маршрута${task === undefined ? '' : ', тому, кому передана его задача,'} или администратору`,
  );
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
): CreatedRoute => requireTaskTurn(current, metadata, who, undefined, ...stages);

/** requireTurn for the command behind a task of `task`'s kind: its holder acts as well as the participant. */
export const requireTaskTurn = (
  current: RouteState,
  metadata: CommandMetadata,
  who: RouteParticipantRole,
  task: TaskKind | undefined,
  ...stages: RouteStage[]
): CreatedRoute => {
  const state = requireActive(current);
  requireParticipant(state, metadata, who, task);
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
  tasks.filter(isTaskActive).map((task) => taskCompleted(task.taskId, metadata, result));
