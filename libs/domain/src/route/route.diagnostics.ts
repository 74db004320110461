// The diagnostic-motivational stage: the route is created, the goal fixed, diagnostics recorded, and the
// methodologist's draft is due within 10 working days.
import type { CommandMetadata } from '../shared/decider';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { TaskAssignee } from '../task/task.events';
import { isTaskActive, openTasksOfKind, type TaskView } from '../task/task.state';
import type { RouteEvent } from './route.events';
import type {
  CreateRoute,
  DiagnosticsRequest,
  RouteRequest,
  FixGoal,
  MarkDraftOverdue,
  RecordDiagnostics,
  RemindRouteTask,
  RouteTaskSchedule,
  SubmitDraft,
} from './route.commands';
import { deficitLevelProblems, enteredLevels } from './route.deficit-levels';
import {
  diagnosticsRecord,
  assessedOrNone,
  createRouteProblems,
  routeRequestProblems,
  initialDiagnosticsProblems,
  goalProblems,
  isLongPeriod,
  normaliseGoal,
  normaliseTitlePage,
  sameGoal,
  scheduleProblems,
  validRows,
} from './route.rules';
import { CreatedRoute, RouteState } from './route.state';
import { cancelTasks, completeTasks, requireCreated, requireTaskTurn, requireTurn, routeTask } from './route.guards';
import { russianDate } from '../shared/dates';

const requireRouteCreator = (request: RouteRequest, metadata: CommandMetadata): void => {
  if (metadata.role !== 'administrator' && metadata.actorId !== request.tutorId) {
    refuse('route.forbidden', 'Создать ИОМ может тьютор этого маршрута или администратор');
  }
};

/** A creation request checked before a registry code is spent on it: the code is the only part not yet known. */
export const validateRouteRequest = (request: RouteRequest, metadata: CommandMetadata): void => {
  requireRouteCreator(request, metadata);
  refuseIfAny('route.invalid', 'Не заполнены или заполнены неверно сведения об ИОМ', routeRequestProblems(request));
};

export const create = ({ data, metadata }: CreateRoute, state: RouteState): RouteEvent[] => {
  if (state.status === 'created') return refuse('route.alreadyCreated', `ИОМ ${state.code} уже создан`);
  requireRouteCreator(data, metadata);
  refuseIfAny('route.invalid', 'Не заполнены или заполнены неверно сведения об ИОМ', createRouteProblems(data));
  const created: RouteEvent = {
    type: 'RouteCreated',
    data: {
      routeId: data.routeId,
      code: data.code,
      organisationId: data.organisationId,
      teacherId: data.teacherId,
      methodologistId: data.methodologistId,
      tutorId: data.tutorId,
      ...(data.pairId === undefined ? {} : { pairId: data.pairId }),
      titlePage: normaliseTitlePage(data.titlePage),
      stage: 'diagnosticMotivational',
      ...(isLongPeriod(data.titlePage) ? { longPeriodConfirmed: true as const } : {}),
      createdAt: metadata.now,
      createdBy: metadata.actorId,
    },
  };
  if (data.goal === undefined || data.tasks === undefined) return [created];
  return [
    created,
    {
      type: 'RouteGoalFixed',
      data: {
        routeId: data.routeId,
        ...normaliseGoal(data.goal, data.tasks),
        fixedAt: metadata.now,
        fixedBy: metadata.actorId,
      },
    },
  ];
};

export const fixGoal = ({ data, metadata }: FixGoal, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'diagnosticMotivational', 'design');
  refuseIfAny('route.goal.invalid', 'Цель и задачи ИОМ заполнены неверно', goalProblems(data.goal, data.tasks));
  const goal = normaliseGoal(data.goal, data.tasks);
  // Re-sending the same goal changes nothing, so it records nothing.
  if (state.goal && sameGoal(state.goal, goal)) return [];
  return [
    {
      type: 'RouteGoalFixed',
      data: { routeId: state.routeId, ...goal, fixedAt: metadata.now, fixedBy: metadata.actorId },
    },
  ];
};

