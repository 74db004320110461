// Repeated diagnostics over the route's years (003 §5.1): the title page plans the next diagnostics, the
// workflow raises the tutor's task when that day comes, and the tutor records it, planning the following one.
import { isIsoDate, notInFutureProblems, russianDate, todayOf } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { openTasksOfKind } from '../task/task.state';
import type { RouteEvent } from './route.events';
import type { RaiseRepeatedDiagnostics, RecordRepeatedDiagnostics } from './route.commands';
import { deficitLevelProblems, enteredLevels } from './route.deficit-levels';
import { assessedOrNone, diagnosticsProblems, diagnosticsRecord, scheduleProblems } from './route.rules';
import { nextDiagnosticsDateOf, RouteState } from './route.state';
import { completeTasks, requireActive, requireStage, requireTaskTurn, routeTask } from './route.guards';

/** Repeated diagnostics fall between the initial diagnostics and the route's completion. */
const repeatedStages = ['design', 'implementation', 'reflective'] as const;

export const raiseRepeatedDiagnostics = (
  { data, metadata }: RaiseRepeatedDiagnostics,
  current: RouteState,
): RouteEvent[] => {
  // No actor check: only the workflow's timer sends this.
  const state = requireActive(current);
  requireStage(state, ...repeatedStages);
  const planned = nextDiagnosticsDateOf(state);
  refuseIfAny('route.task.invalid', 'Задача повторной диагностики задана неверно', [
    ...unmetIf(
      planned !== data.plannedDate,
      'repeatedDiagnostics.notPlanned',
      `Повторная диагностика на ${russianDate(data.plannedDate)} не запланирована`,
    ),
    ...unmetIf(
      data.plannedDate > todayOf(metadata),
      'repeatedDiagnostics.notYet',
      `Дата повторной диагностики (${russianDate(data.plannedDate)}) ещё не наступила`,
    ),
    // The route's period bounds its diagnostics; the control diagnostics close it (003 §7.2).
    ...unmetIf(
      data.plannedDate > state.titlePage.endDate,
      'repeatedDiagnostics.afterEnd',
      `Дата повторной диагностики (${russianDate(data.plannedDate)}) позже окончания ИОМ (${russianDate(state.titlePage.endDate)})`,
    ),
    ...scheduleProblems(data, state.tasks, metadata.now, 'Провести повторную диагностику'),
  ]);
  return [
    routeTask(state, metadata, data, 'repeatedDiagnostics', `Провести повторную диагностику по ИОМ ${state.code}`, {
      personId: state.participants.tutorId,
      role: 'tutor',
    }),
  ];
};

export const recordRepeatedDiagnostics = (
  { data, metadata }: RecordRepeatedDiagnostics,
  current: RouteState,
): RouteEvent[] => {
  const state = requireTaskTurn(current, metadata, 'tutor', 'repeatedDiagnostics', ...repeatedStages);
  const previous = state.repeatedDiagnostics?.at(-1) ?? state.diagnostics;
  if (previous === undefined) return refuse('route.diagnostics.missing', 'Входная диагностика ещё не проведена');
  const ids = [state.diagnostics?.diagnosticsId, state.controlDiagnostics?.diagnosticsId].concat(
    (state.repeatedDiagnostics ?? []).map((d) => d.diagnosticsId),
  );
  refuseIfAny('route.repeatedDiagnostics.invalid', 'Результаты повторной диагностики заполнены неверно', [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    ...unmetIf(
      ids.includes(data.diagnosticsId),
      'diagnostics.id.duplicate',
      `Диагностика ${data.diagnosticsId} уже записана`,
    ),
    ...notInFutureProblems(data.date, metadata, 'diagnostics.date.future', 'Дата повторной диагностики'),
    ...unmetIf(
      isIsoDate(data.date) && data.date < previous.date,
      'diagnostics.date.beforePrevious',
      `Повторная диагностика не может быть раньше предыдущей (${russianDate(previous.date)})`,
    ),
    ...unmetIf(
      data.nextDiagnosticsDate !== undefined &&
        !(isIsoDate(data.nextDiagnosticsDate) && data.nextDiagnosticsDate > data.date),
      'diagnostics.nextDate.invalid',
      'Дата следующей диагностики должна быть в формате ГГГГ-ММ-ДД и позже даты диагностики',
    ),
    ...deficitLevelProblems(
      data.results.filter((r) => r.deficitLevel !== undefined),
      assessedOrNone(data.results),
    ),
  ]);
  return [
    {
      type: 'RepeatedDiagnosticsRecorded',
      data: {
        ...diagnosticsRecord(state.routeId, data),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
    ...enteredLevels(state, data.diagnosticsId, data.results, metadata),
    ...completeTasks(openTasksOfKind(state.tasks, 'repeatedDiagnostics'), metadata, 'Повторная диагностика проведена'),
  ];
};
