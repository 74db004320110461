import type { RouteCommand } from './route.commands';
import type { RouteEvent } from './route.events';
import {
  command,
  created_,
  fold,
  inImplementation,
  raiseMonthly,
  raised,
  spec,
  tutor,
  tutorAssignee,
  workflow,
} from './route.fixtures';

// The fixture's control points: cp-1 on 2026-12-25, cp-2 on 2027-04-15; the route runs 2026-05-04 … 2030-05-03.
const tDecember = '2026-12-28T08:00:00.000Z';
const check = (
  month: string,
  outcomes: Extract<RouteCommand, { type: 'RecordControlPointCheck' }>['data']['outcomes'],
  now = tDecember,
) => command('RecordControlPointCheck', { month, outcomes }, tutor(now));
const decemberCheckTask = raised(
  'task-check-2026-12',
  'monthlyControlPointCheck',
  'Проверить прохождение контрольных точек ИОМ за декабрь 2026',
  tutorAssignee,
  '2026-11-30T20:00:00.000Z',
  '2026-12-31T20:00:00.000Z',
  '2026-12-31',
);
const checked = (month: string, outcomes: object[], now = tDecember): RouteEvent =>
  ({
    type: 'ControlPointsChecked',
    data: { routeId: 'route-1', month, outcomes, checkedAt: now, checkedBy: 'tutor-1' },
  }) as RouteEvent;

describe('monthly control-point checks (003 §7.1)', () => {
  it('records a passed point and closes the month’s check task', () =>
    spec
      .given([...inImplementation, decemberCheckTask])
      .when(check('2026-12', [{ controlPointId: 'cp-1', outcome: 'passed' }]))
      .then([
        checked('2026-12', [{ controlPointId: 'cp-1', date: '2026-12-25', outcome: 'passed' }]),
        {
          type: 'TaskCompleted',
          data: {
            taskId: 'task-check-2026-12',
            completedAt: tDecember,
            completedBy: 'tutor-1',
            result: 'Проверка контрольных точек за декабрь 2026 записана',
          },
        },
      ]));

  it('marks a point not passed as missed, for the tutor and the methodologist to see', () =>
    spec
      .given(inImplementation)
      .when(check('2026-12', [{ controlPointId: 'cp-1', outcome: 'notPassed', reason: 'Курс не окончен' }]))
      .then([
        checked('2026-12', [
          { controlPointId: 'cp-1', date: '2026-12-25', outcome: 'notPassed', reason: 'Курс не окончен' },
        ]),
        {
          type: 'ControlPointsMissed',
          data: {
            routeId: 'route-1',
            missed: [{ controlPointId: 'cp-1', date: '2026-12-25', cause: 'notPassed' }],
            detectedAt: tDecember,
          },
        },
      ]));

  it('moves a point to a new date with a reason: it is due again in its new month', () => {
    const moved = checked('2026-12', [
      {
        controlPointId: 'cp-1',
        date: '2026-12-25',
        outcome: 'moved',
        newDate: '2027-01-20',
        reason: 'Курс перенесён организатором',
      },
    ]);
    spec
      .given(inImplementation)
      .when(
        check('2026-12', [
          { controlPointId: 'cp-1', outcome: 'moved', newDate: '2027-01-20', reason: ' Курс перенесён организатором ' },
        ]),
      )
      .then([moved]);
    expect(created_([...inImplementation, moved]).controlPoints[0]).toMatchObject({ date: '2027-01-20' });
    spec
      .given([...inImplementation, moved])
      .when(check('2027-01', [], '2027-01-21T08:00:00.000Z'))
      .thenRefuses('route.controlPointCheck.invalid', ['controlPointCheck.point.missing']);
  });

  it('names each problem: a point due and left out, a point not due, a move without reason or date', () =>
    spec
      .given(inImplementation)
      .when(
        check('2026-12', [
          { controlPointId: 'cp-2', outcome: 'passed' },
          { controlPointId: 'cp-1', outcome: 'moved', newDate: '2026-12-01' },
        ]),
      )
      .thenRefuses('route.controlPointCheck.invalid', [
        'controlPointCheck.point.notDue',
        'controlPointCheck.newDate.invalid',
        'controlPointCheck.reason.empty',
      ]));

  it('refuses a month that has not begun, and one outside the route period', () => {
    spec
      .given(inImplementation)
      .when(check('2027-04', [{ controlPointId: 'cp-2', outcome: 'passed' }]))
      .thenRefuses('route.controlPointCheck.invalid', ['controlPointCheck.month.future']);
    spec
      .given(inImplementation)
      .when(check('2026-04', []))
      .thenRefuses('route.controlPointCheck.invalid', ['controlPointCheck.month.outsidePeriod']);
  });

  it('refuses a month with nothing to check and no check task', () =>
    spec
      .given(inImplementation)
      .when(check('2026-11', [], '2026-11-20T08:00:00.000Z'))
      .thenRefuses('route.controlPointCheck.nothingDue'));

  it('reports a point whose month ended unchecked as missed, once', () => {
    const review = command('ReviewControlPoints', { month: '2027-01' }, workflow('2026-12-31T20:00:00.000Z'));
    const missed: RouteEvent = {
      type: 'ControlPointsMissed',
      data: {
        routeId: 'route-1',
        missed: [{ controlPointId: 'cp-1', date: '2026-12-25', cause: 'notChecked' }],
        detectedAt: '2026-12-31T20:00:00.000Z',
      },
    };
    spec.given(inImplementation).when(review).then([missed]);
    spec
      .given([...inImplementation, missed])
      .when(review)
      .then([]);
    expect(created_([...inImplementation, missed]).missedControlPoints).toEqual([
      { controlPointId: 'cp-1', date: '2026-12-25', cause: 'notChecked', detectedAt: '2026-12-31T20:00:00.000Z' },
    ]);
    // A checked point is not missed for want of a check.
    spec
      .given([
        ...inImplementation,
        checked('2026-12', [{ controlPointId: 'cp-1', date: '2026-12-25', outcome: 'passed' }]),
      ])
      .when(review)
      .then([]);
  });

  it('raises no monthly check after the route’s end date', () =>
    spec
      .given(inImplementation)
      .when(
        raiseMonthly(
          {
            taskId: 'task-check-2030-06',
            month: '2030-06',
            dueAt: '2030-06-30T20:00:00.000Z',
            dueLocalDate: '2030-06-30',
          },
          '2030-06-01T05:00:00.000Z',
        ),
      )
      .thenRefuses('route.task.invalid', ['monthlyCheck.afterEnd']));

  it('reads states folded before checks existed', () => {
    const state = fold(inImplementation);
    expect(state.status === 'created' && state.controlPointChecks).toBeFalsy();
  });
});
