// Replacing the mentor (four grounds) and ending a pair early.
import { type UnmetCondition } from '../shared/refusal';
import { notInFutureProblems } from '../shared/dates';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { TaskAssignee } from '../task/task.events';
import { isTaskActive } from '../task/task.state';
import type { RejectMentorReplacement, ReplaceMentor, TerminatePair } from './pair.commands';
import type { PairEvent } from './pair.events';
import { cleanOrder, requireOrder, validateMentorReplacement } from './pair.rules';
import { isFormedPair, type PairState } from './pair.state';
import { orderSigners, pairTerminated, requireFormed, requireOpen, requireRole } from './pair.guards';

export const replaceMentor = ({ data, metadata }: ReplaceMentor, state: PairState): PairEvent[] => {
  requireRole(
    metadata,
    orderSigners,
    'Заменить наставника может только руководитель организации (по приказу) или администратор',
  );
  const decided = isFormedPair(state) ? state.replacementDecisions[data.replacementId] : undefined;
  // A retried request that already went through changes nothing.
  if (decided === 'applied') return [];
  if (decided === 'rejected')
    return refuse('pair.replacement.alreadyRejected', 'Этот запрос на замену наставника уже отклонён');
  const unmet = validateMentorReplacement(state, data, metadata);
  if (!isFormedPair(state) || data.order === undefined || data.newMentorConsent === undefined || unmet.length > 0) {
    return refuse(
      'pair.replacement.invalid',
      `Замена наставника невозможна: ${unmet.map((u) => u.message).join('; ')}`,
      unmet,
    );
  }
  const to: TaskAssignee = { personId: data.newMentorId, role: 'mentor' };
  const reassigned: PairEvent[] = Object.values(state.tasks)
    .filter((task) => isTaskActive(task) && task.assignee.personId === state.mentorId)
    .map((task) => ({
      type: 'TaskReassigned',
      data: { taskId: task.taskId, from: task.assignee, to, reassignedAt: metadata.now },
    }));
  return [
    {
      type: 'MentorReplaced',
      data: {
        pairId: state.pairId,
        programmeId: state.programmeId,
        replacementId: data.replacementId,
        previousMentorId: state.mentorId,
        newMentorId: data.newMentorId,
        reason: data.reason,
        order: cleanOrder(data.order),
        newMentorConsent: { personId: data.newMentorConsent.personId, date: data.newMentorConsent.date },
        ...(data.menteeConsents === undefined
          ? {}
          : { menteeConsents: data.menteeConsents.map(({ personId, date }) => ({ personId, date })) }),
        mentorEligibilityWarnings: [...(data.mentorEligibilityWarnings ?? [])],
        replacedAt: metadata.now,
        replacedBy: metadata.actorId,
      },
    },
    ...reassigned,
  ];
};

export const rejectMentorReplacement = (
  { data, metadata }: RejectMentorReplacement,
  current: PairState,
): PairEvent[] => {
  // No actor check: the workflow records the refusal on behalf of whoever asked.
  const pair = requireFormed(current);
  if (pair.replacementDecisions[data.replacementId] !== undefined) return [];
  const problems: UnmetCondition[] = [
    ...unmetIf(isMissing(data.replacementId), 'replacement.idEmpty', 'Не указан идентификатор замены'),
    ...unmetIf(isMissing(data.reasonCode), 'rejection.reasonCodeEmpty', 'Не указан код причины отказа'),
    ...unmetIf(isMissing(data.message), 'rejection.messageEmpty', 'Не указан текст причины отказа'),
  ];
  if (problems.length > 0)
    return refuse('pair.replacement.rejectionInvalid', 'Отказ в замене наставника оформлен неверно', problems);
  return [
    {
      type: 'MentorReplacementRejected',
      data: {
        pairId: pair.pairId,
        replacementId: data.replacementId,
        reasonCode: data.reasonCode,
        message: data.message.trim(),
        unmet: (data.unmet ?? []).map(({ code, message }) => ({ code, message })),
        rejectedAt: metadata.now,
        rejectedBy: metadata.actorId,
      },
    },
  ];
};

export const terminatePair = ({ data, metadata }: TerminatePair, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  requireRole(
    metadata,
    orderSigners,
    'Прекратить наставничество может только руководитель организации (по приказу) или администратор',
  );
  if (isMissing(data.reason))
    return refuse('pair.termination.reasonRequired', 'Укажите причину прекращения наставничества');
  const order = requireOrder(data.order);
  refuseIfAny(
    'pair.termination.invalid',
    'Приказ о прекращении оформлен неверно',
    notInFutureProblems(order.date, metadata, 'termination.order.dateInFuture', 'Дата приказа о прекращении'),
  );
  const reason = data.reason.trim();
  return pairTerminated(pair, metadata, reason, { order });
};
