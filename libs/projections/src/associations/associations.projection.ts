import {
  associationDecider,
  parseAssociationStream,
  type AssociationEvent,
  type AssociationState,
} from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf, everyTaskEvent } from '../projection';

/**
 * The mentors' methodical associations (issue 28): each one's fold (members with their dates, the plan,
 * the meetings' minutes) with the columns lists and reports filter on.
 */
export const associationsProjection = new FoldedStateProjection<AssociationState>({
  name: 'associations',
  table: 'associations_view',
  idColumn: 'association_id',
  eventTypes: eventTypesOf<AssociationEvent>().every({
    AssociationCreated: true,
    AssociationMemberAdded: true,
    AssociationMemberRemoved: true,
    AssociationPlanItemAdded: true,
    AssociationMeetingHeld: true,
    ...everyTaskEvent,
  }),
  aggregateId: (event) => parseAssociationStream(event.streamId),
  decider: associationDecider,
  columns: (state) =>
    state.status === 'none'
      ? undefined
      : {
          organisation_id: state.organisationId,
          level: state.level,
          municipality: state.municipality,
          region: state.region,
          created_at: state.createdAt,
          member_ids: state.members.map((m) => m.personId),
        },
});
