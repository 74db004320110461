import type { CommandMetadata, DomainCommand, Role } from '../shared/decider';
import { DomainRefusal } from '../shared/refusal';
import { isMissing } from '../shared/text';
import type { TaskReassigned } from './task.events';
import { requireActiveTask, type Tasks } from './task.state';

/** Hands an active task to another holder of its role (issue 27: reassign and delegate, with a reason). */
export type ReassignTask = DomainCommand<
  'ReassignTask',
  { readonly taskId: string; readonly toPersonId: string; readonly reason: string }
>;

/**
 * Who may move a task, by the role it is assigned to: the curator runs the organisation's programme and
 * keeps its mentors and commission (002 §8.1), so she moves their tasks; the methodologists and tutors
 * work for the regional ЦНППМ, which has no role of its own here, so only an administrator moves theirs.
 * An administrator moves any task.
 */
export const taskReassignerRoles: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  mentor: ['curator'],
  commissionHead: ['curator'],
};

/** The caller, acting through `callerRoles` in the task's organisation, may move a task assigned to `assigneeRole`. */
export const mayReassignTask = (assigneeRole: Role, callerRoles: readonly Role[]): boolean =>
  callerRoles.includes('administrator') ||
  (taskReassignerRoles[assigneeRole] ?? []).some((role) => callerRoles.includes(role));

/** The reassignment's refusal when the reason is blank: the API says the same on bad input. */
export const reassignReasonMissing = 'Укажите причину';

/**
 * The task passes to `toPersonId` in the same role; the event records who moved it and why, so the
 * aggregate's history (the audit timeline) shows it. The API checks that the new person holds the role.
 */
export function reassignTask(tasks: Tasks, data: ReassignTask['data'], metadata: CommandMetadata): TaskReassigned[] {
  const task = requireActiveTask(tasks, data.taskId);
  if (isMissing(data.reason)) throw new DomainRefusal('task.reassign.reason', reassignReasonMissing);
  if (isMissing(data.toPersonId)) throw new DomainRefusal('task.reassign.to', 'Укажите, кому передать задачу');
  if (metadata.role !== 'administrator' && !mayReassignTask(task.assignee.role, [metadata.role as Role])) {
    throw new DomainRefusal('task.reassign.forbidden', 'Передать эту задачу может только куратор или администратор');
  }
  if (task.assignee.personId === data.toPersonId)
    throw new DomainRefusal('task.reassign.same', 'Задача уже назначена этому исполнителю');
  return [
    {
      type: 'TaskReassigned',
      data: {
        taskId: task.taskId,
        from: task.assignee,
        to: { personId: data.toPersonId, role: task.assignee.role },
        reassignedAt: metadata.now,
        reassignedBy: metadata.actorId,
        reason: data.reason.trim(),
      },
    },
  ];
}
