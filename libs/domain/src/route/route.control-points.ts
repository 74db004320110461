// The tutor's monthly check of the control points (003 §7.1): per point due that month, passed, not passed or
// moved; a point not passed, or whose month ended unchecked, is missed and shown to the tutor and the methodologist.
import { russianDate, todayOf } from '../shared/dates';
import type { CommandMetadata } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import { isTaskActive, type TaskView } from '../task/task.state';
import {
  isControlPointOutcome,
  type ControlPointCheckOutcome,
  type MissedControlPoint,
  type RouteControlPoint,
  type RouteEvent,
} from './route.events';
import { routeMonthLabel } from './route.labels';
import type { ControlPointOutcomeInput, RecordControlPointCheck, ReviewControlPoints } from './route.commands';
import { duplicates, monthPattern, withinPeriod } from './route.rules';
import { CreatedRoute, RouteState } from './route.state';
import { completeTasks, requireCreated, requireTaskTurn } from './route.guards';

const monthOf = (date: string): string => date.slice(0, 7);

/** A point is settled once a check found it passed or not passed; a moved point waits for its new date. */
const settled = (state: CreatedRoute, point: RouteControlPoint): boolean =>
  (state.controlPointChecks ?? []).some(
    (check) => check.controlPointId === point.controlPointId && check.outcome !== 'moved',
  );

/** The points a check of `month` must give an outcome for: due that month and not yet settled. */
export const controlPointsDueIn = (state: CreatedRoute, month: string): RouteControlPoint[] =>
  state.controlPoints.filter((point) => monthOf(point.date) === month && !settled(state, point));

/** Points due before `month` that no check settled and that are not yet reported missed at their date. */
export const uncheckedBefore = (state: CreatedRoute, month: string): RouteControlPoint[] =>
  state.controlPoints.filter(
    (point) =>
      monthOf(point.date) < month &&
      !settled(state, point) &&
      !(state.missedControlPoints ?? []).some(
        (m) => m.controlPointId === point.controlPointId && m.date === point.date,
      ),
  );

const missedEvent = (state: CreatedRoute, missed: readonly MissedControlPoint[], metadata: CommandMetadata) => ({
  type: 'ControlPointsMissed' as const,
  data: { routeId: state.routeId, missed, detectedAt: metadata.now },
});

const openChecksOf = (state: CreatedRoute, month: string): TaskView[] =>
  state.monthlyCheckTaskIds
    .map((id) => state.tasks[id])
    .filter((task): task is TaskView => task !== undefined && isTaskActive(task))
    .filter((task) => task.dueLocalDate !== undefined && monthOf(task.dueLocalDate) === month);

const outcomeProblems = (
  state: CreatedRoute,
  month: string,
  today: string,
  outcomes: readonly ControlPointOutcomeInput[],
): UnmetCondition[] => {
  const due = controlPointsDueIn(state, month);
  const label = routeMonthLabel(month);
  return [
    ...duplicates(outcomes.map((o) => o.controlPointId)).map((id) => ({
      code: 'controlPointCheck.point.duplicate',
      message: `Контрольная точка ${id} указана в проверке несколько раз`,
    })),
    ...due
      .filter((point) => !outcomes.some((o) => o.controlPointId === point.controlPointId))
      .map((point) => ({
        code: 'controlPointCheck.point.missing',
        message: `Нет результата по контрольной точке «${point.description}» (${russianDate(point.date)})`,
      })),
    ...outcomes.flatMap((o) => {
      const point = due.find((p) => p.controlPointId === o.controlPointId);
      const at = `Контрольная точка ${o.controlPointId}`;
      if (point === undefined)
        return [
          {
            code: 'controlPointCheck.point.notDue',
            message: `${at}: не приходится на ${label} или уже проверена`,
          },
        ];
      return [
        ...unmetIf(
          !isControlPointOutcome(o.outcome),
          'controlPointCheck.outcome.unknown',
          `${at}: неизвестный результат «${String(o.outcome)}»`,
        ),
        ...(o.outcome === 'moved'
          ? [
              ...unmetIf(
                !(
                  o.newDate !== undefined &&
                  withinPeriod(o.newDate, state.titlePage) &&
                  o.newDate > point.date &&
                  o.newDate >= today
                ),
                'controlPointCheck.newDate.invalid',
                `${at}: новая дата должна быть в формате ГГГГ-ММ-ДД, позже прежней (${russianDate(point.date)}), не раньше сегодняшнего дня и в пределах срока ИОМ (${russianDate(state.titlePage.startDate)} — ${russianDate(state.titlePage.endDate)})`,
              ),
              ...unmetIf(isUnsetOrBlank(o.reason), 'controlPointCheck.reason.empty', `${at}: укажите причину переноса`),
            ]
          : unmetIf(
              o.newDate !== undefined,
              'controlPointCheck.newDate.unexpected',
              `${at}: новая дата указывается только при переносе`,
            )),
      ];
    }),
  ];
};

