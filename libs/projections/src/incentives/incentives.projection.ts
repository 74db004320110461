import { incentiveDecider, type IncentiveEvent, type IncentiveState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf } from '../projection';

/** Incentives (issue 28): each incentive's fold, with the columns the lists filter on (person, organisation, pair). */
export const incentivesProjection = new FoldedStateProjection<IncentiveState>({
  name: 'incentives',
  table: 'incentives_view',
  idColumn: 'incentive_id',
  eventTypes: eventTypesOf<IncentiveEvent>().every({
    IncentiveProposed: true,
    IncentiveApproved: true,
    IncentiveDeclined: true,
  }),
  aggregateId: (event) => (event.data as { incentiveId: string }).incentiveId,
  decider: incentiveDecider,
  columns: (state) =>
    state.status === 'none'
      ? undefined
      : {
          organisation_id: state.organisationId,
          person_id: state.personId,
          pair_id: state.pairId ?? null,
          status: state.status,
          kind: state.kind,
          proposed_at: state.proposedAt,
          decided_at: state.decidedAt ?? null,
        },
});
