// The mentor's dated assignments to the mentees (002 §6.1.6) and the progress of the programme's activities.
import { todayOf } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import { isTaskActive, requireCompletable } from '../task/task.state';
import type { AssignMenteeTask, CompleteMenteeAssignment } from './pair.commands';
import type { PairEvent } from './pair.events';
import { controlTaskProblems } from './pair.rules';
import { type FormedPair, type PairState } from './pair.state';
import { raiseTask, requireActive } from './pair.guards';
import { taskCompleted } from '../task/task.state';

export const assignmentTitleMaxLength = 500;

export const assignMenteeTask = ({ data, metadata }: AssignMenteeTask, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Задания наставляемому даёт текущий наставник пары/группы');
  }
  const today = todayOf(metadata);
  const activities = pair.personalProgramme.activities;
  const problems = [
    ...unmetIf(
      !pair.menteeIds.includes(data.menteeId),
      'assignment.menteeUnknown',
      'Наставляемый не входит в эту пару/группу',
    ),
    ...unmetIf(isMissing(data.title), 'assignment.title.empty', 'Не указано, в чём состоит задание'),
    ...unmetIf(
      !isMissing(data.title) && data.title.trim().length > assignmentTitleMaxLength,
      'assignment.title.tooLong',
      `Задание: не более ${assignmentTitleMaxLength} символов`,
    ),
    ...unmetIf(
      data.activityIndex !== undefined &&
        !(Number.isInteger(data.activityIndex) && data.activityIndex >= 0 && data.activityIndex < activities.length),
      'assignment.activityUnknown',
      'Мероприятие программы, к которому относится задание, не найдено',
    ),
    ...controlTaskProblems(
      data.task,
      'assignment',
      'задание наставляемому',
      { start: today, end: pair.personalProgramme.end },
      new Set(Object.keys(pair.tasks)),
    ),
  ];
  if (problems.length > 0)
    return refuse('pair.assignment.invalid', 'Задание наставляемому оформлено неверно', problems);
  const title = data.title.trim();
  return [
    {
      type: 'MenteeAssignmentGiven',
      data: {
        pairId: pair.pairId,
        taskId: data.task.taskId,
        menteeId: data.menteeId,
        mentorId: pair.mentorId,
        title,
        ...(data.activityIndex === undefined ? {} : { activityIndex: data.activityIndex }),
        dueLocalDate: data.task.dueLocalDate,
        givenAt: metadata.now,
      },
    },
    raiseTask(
      pair,
      data.task,
      'menteeAssignment',
      `Задание наставника: ${title}`,
      { personId: data.menteeId, role: 'mentee' },
      metadata.now,
    ),
  ];
};

export const completeMenteeAssignment = (
  { data, metadata }: CompleteMenteeAssignment,
  current: PairState,
): PairEvent[] => {
  const pair = requireActive(current);
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  if (task.kind !== 'menteeAssignment') {
    return refuse('pair.assignment.wrongTask', 'Задача не является заданием наставника');
  }
  return [taskCompleted(task.taskId, metadata, isMissing(data.result) ? 'done' : (data.result ?? '').trim())];
};

export type AssignmentStatus = 'open' | 'done' | 'overdue' | 'cancelled';

export interface ActivityProgress {
  readonly index: number;
  readonly title: string;
  readonly plannedDate: string;
  readonly assignments: number;
  readonly done: number;
  readonly overdue: number;
  /** done: every assignment done; overdue: an assignment overdue, or the planned date passed with none done. */
  readonly status: 'planned' | 'inProgress' | 'done' | 'overdue';
}

/** Each assignment with its task's status. */
export const assignmentsOf = (pair: FormedPair) =>
  (pair.assignments ?? []).map((a) => {
    const task = pair.tasks[a.taskId];
    const status: AssignmentStatus = task === undefined ? 'cancelled' : task.status;
    return { ...a, status };
  });

/** The progress of each activity of the current programme on `today` (YYYY-MM-DD, the organisation's zone). */
export const activityProgress = (pair: FormedPair, today: string): ActivityProgress[] => {
  const assignments = assignmentsOf(pair);
  return (pair.personalProgramme?.activities ?? []).map((activity, index) => {
    const own = assignments.filter((a) => a.activityIndex === index && a.status !== 'cancelled');
    const done = own.filter((a) => a.status === 'done').length;
    const overdue = own.filter((a) => a.status === 'overdue').length;
    const open = own.some((a) => isTaskActive(pair.tasks[a.taskId] ?? { status: 'done' }));
    const status =
      overdue > 0 || (done === 0 && activity.plannedDate < today)
        ? 'overdue'
        : own.length > 0 && !open
          ? 'done'
          : own.length > 0
            ? 'inProgress'
            : 'planned';
    return {
      index,
      title: activity.title,
      plannedDate: activity.plannedDate,
      assignments: own.length,
      done,
      overdue,
      status,
    };
  });
};
