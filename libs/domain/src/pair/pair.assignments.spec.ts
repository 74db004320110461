import type { CommandMetadata } from '../shared/decider';
import type { PairCommand } from './pair.commands';
import type { PairControlTask, PairEvent } from './pair.events';
import { activityProgress } from './pair.assignments';
import { at, formedState, inActive, spec, taskRaised } from './pair.fixtures';

const givenAt = '2026-09-10T09:00:00.000Z';
const onDay: CommandMetadata = { ...at('mentor-1', 'mentor', givenAt), today: '2026-09-10' };
const task: PairControlTask = { taskId: 'task-a1', dueAt: '2026-09-14T21:00:00.000Z', dueLocalDate: '2026-09-14' };
const assign = (
  data: Partial<Extract<PairCommand, { type: 'AssignMenteeTask' }>['data']> = {},
  metadata = onDay,
): PairCommand => ({
  type: 'AssignMenteeTask',
  data: { menteeId: 'mentee-1', title: ' Подготовить план урока ', activityIndex: 0, task, ...data },
  metadata,
});
const given: PairEvent[] = [
  {
    type: 'MenteeAssignmentGiven',
    data: {
      pairId: 'pair-1',
      taskId: 'task-a1',
      menteeId: 'mentee-1',
      mentorId: 'mentor-1',
      title: 'Подготовить план урока',
      activityIndex: 0,
      dueLocalDate: '2026-09-14',
      givenAt,
    },
  },
  taskRaised(
    task,
    'menteeAssignment',
    'Задание наставника: Подготовить план урока',
    { personId: 'mentee-1', role: 'mentee' },
    givenAt,
  ),
];
const doneAt = '2026-09-13T09:00:00.000Z';
const complete = (actor = at('mentee-1', 'mentee', doneAt)): PairCommand => ({
  type: 'CompleteMenteeAssignment',
  data: { taskId: 'task-a1' },
  metadata: actor,
});
const completedEvent: PairEvent = {
  type: 'TaskCompleted',
  data: { taskId: 'task-a1', completedAt: doneAt, completedBy: 'mentee-1', result: 'done' },
};

describe('the mentor’s dated assignments to the mentee (002 §6.1.6)', () => {
  it('gives the assignment and raises it as the mentee’s task with its deadline', () =>
    spec.given(inActive).when(assign()).then(given));

  it('refuses anyone but the current mentor', () =>
    spec
      .given(inActive)
      .when(assign({}, { ...at('mentee-1', 'mentee', givenAt), today: '2026-09-10' }))
      .thenRefuses('pair.forbidden'));

  it('refuses an unknown mentee, an empty title, an unknown activity and a deadline in the past', () =>
    spec
      .given(inActive)
      .when(
        assign({
          menteeId: 'mentee-9',
          title: ' ',
          activityIndex: 5,
          task: { taskId: 'task-a2', dueAt: '2026-09-08T21:00:00.000Z', dueLocalDate: '2026-09-08' },
        }),
      )
      .thenRefuses('pair.assignment.invalid', [
        'assignment.menteeUnknown',
        'assignment.title.empty',
        'assignment.activityUnknown',
        'control.assignment.outsideProgramme',
      ]));

  it('lets the mentee report it done, and no one else', () => {
    spec
      .given([...inActive, ...given])
      .when(complete())
      .then([completedEvent]);
    spec
      .given([...inActive, ...given])
      .when(complete(at('mentor-1', 'mentor', doneAt)))
      .thenRefuses('task.forbidden');
  });

  it('shows each activity’s progress: in progress, done, overdue', () => {
    const open = formedState([...inActive, ...given]);
    expect(activityProgress(open, '2026-09-10').map((a) => a.status)).toEqual(['inProgress', 'planned']);
    const done = formedState([...inActive, ...given, completedEvent]);
    expect(activityProgress(done, '2026-09-20')[0]).toMatchObject({ status: 'done', assignments: 1, done: 1 });
    const late = formedState([
      ...inActive,
      ...given,
      { type: 'TaskOverdue', data: { taskId: 'task-a1', overdueAt: '2026-09-14T21:00:00.000Z' } },
    ]);
    expect(activityProgress(late, '2026-09-20')[0]).toMatchObject({ status: 'overdue', overdue: 1 });
    // An activity whose planned date passed with nothing done is overdue too.
    expect(activityProgress(open, '2027-03-11')[1]?.status).toBe('overdue');
  });
});
