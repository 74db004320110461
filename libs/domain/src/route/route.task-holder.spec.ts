import type { RouteEvent } from './route.events';
import {
  at,
  command,
  completed,
  draftRows,
  inDesign,
  inImplementation,
  monthlyRaised,
  spec,
  submitDraft,
  tMonthly,
  tSubmitOnTime,
} from './route.fixtures';

/**
 * Issue 27: a task passed on («Передать», by an administrator) grants its new holder exactly the command behind
 * it on this route while the task is open, recorded with her as the actor; nothing else of the route is hers.
 */
const reassigned = (taskId: string, from: string, to: string, role: 'methodologist' | 'tutor'): RouteEvent => ({
  type: 'TaskReassigned',
  data: {
    taskId,
    from: { personId: from, role },
    to: { personId: to, role },
    reassignedAt: tSubmitOnTime,
    reassignedBy: 'admin-1',
    reason: 'Отпуск',
  },
});
const deputy = (now: string) => at('method-2', 'methodologist', now);
const deputyTutor = (now: string) => at('tutor-2', 'tutor', now);
const draftPassedOn = [...inDesign, reassigned('task-draft', 'method-1', 'method-2', 'methodologist')];

describe('the holder of a task passed on to her', () => {
  it('submits the draft of the route whose draft task she holds, recorded as hers', () =>
    spec
      .given(draftPassedOn)
      .when(submitDraft(draftRows, deputy(tSubmitOnTime)))
      .then([
        {
          type: 'RouteDraftSubmitted',
          data: {
            routeId: 'route-1',
            draftTaskId: 'task-draft',
            version: 1,
            rows: draftRows,
            dueAt: '2026-05-14T20:00:00.000Z',
            onTime: true,
            submittedAt: tSubmitOnTime,
            submittedBy: 'method-2',
          },
        },
        completed('task-draft', tSubmitOnTime, 'method-2', 'Проект ИОМ передан тьютору'),
      ]));

  it('is refused without the task: another methodologist is not the route’s', () =>
    spec
      .given(inDesign)
      .when(submitDraft(draftRows, deputy(tSubmitOnTime)))
      .thenRefuses('route.forbidden'));

  it('is refused in another role than the task’s', () =>
    spec
      .given(draftPassedOn)
      .when(submitDraft(draftRows, at('method-2', 'tutor', tSubmitOnTime)))
      .thenRefuses('route.forbidden'));

  it('gets only the task’s command: the monthly check’s holder may not correct the road map', () =>
    spec
      .given([...inImplementation, monthlyRaised, reassigned('task-check-2026-06', 'tutor-1', 'tutor-2', 'tutor')])
      .when(command('CorrectRoadMap', { reason: 'Другой курс', rows: draftRows }, deputyTutor(tMonthly)))
      .thenRefuses('route.forbidden'));

  it('loses the command once the route’s own methodologist has done it', () =>
    spec
      .given([...draftPassedOn, completed('task-draft', tSubmitOnTime, 'method-1', 'Проект ИОМ передан тьютору')])
      .when(submitDraft(draftRows, deputy(tSubmitOnTime)))
      .thenRefuses('route.forbidden'));
});
