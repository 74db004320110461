import { assertNever, type CommandMetadata, type Decider } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { isIsoDate } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { TaskAssignee, TaskCancelled, TaskCompleted, TaskKind, TaskRaised } from '../task/task.events';
import { isTaskActive, openTasksOfKind, requireCompletable, setTaskDeadline, type TaskView } from '../task/task.state';
import type { RouteEvent, RouteStage } from './route.events';
import { competenceAreaLabels, routeMonthLabel, routeStageLabels } from './route.labels';
import type {
  AgreeRoadMap,
  ApproveProposedRoadMap,
  CompleteRoute,
  CompleteRouteTask,
  CorrectRoadMap,
  CreateRoute,
  FixGoal,
  MarkDraftOverdue,
  ProposeOwnRoadMap,
  RaiseMonthlyCheck,
  RecordControlDiagnostics,
  RecordDiagnostics,
  RecordPortfolioEntry,
  RemindRouteTask,
  RouteCommand,
  RouteTaskSchedule,
  StartReflection,
  SubmitDraft,
} from './route.commands';
import { routeDraftDeliveredOnTime } from './route.indicators';
import {
  assess,
  createRouteProblems,
  initialDiagnosticsProblems,
  portfolioEntryProblems,
  diagnosticsProblems,
  dynamicsOf,
  goalProblems,
  monthPattern,
  normaliseGoal,
  normaliseTitlePage,
  sameGoal,
  sameRows,
  scheduleProblems,
  validControlPoints,
  validRows,
} from './route.rules';
import { CreatedRoute, RouteState, evolveRoute, initialRouteState } from './route.state';

const stageName = (stage: RouteStage): string => `«${routeStageLabels[stage]}»`;

const requireCreated = (state: RouteState): CreatedRoute =>
  state.status === 'created' ? state : refuse('route.notCreated', 'Индивидуальный образовательный маршрут не создан');

const requireActive = (state: RouteState): CreatedRoute => {
  const created = requireCreated(state);
  return created.stage === 'completed'
    ? refuse('route.completed', `ИОМ ${created.code} завершён; изменения не принимаются`)
    : created;
};

const requireStage = (state: CreatedRoute, ...stages: RouteStage[]): void => {
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
const requireParticipant = (state: CreatedRoute, metadata: CommandMetadata, who: RouteParticipantRole): void => {
  if (metadata.role === 'administrator' || metadata.actorId === participantId(state, who)) return;
  refuse('route.forbidden', `Действие доступно только ${participantDative[who]} этого маршрута или администратору`);
};

const routeTask = (
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

const cancelTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, reason: string): TaskCancelled[] =>
  tasks
    .filter(isTaskActive)
    .map((task) => ({ type: 'TaskCancelled', data: { taskId: task.taskId, cancelledAt: metadata.now, reason } }));

const completeTasks = (tasks: readonly TaskView[], metadata: CommandMetadata, result: string): TaskCompleted[] =>
  tasks.filter(isTaskActive).map((task) => ({
    type: 'TaskCompleted',
    data: { taskId: task.taskId, completedAt: metadata.now, completedBy: metadata.actorId, result },
  }));

// ---- Decisions ------------------------------------------------------------------------------

const create = ({ data, metadata }: CreateRoute, state: RouteState): RouteEvent[] => {
  if (state.status === 'created') return refuse('route.alreadyCreated', `ИОМ ${state.code} уже создан`);
  if (metadata.role !== 'administrator' && metadata.actorId !== data.tutorId) {
    return refuse('route.forbidden', 'Создать ИОМ может тьютор этого маршрута или администратор');
  }
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
      titlePage: normaliseTitlePage(data.titlePage),
      stage: 'diagnosticMotivational',
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

const fixGoal = ({ data, metadata }: FixGoal, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'diagnosticMotivational', 'design');
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

const recordDiagnostics = ({ data, metadata }: RecordDiagnostics, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'diagnosticMotivational');
  refuseIfAny(
    'route.diagnostics.invalid',
    'Результаты диагностики заполнены неверно',
    initialDiagnosticsProblems(data),
  );
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
      ? `10 рабочих дней, до ${data.draftDueLocalDate ?? ''} включительно`
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
        routeId: state.routeId,
        diagnosticsId: data.diagnosticsId,
        date: data.date,
        ...(data.nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate: data.nextDiagnosticsDate }),
        results: assess(data.results),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
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
      `Составить проект ИОМ ${state.code} по результатам диагностики (${dueText})`,
      { personId: state.participants.methodologistId, role: 'methodologist' },
    ),
  ];
};