export const recordControlPointCheck = (
  { data, metadata }: RecordControlPointCheck,
  current: RouteState,
): RouteEvent[] => {
  const state = requireTaskTurn(current, metadata, 'tutor', 'monthlyControlPointCheck', 'implementation', 'reflective');
  const today = todayOf(metadata);
  const month = data.month;
  const { startDate, endDate } = state.titlePage;
  refuseIfAny('route.controlPointCheck.invalid', 'Проверка контрольных точек заполнена неверно', [
    ...unmetIf(
      !monthPattern.test(month),
      'controlPointCheck.month.invalid',
      'Месяц проверки должен быть в формате ГГГГ-ММ',
    ),
    ...unmetIf(
      monthPattern.test(month) && (month < monthOf(startDate) || month > monthOf(endDate)),
      'controlPointCheck.month.outsidePeriod',
      `Месяц проверки должен лежать в пределах срока ИОМ (${russianDate(startDate)} — ${russianDate(endDate)})`,
    ),
    ...unmetIf(
      monthPattern.test(month) && month > monthOf(today),
      'controlPointCheck.month.future',
      `Месяц проверки не может быть позже текущего (${routeMonthLabel(monthOf(today))})`,
    ),
  ]);
  refuseIfAny(
    'route.controlPointCheck.invalid',
    'Проверка контрольных точек заполнена неверно',
    outcomeProblems(state, month, today, data.outcomes),
  );
  const openChecks = openChecksOf(state, month);
  if (data.outcomes.length === 0 && openChecks.length === 0) {
    return refuse(
      'route.controlPointCheck.nothingDue',
      `За ${routeMonthLabel(month)} нет непроверенных контрольных точек и открытой задачи проверки`,
    );
  }
  const due = controlPointsDueIn(state, month);
  const outcomes: ControlPointCheckOutcome[] = data.outcomes.map((o) => ({
    controlPointId: o.controlPointId,
    date: due.find((p) => p.controlPointId === o.controlPointId)?.date ?? '',
    outcome: o.outcome,
    ...(o.outcome === 'moved' && o.newDate !== undefined ? { newDate: o.newDate } : {}),
    ...(isUnsetOrBlank(o.reason) ? {} : { reason: o.reason?.trim() }),
  }));
  const notPassed = outcomes.filter((o) => o.outcome === 'notPassed');
  return [
    {
      type: 'ControlPointsChecked',
      data: { routeId: state.routeId, month, outcomes, checkedAt: metadata.now, checkedBy: metadata.actorId },
    },
    ...(notPassed.length === 0
      ? []
      : [
          missedEvent(
            state,
            notPassed.map((o) => ({ controlPointId: o.controlPointId, date: o.date, cause: 'notPassed' as const })),
            metadata,
          ),
        ]),
    ...completeTasks(openChecks, metadata, `Проверка контрольных точек за ${routeMonthLabel(month)} записана`),
  ];
};

/** No actor check: only the workflow sends this, at the start of each month and once after the route's end. */
export const reviewControlPoints = ({ data, metadata }: ReviewControlPoints, current: RouteState): RouteEvent[] => {
  const state = requireCreated(current);
  if (!monthPattern.test(data.month))
    return refuse('route.controlPointReview.invalid', 'Месяц проверки должен быть в формате ГГГГ-ММ');
  if (state.stage === 'completed') return [];
  const unchecked = uncheckedBefore(state, data.month);
  if (unchecked.length === 0) return [];
  return [
    missedEvent(
      state,
      unchecked.map((point) => ({ controlPointId: point.controlPointId, date: point.date, cause: 'notChecked' })),
      metadata,
    ),
  ];
};
