import { assertNever } from '../shared/decider';
import type { IncentiveEvent, IncentiveOrder, IncentiveStatus, IncentiveSubject } from './incentive.events';

export interface ProposedIncentive extends IncentiveSubject {
  readonly status: IncentiveStatus;
  readonly kindName: string;
  /** The proposed amount, replaced by the granted one on approval. */
  readonly amount?: number;
  readonly proposedAt: string;
  readonly proposedBy: string;
  readonly proposerRole: string;
  readonly order?: IncentiveOrder;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly declineReason?: string;
}

export type IncentiveState = { readonly status: 'none' } | ProposedIncentive;

export const initialIncentiveState = (): IncentiveState => ({ status: 'none' });

export const evolveIncentive = (state: IncentiveState, event: IncentiveEvent): IncentiveState => {
  switch (event.type) {
    case 'IncentiveProposed': {
      const { incentiveId, organisationId, personId, recipientRole, pairId, kind, kindName, amount } = event.data;
      return {
        status: 'proposed',
        incentiveId,
        organisationId,
        personId,
        recipientRole,
        ...(pairId === undefined ? {} : { pairId }),
        kind,
        kindName,
        ...(amount === undefined ? {} : { amount }),
        proposedAt: event.data.proposedAt,
        proposedBy: event.data.proposedBy,
        proposerRole: event.data.proposerRole,
      };
    }
    case 'IncentiveApproved':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'approved',
        order: event.data.order,
        ...(event.data.amount === undefined ? {} : { amount: event.data.amount }),
        decidedAt: event.data.approvedAt,
        decidedBy: event.data.approvedBy,
      };
    case 'IncentiveDeclined':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'declined',
        declineReason: event.data.reason,
        decidedAt: event.data.declinedAt,
        decidedBy: event.data.declinedBy,
      };
    default:
      return assertNever(event);
  }
};
