import type { TaskView } from '@mentorflow/domain';
import { pairFormOf } from './task-forms';

describe('pair tasks the inbox does not complete with a free text (issue 26)', () => {
  const task = (kind: TaskView['kind'], role: TaskView['assignee']['role'], type: 'pair' | 'route' = 'pair') => ({
    kind,
    subject: { type, id: 'p' },
    assignee: { personId: 'x', role },
  });

  it('given the mentor’s final report, refuses it naming the form with the conclusion and the proposals', () =>
    expect(pairFormOf(task('finalControl', 'mentor'))).toMatchObject({
      code: 'pair.task.mentorReportForm',
      message: expect.stringContaining('предложения по дальнейшей работе'),
    }));
  it('given a periodic report, refuses it naming the report form', () =>
    expect(pairFormOf(task('periodicReport', 'mentee'))).toMatchObject({ code: 'pair.task.periodicReportForm' }));
  it('given a controller’s control, leaves it to the workflow, which names the control form itself', () =>
    expect(pairFormOf(task('finalControl', 'curator'))).toBeUndefined());
  it('given a mentee’s assignment, lets its result be typed (it has no outcome to contradict)', () =>
    expect(pairFormOf(task('menteeAssignment', 'mentee'))).toBeUndefined());
  it('given a route task, has nothing to say', () =>
    expect(pairFormOf(task('periodicReport', 'mentee', 'route'))).toBeUndefined());
});
