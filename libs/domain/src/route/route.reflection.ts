// The reflective-analytical stage: control diagnostics and completion.
import { isIsoDate, notInFutureProblems } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { openTasksOfKind } from '../task/task.state';
import type { RouteEvent } from './route.events';
import { competenceAreaLabels } from './route.labels';
import type { CompleteRoute, RecordControlDiagnostics, StartReflection } from './route.commands';
import { routeDraftDeliveredOnTime } from './route.indicators';
import { deficitLevelProblems, enteredLevels } from './route.deficit-levels';
import { assess, assessedOrNone, diagnosticsProblems, dynamicsOf, scheduleProblems } from './route.rules';
import { RouteState } from './route.state';
import { cancelTasks, completeTasks, requireTaskTurn, requireTurn, routeTask } from './route.guards';

export const startReflection = ({ data, metadata }: StartReflection, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'implementation');
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

export const recordControlDiagnostics = (
  { data, metadata }: RecordControlDiagnostics,
  current: RouteState,
): RouteEvent[] => {
  const state = requireTaskTurn(current, metadata, 'tutor', 'controlDiagnostics', 'reflective');
  if (state.controlDiagnostics)
    return refuse('route.controlDiagnostics.alreadyRecorded', 'Контрольная диагностика уже проведена');
  const initial = state.diagnostics?.results ?? [];
  refuseIfAny('route.controlDiagnostics.invalid', 'Результаты контрольной диагностики заполнены неверно', [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    ...notInFutureProblems(data.date, metadata, 'diagnostics.date.future', 'Дата контрольной диагностики'),
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
  refuseIfAny(
    'route.controlDiagnostics.invalid',
    'Результаты контрольной диагностики заполнены неверно',
    deficitLevelProblems(
      data.results.filter((r) => r.deficitLevel !== undefined),
      assessedOrNone(data.results),
    ),
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
        deficitLevelsEntered: true,
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    ...enteredLevels(state, data.diagnosticsId, data.results, metadata),
    ...completeTasks(openTasksOfKind(state.tasks, 'controlDiagnostics'), metadata, 'Контрольная диагностика проведена'),
  ];
};

export const completeRoute = ({ metadata }: CompleteRoute, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'reflective');
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