const markDraftOverdue = ({ data, metadata }: MarkDraftOverdue, current: RouteState): RouteEvent[] => {
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
      `Срок составления проекта ИОМ (${task.dueLocalDate} включительно) ещё не истёк`,
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
  const title = `Проект ИОМ ${state.code} не представлен методистом в срок (до ${task.dueLocalDate} включительно): примите меры`;
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

const remindTask = ({ data, metadata }: RemindRouteTask, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's own timer sends this.
  const state = requireCreated(current);
  const task = state.tasks[data.taskId];
  if (!task) return refuse('task.notFound', 'Задача не найдена');
  // A reminder timer may outlive its task: a done or cancelled task needs no reminder.
  if (!isTaskActive(task)) return [];
  return [{ type: 'TaskReminded', data: { taskId: task.taskId, remindedAt: metadata.now, assignee: task.assignee } }];
};

const escalationTasks = (state: CreatedRoute): TaskView[] => openTasksOfKind(state.tasks, 'draftOverdueEscalation');

const submitDraft = ({ data, metadata }: SubmitDraft, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'methodologist');
  requireStage(state, 'design');
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

const proposeOwnRoadMap = ({ data, metadata }: ProposeOwnRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'teacher');
  requireStage(state, 'design');
  const rows = validRows(data.rows, state);
  return [
    {
      type: 'RoadMapProposed',
      data: { routeId: state.routeId, rows, proposedAt: metadata.now, proposedBy: metadata.actorId },
    },
  ];
};

const goalFixed = (state: CreatedRoute): UnmetCondition[] =>
  unmetIf(state.goal === undefined, 'goal.notFixed', 'Не зафиксированы цель и задачи ИОМ');

const enterImplementation = (state: CreatedRoute, metadata: CommandMetadata): RouteEvent => ({
  type: 'RouteStageChanged',
  data: {
    routeId: state.routeId,
    from: state.stage,
    to: 'implementation',
    changedAt: metadata.now,
    changedBy: metadata.actorId,
  },
});

const agreeRoadMap = ({ data, metadata }: AgreeRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'design');
  const draft = state.draft?.submittedAt === undefined ? undefined : state.roadMap;
  if (draft === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(draft === undefined, 'draft.notSubmitted', 'Методист ещё не передал проект ИОМ'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const refined = data.rows === undefined ? undefined : validRows(data.rows, state);
  const changed = refined !== undefined && !sameRows(refined, draft.rows);
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: changed ? draft.version + 1 : draft.version,
        source: changed ? 'tutorRefinement' : 'methodologistDraft',
        rows: changed ? refined : draft.rows,
        controlPoints,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
  ];
};

const approveProposedRoadMap = ({ data, metadata }: ApproveProposedRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'design');
  const proposal = state.proposal;
  if (proposal === undefined || state.goal === undefined) {
    return refuse('route.agreement.unmet', 'Дорожную карту педагога нельзя согласовать', [
      ...goalFixed(state),
      ...unmetIf(proposal === undefined, 'proposal.missing', 'Педагог не представил собственную дорожную карту'),
    ]);
  }
  const controlPoints = validControlPoints(data.controlPoints, state);
  const draftTask = state.draft === undefined ? undefined : state.tasks[state.draft.taskId];
  return [
    {
      type: 'RoadMapAgreed',
      data: {
        routeId: state.routeId,
        version: (state.roadMap?.version ?? 0) + 1,
        source: 'teacherProposal',
        rows: proposal.rows,
        controlPoints,
        proposedBy: proposal.proposedBy,
        agreedAt: metadata.now,
        agreedBy: metadata.actorId,
      },
    },
    enterImplementation(state, metadata),
    // The teacher's own road map is agreed: the methodologist's draft is no longer awaited.
    ...cancelTasks(
      [...(draftTask ? [draftTask] : []), ...escalationTasks(state)],
      metadata,
      'Согласована дорожная карта, предложенная педагогом',
    ),
  ];
};

