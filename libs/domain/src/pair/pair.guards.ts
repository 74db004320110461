// What every pair decision checks first: who may act, and in which state the pair must be.
import { type CommandMetadata, type Role } from '../shared/decider';
import { refuse } from '../shared/rules';
import type { TaskAssignee, TaskKind, TaskRaised } from '../task/task.events';
import { isTaskActive } from '../task/task.state';
import type { PairControlTask, PairEvent, PairOrder, PairTerminationNotice } from './pair.events';
import {
  isFormedPair,
  type ApprovedPersonalProgramme,
  type FormedPair,
  type PairControlPlan,
  type PairState,
} from './pair.state';

export const requireRole = (metadata: CommandMetadata, allowed: readonly Role[], message: string): void => {
  if (!allowed.some((role) => role === metadata.role)) refuse('pair.forbidden', message);
};

export const formers: readonly Role[] = ['director', 'curator', 'administrator'];

export const approvers: readonly Role[] = ['commissionHead', 'curator', 'director', 'administrator'];

export const controllers: readonly Role[] = ['commissionHead', 'curator', 'administrator'];

// Replacing or releasing a mentor rests on the director's order (002 §4.7).
export const orderSigners: readonly Role[] = ['director', 'administrator'];

export const requireFormed = (state: PairState): FormedPair =>
  isFormedPair(state) ? state : refuse('pair.notFormed', 'Наставническая пара/группа не сформирована');

export const requireOpen = (state: PairState): FormedPair => {
  const pair = requireFormed(state);
  if (pair.status === 'completed')
    return refuse('pair.closed', 'Наставническая пара/группа завершила программу; изменения не принимаются');
  if (pair.status === 'terminated')
    return refuse('pair.closed', 'Наставничество в паре/группе прекращено; изменения не принимаются');
  return pair;
};

type ActivePair = FormedPair & {
  readonly controlPlan: PairControlPlan;
  readonly personalProgramme: ApprovedPersonalProgramme;
};

export const requireActive = (state: PairState): ActivePair => {
  const pair = requireOpen(state);
  const { controlPlan, personalProgramme } = pair;
  return pair.status === 'active' && controlPlan !== undefined && personalProgramme !== undefined
    ? { ...pair, controlPlan, personalProgramme }
    : refuse('pair.notActive', 'Персонализированная программа наставничества пары/группы ещё не утверждена');
};

export const taskTitles: Readonly<Record<'interim' | 'final' | 'mentorReport' | 'correction', string>> = {
  interim: 'Промежуточный контроль наставнической пары/группы',
  correction: 'Представить корректировку персонализированной программы по итогам промежуточного контроля',
  final: 'Итоговый контроль наставнической пары/группы',
  mentorReport: 'Отчёт наставника по итогам наставничества с заключением о результатах адаптации',
};

export const raiseTask = (
  pair: FormedPair,
  item: PairControlTask,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
  now: string,
): TaskRaised => ({
  type: 'TaskRaised',
  data: {
    taskId: item.taskId,
    kind,
    title,
    assignee,
    organisationId: pair.organisationId,
    subject: { type: 'pair', id: pair.pairId },
    raisedAt: now,
    dueAt: item.dueAt,
    dueLocalDate: item.dueLocalDate,
    remindAt: [...(item.remindAt ?? [])],
  },
});

export const requireController = (metadata: CommandMetadata): void =>
  requireRole(metadata, controllers, 'Контроль проводит руководитель методической комиссии, куратор или администратор');

/** Who the pair is, as every event that ends it says. */
export const pairParties = (pair: FormedPair) => ({
  pairId: pair.pairId,
  programmeId: pair.programmeId,
  organisationId: pair.organisationId,
  mentorId: pair.mentorId,
  menteeIds: pair.menteeIds,
});

/** The pair ends early, on an order or a notice. Nobody should keep being reminded of controls of a pair that no longer exists. */
export const pairTerminated = (
  pair: FormedPair,
  metadata: CommandMetadata,
  reason: string,
  basis: { readonly order: PairOrder } | { readonly notice: PairTerminationNotice },
): PairEvent[] => [
  {
    type: 'PairTerminated',
    data: { ...pairParties(pair), reason, ...basis, terminatedAt: metadata.now, terminatedBy: metadata.actorId },
  },
  ...Object.values(pair.tasks)
    .filter(isTaskActive)
    .map((task): PairEvent => ({
      type: 'TaskCancelled',
      data: { taskId: task.taskId, cancelledAt: metadata.now, reason },
    })),
];
