import { decider, decideBy, type Role } from '../shared/decider';
import { isMissing } from '../shared/text';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import type { ApproveIncentive, DeclineIncentive, IncentiveCommand, ProposeIncentive } from './incentive.commands';
import { isIncentiveRecipientRole, type IncentiveEvent } from './incentive.events';
import { incentiveFieldLabels } from './incentive.labels';
import {
  incentiveAmountProblems,
  incentiveLimits,
  incentiveOrderProblems,
  incentiveProposerOf,
} from './incentive.rules';
import { evolveIncentive, initialIncentiveState, type IncentiveState, type ProposedIncentive } from './incentive.state';

const propose = ({ data, metadata }: ProposeIncentive, state: IncentiveState): IncentiveEvent[] => {
  if (state.status !== 'none') return refuse('incentive.exists.conflict', 'Такое поощрение уже предложено');
  if (!isIncentiveRecipientRole(data.recipientRole))
    return refuse('incentive.recipient.unknown', 'Поощрить можно наставника или наставляемого');
  const proposer: Role = incentiveProposerOf[data.recipientRole];
  if (metadata.role !== proposer)
    return refuse(
      'incentive.forbidden',
      data.recipientRole === 'mentee'
        ? 'Поощрение наставляемому предлагает его наставник'
        : 'Поощрение наставнику предлагает куратор',
    );
  const kind = data.kinds.find((k) => k.kindId === data.kind);
  refuseIfAny('incentive.invalid', 'Поощрение не предложено', [
    ...unmetIf(isMissing(data.personId), 'personId.missing', `Не заполнено поле «${incentiveFieldLabels.personId}»`),
    ...unmetIf(
      kind === undefined,
      'kind.unknown',
      `Поле «${incentiveFieldLabels.kind}»: выберите вид поощрения из списка`,
    ),
    ...unmetIf(
      data.recipientRole === 'mentee' && isMissing(data.pairId),
      'pairId.missing',
      `Не заполнено поле «${incentiveFieldLabels.pairId}»: наставляемый вашей пары`,
    ),
    ...unmetIf(data.personId === metadata.actorId, 'personId.self', 'Предложить поощрение самому себе нельзя'),
    ...incentiveAmountProblems(data.amount),
  ]);
  return [
    {
      type: 'IncentiveProposed',
      data: {
        incentiveId: data.incentiveId,
        organisationId: data.organisationId,
        personId: data.personId,
        recipientRole: data.recipientRole,
        ...(data.pairId ? { pairId: data.pairId } : {}),
        kind: data.kind,
        kindName: kind?.name ?? data.kind,
        ...(data.amount === undefined ? {} : { amount: data.amount }),
        proposerRole: metadata.role,
        proposedAt: metadata.now,
        proposedBy: metadata.actorId,
      },
    },
  ];
};

/** Only the director decides, once, on a proposal still awaiting the decision. */
const awaitingDecision = (state: IncentiveState, role: Role | 'system'): ProposedIncentive => {
  if (state.status === 'none') return refuse('incentive.notFound', 'Поощрение не найдено');
  if (role !== 'director')
    return refuse('incentive.decision.forbidden', 'Утвердить поощрение или отказать в нём может руководитель');
  if (state.status !== 'proposed')
    return refuse(
      'incentive.decided.conflict',
      state.status === 'approved' ? 'Поощрение уже утверждено' : 'В поощрении уже отказано',
    );
  return state;
};

const approve = ({ data, metadata }: ApproveIncentive, state: IncentiveState): IncentiveEvent[] => {
  const incentive = awaitingDecision(state, metadata.role);
  refuseIfAny('incentive.approval.invalid', 'Поощрение не утверждено', [
    ...incentiveOrderProblems(data.order, metadata),
    ...incentiveAmountProblems(data.amount),
  ]);
  return [
    {
      type: 'IncentiveApproved',
      data: {
        incentiveId: incentive.incentiveId,
        order: { number: data.order.number.trim(), date: data.order.date },
        ...(data.amount === undefined ? {} : { amount: data.amount }),
        approvedAt: metadata.now,
        approvedBy: metadata.actorId,
      },
    },
  ];
};

const decline = ({ data, metadata }: DeclineIncentive, state: IncentiveState): IncentiveEvent[] => {
  const incentive = awaitingDecision(state, metadata.role);
  const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
  refuseIfAny('incentive.decline.invalid', 'Отказ не записан', [
    ...unmetIf(isMissing(data.reason), 'reason.missing', `Не заполнено поле «${incentiveFieldLabels.reason}»`),
    ...unmetIf(
      reason.length > incentiveLimits.reason,
      'reason.tooLong',
      `Поле «${incentiveFieldLabels.reason}»: не более ${incentiveLimits.reason} символов`,
    ),
  ]);
  return [
    {
      type: 'IncentiveDeclined',
      data: { incentiveId: incentive.incentiveId, reason, declinedAt: metadata.now, declinedBy: metadata.actorId },
    },
  ];
};

/** An incentive (002 §5.1): proposed by the mentor or the curator, then granted by the director's order or declined. */
export const incentiveDecider = decider(
  decideBy<IncentiveCommand, IncentiveState, IncentiveEvent>({
    ProposeIncentive: propose,
    ApproveIncentive: approve,
    DeclineIncentive: decline,
  }),
  evolveIncentive,
  initialIncentiveState,
);