/**
 * What a diagnostics request can be checked for before its draft deadline is computed (the workflow's
 * update validator): the route is active on its first stage, the caller is its tutor, the results are valid.
 */
export const validateDiagnosticsRequest = (
  request: DiagnosticsRequest,
  metadata: CommandMetadata,
  current: RouteState,
): CreatedRoute => {
  const state = requireTurn(current, metadata, 'tutor', 'diagnosticMotivational');
  refuseIfAny('route.diagnostics.invalid', 'Результаты входной диагностики заполнены неверно', [
    ...initialDiagnosticsProblems(request, metadata),
    ...deficitLevelProblems(
      request.results.filter((r) => r.deficitLevel !== undefined),
      assessedOrNone(request.results),
    ),
  ]);
  return state;
};

export const recordDiagnostics = ({ data, metadata }: RecordDiagnostics, current: RouteState): RouteEvent[] => {
  const state = validateDiagnosticsRequest(data, metadata, current);
  const draftTask: RouteTaskSchedule = {
    taskId: data.draftTaskId,
    remindAt: data.remindAt,
    ...(data.draftDeadlinePendingYear === undefined
      ? { dueAt: data.draftDueAt, dueLocalDate: data.draftDueLocalDate }
      : { deadlinePendingYear: data.draftDeadlinePendingYear }),
  };
  // A pending deadline is not written into the title, which outlives it: the task's own deadline says it until the year is loaded.
  const dueText =
    data.draftDeadlinePendingYear === undefined
      ? `10 рабочих дней, до ${russianDate(data.draftDueLocalDate)} включительно`
      : '10 рабочих дней';
  refuseIfAny(
    'route.task.invalid',
    'Задача методиста задана неверно',
    scheduleProblems(draftTask, state.tasks, metadata.now, 'Составить проект ИОМ'),
  );
  return [
    {
      type: 'DiagnosticsRecorded',
      data: {
        ...diagnosticsRecord(state.routeId, data),
        deficitLevelsEntered: true,
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    ...enteredLevels(state, data.diagnosticsId, data.results, metadata),
    {
      type: 'RouteStageChanged',
      data: {
        routeId: state.routeId,
        from: state.stage,
        to: 'design',
        changedAt: metadata.now,
        changedBy: metadata.actorId,
      },
    },
    routeTask(
      state,
      metadata,
      draftTask,
      'draftRoute',
      `Составить проект ИОМ ${state.code} по результатам входной диагностики (${dueText})`,
      { personId: state.participants.methodologistId, role: 'methodologist' },
    ),
  ];
};

export const markDraftOverdue = ({ data, metadata }: MarkDraftOverdue, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireCreated(current);
  const task = state.draft?.taskId === data.taskId ? state.tasks[data.taskId] : undefined;
  if (!task)
    return refuse('route.draft.notFound', `Задача ${data.taskId} не является задачей составления проекта этого ИОМ`);
  if (task.status === 'overdue') return refuse('route.draft.alreadyOverdue', 'Просрочка проекта ИОМ уже зафиксирована');
  if (task.status !== 'open')
    return refuse('route.draft.notOpen', 'Проект ИОМ уже представлен или больше не ожидается');
  if (task.dueAt === undefined)
    return refuse('route.draft.deadlinePending', 'Срок составления проекта ИОМ ещё не рассчитан');
  if (Date.parse(metadata.now) < Date.parse(task.dueAt)) {
    return refuse(
      'route.draft.notYetDue',
      `Срок составления проекта ИОМ (${russianDate(task.dueLocalDate)} включительно) ещё не истёк`,
    );
  }
  const curator =
    data.curatorId === undefined || data.escalationTaskIds.curator === undefined
      ? undefined
      : { personId: data.curatorId, taskId: data.escalationTaskIds.curator };
  const schedule = (taskId: string): RouteTaskSchedule =>
    data.deadlinePendingYear === undefined
      ? { taskId, dueAt: data.dueAt, dueLocalDate: data.dueLocalDate, remindAt: data.remindAt ?? [] }
      : { taskId, deadlinePendingYear: data.deadlinePendingYear };
  refuseIfAny('route.task.invalid', 'Задачи эскалации заданы неверно', [
    ...unmetIf(
      (data.curatorId === undefined) !== (data.escalationTaskIds.curator === undefined) ||
        (data.curatorId !== undefined && isUnsetOrBlank(data.curatorId)),
      'escalation.curator.incomplete',
      'Для эскалации куратору нужны и куратор, и идентификатор его задачи',
    ),
    ...unmetIf(
      curator !== undefined && curator.taskId === data.escalationTaskIds.tutor,
      'task.id.duplicate',
      'Задачи тьютора и куратора должны иметь разные идентификаторы',
    ),
    ...scheduleProblems(
      schedule(data.escalationTaskIds.tutor),
      state.tasks,
      metadata.now,
      'Эскалация: проект ИОМ просрочен',
    ),
    ...(curator
      ? scheduleProblems(schedule(curator.taskId), state.tasks, metadata.now, 'Эскалация: проект ИОМ просрочен')
      : []),
  ]);
  const tutor: TaskAssignee = { personId: state.participants.tutorId, role: 'tutor' };
  const curatorAssignee: TaskAssignee[] = curator ? [{ personId: curator.personId, role: 'curator' }] : [];
  const title = `Проект ИОМ ${state.code} не представлен методистом в срок (до ${russianDate(task.dueLocalDate)} включительно): примите меры`;
  return [
    { type: 'TaskOverdue', data: { taskId: task.taskId, overdueAt: metadata.now } },
    {
      type: 'TaskEscalated',
      data: { taskId: task.taskId, escalatedAt: metadata.now, escalatedTo: [tutor, ...curatorAssignee] },
    },
    routeTask(state, metadata, schedule(data.escalationTaskIds.tutor), 'draftOverdueEscalation', title, tutor),
    ...(curator
      ? [
          routeTask(state, metadata, schedule(curator.taskId), 'draftOverdueEscalation', title, {
            personId: curator.personId,
            role: 'curator',
          }),
        ]
      : []),
  ];
};

export const remindTask = ({ data, metadata }: RemindRouteTask, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireCreated(current);
  const task = state.tasks[data.taskId];
  if (!task) return refuse('task.notFound', 'Задача не найдена');
  // A reminder timer may outlive its task: a done or cancelled task needs no reminder.
  if (!isTaskActive(task)) return [];
  return [{ type: 'TaskReminded', data: { taskId: task.taskId, remindedAt: metadata.now, assignee: task.assignee } }];
};

export const escalationTasks = (state: CreatedRoute): TaskView[] =>
  openTasksOfKind(state.tasks, 'draftOverdueEscalation');

export const submitDraft = ({ data, metadata }: SubmitDraft, current: RouteState): RouteEvent[] => {
  const state = requireTaskTurn(current, metadata, 'methodologist', 'draftRoute', 'design');
  const draft = state.draft;
  if (draft === undefined) return refuse('route.draft.notFound', 'Проект ИОМ не ожидается: нет задачи его составления');
  if (draft.submittedAt !== undefined) return refuse('route.draft.alreadySubmitted', 'Проект ИОМ уже передан тьютору');
  const rows = validRows(data.rows, state);
  const draftTask = state.tasks[draft.taskId];
  return [
    {
      type: 'RouteDraftSubmitted',
      data: {
        routeId: state.routeId,
        draftTaskId: draft.taskId,
        version: 1,
        rows,
        ...(draft.dueAt === undefined ? {} : { dueAt: draft.dueAt }),
        // A deadline still waiting for its calendar year cannot have passed.
        onTime: draft.dueAt === undefined || Date.parse(metadata.now) < Date.parse(draft.dueAt),
        submittedAt: metadata.now,
        submittedBy: metadata.actorId,
      },
    },
    ...completeTasks(draftTask ? [draftTask] : [], metadata, 'Проект ИОМ передан тьютору'),
    ...cancelTasks(escalationTasks(state), metadata, 'Проект ИОМ представлен методистом'),
  ];
};
