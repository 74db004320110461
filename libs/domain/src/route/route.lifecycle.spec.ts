import type { RouteCommand } from './route.commands';
import { routeDecider } from './route.decider';
import type { RouteEvent } from './route.events';
import { routeDraftDeliveredOnTime, routeUncoveredDeficitAreas } from './route.indicators';
import type { RouteState } from './route.state';
import {
  admin,
  agree,
  cancelled,
  code,
  command,
  completeRoute,
  correct,
  createData,
  draftRaised,
  draftRows,
  fold,
  goal,
  goalFixed,
  goalTasks,
  inDesign,
  inImplementation,
  markOverdue,
  methodologist,
  portfolio,
  raiseMonthly,
  recordControl,
  recordDiagnostics,
  row1,
  row2,
  row3,
  row4,
  spec,
  startReflection,
  stageChanged,
  submitDraft,
  tAgree,
  tComplete,
  tCreate,
  tLate,
  teacher,
  tutor,
  workflow,
} from './route.fixtures';

describe('individual educational route (ИОМ)', () => {
  describe('a route from creation to completion', () => {
    const run = (steps: RouteCommand[]): { events: RouteEvent[]; state: RouteState } =>
      steps.reduce<{ events: RouteEvent[]; state: RouteState }>(
        ({ events, state }, step) => {
          const next = routeDecider.decide(step, state);
          return { events: [...events, ...next], state: next.reduce(routeDecider.evolve, state) };
        },
        { events: [], state: routeDecider.initialState() },
      );

    const story: RouteCommand[] = [
      command('CreateRoute', createData, tutor(tCreate)),
      command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)),
      recordDiagnostics(),
      command('RemindTask', { taskId: 'task-draft' }, workflow('2026-05-13T05:00:00.000Z')),
      markOverdue(),
      submitDraft(draftRows, methodologist(tLate)),
      agree({ rows: [row1, row2, row3, row4] }),
      raiseMonthly(),
      command(
        'CompleteTask',
        { taskId: 'task-check-2026-06', result: 'Контрольные точки июня пройдены' },
        tutor('2026-06-29T10:00:00.000Z'),
      ),
      raiseMonthly(
        {
          taskId: 'task-check-2026-07',
          month: '2026-07',
          dueAt: '2026-07-31T20:00:00.000Z',
          dueLocalDate: '2026-07-31',
        },
        '2026-07-01T05:00:00.000Z',
      ),
      portfolio(),
      correct('Курс перенесён на февраль', [{ ...row1, deadline: '2027-02-20' }, row2, row3, row4]),
      startReflection(),
      recordControl(),
      completeRoute(),
    ];

    it('ends completed with its history intact', () => {
      const { events, state } = run(story);
      expect(events.filter((e) => e.type === 'RouteStageChanged').map((e) => e.data.to)).toEqual([
        'design',
        'implementation',
        'reflective',
        'completed',
      ]);
      expect(events.at(-1)).toEqual({
        type: 'RouteCompleted',
        data: {
          routeId: 'route-1',
          organisationId: 'org-1',
          code,
          draftDeliveredOnTime: false,
          completedAt: tComplete,
          completedBy: 'tutor-1',
        },
      });
      // The July check was still open: completing the route cancels it.
      expect(events).toContainEqual(cancelled('task-check-2026-07', tComplete, 'ИОМ завершён'));
      if (state.status !== 'created') throw new Error('route not created');
      expect(state.stage).toBe('completed');
      expect(state.completedAt).toBe(tComplete);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin])).toEqual([
        [1, 'methodologistDraft'],
        [2, 'tutorRefinement'],
        [3, 'correction'],
      ]);
      expect(state.monthlyCheckTaskIds).toEqual(['task-check-2026-06', 'task-check-2026-07']);
      expect(state.portfolio.map((p) => p.entryId)).toEqual(['entry-1']);
      expect(state.controlDiagnostics?.dynamics.find((d) => d.area === 'ict')).toMatchObject({
        change: 47.4,
        after: { level: 'high' },
      });
      expect(Object.values(state.tasks).every((t) => t.status === 'done' || t.status === 'cancelled')).toBe(true);
      expect(state.tasks['task-draft']).toMatchObject({ status: 'done', remindedAt: ['2026-05-13T05:00:00.000Z'] });
      expect(routeDraftDeliveredOnTime(state)).toBe(false);
    });

    it('refuses every change once completed; a stale reminder does nothing', () => {
      const { events } = run(story);
      spec
        .given(events)
        .when(portfolio({ entryId: 'entry-2' }, teacher(tComplete)))
        .thenRefuses('route.completed');
      spec
        .given(events)
        .when(completeRoute(admin(tComplete)))
        .thenRefuses('route.completed');
      spec
        .given(events)
        .when(command('RemindTask', { taskId: 'task-check-2026-07' }, workflow(tComplete)))
        .then([]);
    });

    it('an administrator may act on any route', () => {
      const { state } = run(
        story.map((step) =>
          step.type === 'MarkDraftOverdue' || step.type === 'RemindTask' || step.type === 'RaiseMonthlyCheck'
            ? step
            : { ...step, metadata: { ...step.metadata, actorId: 'admin-1', role: 'administrator' } },
        ),
      );
      expect(state).toMatchObject({ stage: 'completed' });
    });
  });

  describe('read helpers', () => {
    it('lists deficit areas that no row of the current road map addresses', () => {
      expect(routeUncoveredDeficitAreas(fold(inDesign))).toEqual([
        'regulatoryLegal',
        'ict',
        'digitalisation',
        'healthSaving',
      ]);
      expect(routeUncoveredDeficitAreas(fold(inImplementation))).toEqual(['healthSaving']);
      expect(routeUncoveredDeficitAreas(fold([]))).toEqual([]);
    });
  });

  it('ignores events before the route was created', () => {
    expect(fold([goalFixed(), draftRaised, stageChanged('design', 'implementation', tAgree)])).toEqual({
      status: 'notCreated',
    });
  });
});
