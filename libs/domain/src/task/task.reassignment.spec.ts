import type { PairCommand } from '../pair/pair.commands';
import type { PairEvent } from '../pair/pair.events';
import { admin, curator, fold, formedState, inActive, mentor, now, spec } from '../pair/pair.fixtures';
import type { CommandMetadata } from '../shared/decider';
import { mayReassignTask } from './task.reassignment';

const reassign = (data: Partial<{ taskId: string; toPersonId: string; reason: string }> = {}, metadata = curator) =>
  ({
    type: 'ReassignTask',
    data: { taskId: 'task-report', toPersonId: 'mentor-2', reason: 'Наставник в отпуске', ...data },
    metadata,
  }) as PairCommand;

const reassigned = (by: CommandMetadata, to = 'mentor-2'): PairEvent => ({
  type: 'TaskReassigned',
  data: {
    taskId: 'task-report',
    from: { personId: 'mentor-1', role: 'mentor' },
    to: { personId: to, role: 'mentor' },
    reassignedAt: now,
    reassignedBy: by.actorId,
    reason: 'Наставник в отпуске',
  },
});

describe('ReassignTask (issue 27: a task passes to another holder of its role, with a reason)', () => {
  it("given the mentor's open report, when the curator passes it on, then it is the other mentor's, reason recorded", () => {
    spec
      .given(inActive)
      .when(reassign())
      .then([reassigned(curator)]);
    const state = formedState([...inActive, reassigned(curator)]);
    expect(state.tasks['task-report']?.assignee).toEqual({ personId: 'mentor-2', role: 'mentor' });
  });

  it('given any task, an administrator may pass it on', () =>
    spec
      .given(inActive)
      .when(reassign({}, admin))
      .then([reassigned(admin)]));

  it('given a blank reason, refuses and names it', () =>
    spec
      .given(inActive)
      .when(reassign({ reason: '  ' }))
      .thenRefuses('task.reassign.reason'));

  it('given the mentor herself, refuses: only the curator or an administrator moves a mentor’s task', () =>
    spec.given(inActive).when(reassign({}, mentor)).thenRefuses('task.reassign.forbidden'));

  it('given the same assignee, refuses', () =>
    spec
      .given(inActive)
      .when(reassign({ toPersonId: 'mentor-1' }))
      .thenRefuses('task.reassign.same'));

  it('given a task already done, refuses', () =>
    spec
      .given([
        ...inActive,
        {
          type: 'TaskCompleted',
          data: { taskId: 'task-report', completedAt: now, completedBy: 'mentor-1', result: 'Готово' },
        },
      ])
      .when(reassign())
      .thenRefuses('task.notActive'));

  it('given an unknown task, refuses', () =>
    spec
      .given(inActive)
      .when(reassign({ taskId: 'nope' }))
      .thenRefuses('task.notFound'));

  it('reads a replacement’s reassignment stored without who and why', () => {
    const old: PairEvent = {
      type: 'TaskReassigned',
      data: {
        taskId: 'task-report',
        from: { personId: 'mentor-1', role: 'mentor' },
        to: { personId: 'mentor-3', role: 'mentor' },
        reassignedAt: now,
      },
    };
    expect(fold([...inActive, old]).status).not.toBe('notFormed');
    expect(formedState([...inActive, old]).tasks['task-report']?.assignee.personId).toBe('mentor-3');
  });

  it('lets a curator move mentors’ and commission heads’ tasks, and only an administrator a methodologist’s', () => {
    expect(mayReassignTask('mentor', ['curator'])).toBe(true);
    expect(mayReassignTask('commissionHead', ['curator'])).toBe(true);
    expect(mayReassignTask('methodologist', ['curator'])).toBe(false);
    expect(mayReassignTask('methodologist', ['administrator'])).toBe(true);
    expect(mayReassignTask('mentor', ['director', 'mentor'])).toBe(false);
  });
});
