// The implementation stage: monthly checks, portfolio entries and road-map corrections.
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import type { TaskKind } from '../task/task.events';
import { requireCompletable, taskCompleted } from '../task/task.state';
import type { RouteEvent } from './route.events';
import { routeMonthLabel } from './route.labels';
import type { CompleteRouteTask, CorrectRoadMap, RaiseMonthlyCheck, RecordPortfolioEntry } from './route.commands';
import { portfolioEntryProblems, monthPattern, sameRows, scheduleProblems, validRows } from './route.rules';
import { RouteState } from './route.state';
import { requireActive, requireStage, requireTurn, routeTask } from './route.guards';
import { russianDate } from '../shared/dates';

export const raiseMonthlyCheck = ({ data, metadata }: RaiseMonthlyCheck, current: RouteState): RouteEvent[] => {
  // No actor check: only the workflow's monthly timer sends this.
  const state = requireActive(current);
  requireStage(state, 'implementation');
  refuseIfAny('route.task.invalid', 'Ежемесячная проверка задана неверно', [
    ...unmetIf(
      !monthPattern.test(data.month),
      'monthlyCheck.month.invalid',
      'Месяц проверки должен быть в формате ГГГГ-ММ',
    ),
    // 003 §7.1: the tutor follows the route for its period; the checks end with it.
    ...unmetIf(
      data.month > state.titlePage.endDate.slice(0, 7),
      'monthlyCheck.afterEnd',
      `Срок ИОМ закончился ${russianDate(state.titlePage.endDate)}: ежемесячные проверки после него не проводятся`,
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
  repeatedDiagnostics: 'задача закрывается записью результатов повторной диагностики',
};

export const completeTask = ({ data, metadata }: CompleteRouteTask, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  const task = requireCompletable(state.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  const viaCommand = completedByCommand[task.kind];
  if (viaCommand !== undefined)
    return refuse('route.task.completedByCommand', `Эту задачу нельзя закрыть вручную: ${viaCommand}`);
  if (isUnsetOrBlank(data.result)) return refuse('route.task.resultRequired', 'Укажите результат выполнения задачи');
  return [taskCompleted(task.taskId, metadata, data.result.trim())];
};

export const recordPortfolioEntry = ({ data, metadata }: RecordPortfolioEntry, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'teacher', 'implementation', 'reflective');
  const row = data.rowId === undefined ? undefined : state.roadMap?.rows.find((r) => r.rowId === data.rowId);
  refuseIfAny(
    'route.portfolio.invalid',
    'Запись портфолио заполнена неверно',
    portfolioEntryProblems(data, state, row, metadata),
  );
  return [
    {
      type: 'PortfolioEntryRecorded',
      data: {
        routeId: state.routeId,
        entryId: data.entryId,
        ...(row === undefined ? {} : { rowId: row.rowId, competence: row.competence }),
        ...(data.date === undefined ? {} : { date: data.date }),
        product: data.product.trim(),
        selfAssessment: data.selfAssessment.trim(),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

export const correctRoadMap = ({ data, metadata }: CorrectRoadMap, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'implementation');
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