const raiseMonthlyCheck = ({ data, metadata }: RaiseMonthlyCheck, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's monthly timer sends this.
  const state = requireActive(current);
  requireStage(state, 'implementation');
  refuseIfAny('route.task.invalid', 'Ежемесячная проверка задана неверно', [
    ...unmetIf(
      !monthPattern.test(data.month),
      'monthlyCheck.month.invalid',
      'Месяц проверки должен быть в формате ГГГГ-ММ',
    ),
    ...scheduleProblems(data, state.tasks, metadata.now, 'Ежемесячная проверка контрольных точек'),
  ]);
  return [
    routeTask(
      state,
      metadata,
      data,
      'monthlyControlPointCheck',
      `Проверить прохождение контрольных точек ИОМ ${state.code} за ${routeMonthLabel(data.month)}`,
      { personId: state.participants.tutorId, role: 'tutor' },
    ),
  ];
};

/** Tasks that only their own command closes, so the route's record of them stays complete. */
const completedByCommand: Readonly<Partial<Record<TaskKind, string>>> = {
  draftRoute: 'проект ИОМ передаётся командой «Передать проект ИОМ»',
  controlDiagnostics: 'задача закрывается записью результатов контрольной диагностики',
};

const completeTask = ({ data, metadata }: CompleteRouteTask, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  const task = requireCompletable(state.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  const viaCommand = completedByCommand[task.kind];
  if (viaCommand !== undefined)
    return refuse('route.task.completedByCommand', `Эту задачу нельзя закрыть вручную: ${viaCommand}`);
  if (isUnsetOrBlank(data.result)) return refuse('route.task.resultRequired', 'Укажите результат выполнения задачи');
  return [
    {
      type: 'TaskCompleted',
      data: {
        taskId: task.taskId,
        completedAt: metadata.now,
        completedBy: metadata.actorId,
        result: data.result.trim(),
      },
    },
  ];
};

const recordPortfolioEntry = ({ data, metadata }: RecordPortfolioEntry, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'teacher');
  requireStage(state, 'implementation', 'reflective');
  const row = data.rowId === undefined ? undefined : state.roadMap?.rows.find((r) => r.rowId === data.rowId);
  refuseIfAny(
    'route.portfolio.invalid',
    'Запись портфолио заполнена неверно',
    portfolioEntryProblems(data, state, row),
  );
  return [
    {
      type: 'PortfolioEntryRecorded',
      data: {
        routeId: state.routeId,
        entryId: data.entryId,
        ...(row === undefined ? {} : { rowId: row.rowId, competence: row.competence }),
        product: data.product.trim(),
        selfAssessment: data.selfAssessment.trim(),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

const correctRoadMap = ({ data, metadata }: CorrectRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'implementation');
  if (isUnsetOrBlank(data.reason))
    return refuse('route.roadMap.reasonRequired', 'Укажите причину корректировки дорожной карты');
  const rows = validRows(data.rows, state);
  const roadMap = state.roadMap;
  if (roadMap === undefined) return refuse('route.stage.mismatch', 'Дорожная карта ещё не согласована');
  if (sameRows(rows, roadMap.rows)) return refuse('route.roadMap.unchanged', 'Корректировка не меняет дорожную карту');
  return [
    {
      type: 'RoadMapCorrected',
      data: {
        routeId: state.routeId,
        version: roadMap.version + 1,
        previousVersion: roadMap.version,
        rows,
        reason: data.reason.trim(),
        correctedAt: metadata.now,
        correctedBy: metadata.actorId,
      },
    },
  ];
};

const startReflection = ({ data, metadata }: StartReflection, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'implementation');
  const schedule = data.controlDiagnosticsTask;
  if (schedule) {
    refuseIfAny(
      'route.task.invalid',
      'Задача контрольной диагностики задана неверно',
      scheduleProblems(schedule, state.tasks, metadata.now, 'Контрольная диагностика'),
    );
  }
  return [
    {
      type: 'RouteStageChanged',
      data: {
        routeId: state.routeId,
        from: state.stage,
        to: 'reflective',
        changedAt: metadata.now,
        changedBy: metadata.actorId,
      },
    },
    ...(schedule
      ? [
          routeTask(
            state,
            metadata,
            schedule,
            'controlDiagnostics',
            `Организовать контрольную диагностику профессиональных компетенций по ИОМ ${state.code}`,
            {
              personId: state.participants.tutorId,
              role: 'tutor',
            },
          ),
        ]
      : []),
  ];
};

const recordControlDiagnostics = ({ data, metadata }: RecordControlDiagnostics, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'reflective');
  if (state.controlDiagnostics)
    return refuse('route.controlDiagnostics.alreadyRecorded', 'Контрольная диагностика уже проведена');
  const initial = state.diagnostics?.results ?? [];
  refuseIfAny('route.controlDiagnostics.invalid', 'Результаты контрольной диагностики заполнены неверно', [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    ...unmetIf(
      state.diagnostics !== undefined && isIsoDate(data.date) && data.date < state.diagnostics.date,
      'diagnostics.date.beforeInitial',
      'Контрольная диагностика не может быть раньше входной',
    ),
  ]);
  // Dynamics need a control result for every area diagnosed at the start.
  refuseIfAny(
    'route.controlDiagnostics.areasMissing',
    'Контрольная диагностика должна охватить все области входной диагностики',
    initial
      .filter((r) => !data.results.some((c) => c.area === r.area))
      .map((r) => ({
        code: 'controlDiagnostics.area.missing',
        message: `Нет результата по области «${competenceAreaLabels[r.area]}»`,
      })),
  );
  const results = assess(data.results);
  return [
    {
      type: 'ControlDiagnosticsRecorded',
      data: {
        routeId: state.routeId,
        diagnosticsId: data.diagnosticsId,
        date: data.date,
        results,
        dynamics: dynamicsOf(initial, results),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    ...completeTasks(openTasksOfKind(state.tasks, 'controlDiagnostics'), metadata, 'Контрольная диагностика проведена'),
  ];
};

const completeRoute = ({ metadata }: CompleteRoute, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  requireParticipant(state, metadata, 'tutor');
  requireStage(state, 'reflective');
  if (!state.controlDiagnostics) {
    return refuse(
      'route.controlDiagnostics.missing',
      'ИОМ завершается после контрольной диагностики уровня сформированности компетенций',
    );
  }
  const onTime = routeDraftDeliveredOnTime(state);
  return [
    ...cancelTasks(Object.values(state.tasks), metadata, 'ИОМ завершён'),
    {
      type: 'RouteStageChanged',
      data: {
        routeId: state.routeId,
        from: state.stage,
        to: 'completed',
        changedAt: metadata.now,
        changedBy: metadata.actorId,
      },
    },
    {
      type: 'RouteCompleted',
      data: {
        routeId: state.routeId,
        organisationId: state.organisationId,
        code: state.code,
        ...(onTime === undefined ? {} : { draftDeliveredOnTime: onTime }),
        completedAt: metadata.now,
        completedBy: metadata.actorId,
      },
    },
  ];
};

export const decideRoute = (command: RouteCommand, state: RouteState): RouteEvent[] => {
  switch (command.type) {
    case 'CreateRoute':
      return create(command, state);
    case 'FixGoal':
      return fixGoal(command, state);
    case 'RecordDiagnostics':
      return recordDiagnostics(command, state);
    case 'MarkDraftOverdue':
      return markDraftOverdue(command, state);
    case 'RemindTask':
      return remindTask(command, state);
    case 'SetTaskDeadline':
      // No actor check: only the workflow sends this, when the calendar year is loaded.
      return setTaskDeadline(requireCreated(state).tasks, command.data, command.metadata.now);
    case 'SubmitDraft':
      return submitDraft(command, state);
    case 'ProposeOwnRoadMap':
      return proposeOwnRoadMap(command, state);
    case 'ApproveProposedRoadMap':
      return approveProposedRoadMap(command, state);
    case 'AgreeRoadMap':
      return agreeRoadMap(command, state);
    case 'RaiseMonthlyCheck':
      return raiseMonthlyCheck(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'RecordPortfolioEntry':
      return recordPortfolioEntry(command, state);
    case 'CorrectRoadMap':
      return correctRoadMap(command, state);
    case 'StartReflection':
      return startReflection(command, state);
    case 'RecordControlDiagnostics':
      return recordControlDiagnostics(command, state);
    case 'CompleteRoute':
      return completeRoute(command, state);
    default:
      return assertNever(command);
  }
};

export const routeDecider: Decider<RouteState, RouteCommand, RouteEvent> = {
  decide: decideRoute,
  evolve: evolveRoute,
  initialState: initialRouteState,
};
