import { participantDecider, type ParticipantEvent, type ParticipantState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf } from '../projection';

/** Candidates proposed for each programme and their review; the programme's gate counts the selected (status registered). */
export const participantsProjection = new FoldedStateProjection<ParticipantState>({
  name: 'participants',
  table: 'participants_view',
  idColumn: 'participant_id',
  eventTypes: eventTypesOf<ParticipantEvent>().every({
    ParticipantRegistered: true,
    ParticipantWithdrawn: true,
    CandidateReviewed: true,
  }),
  aggregateId: (event) => (event.data as { participantId: string }).participantId,
  decider: participantDecider,
  columns: (state) =>
    state.status === 'notRegistered'
      ? undefined
      : {
          organisation_id: state.organisationId,
          programme_id: state.programmeId,
          person_id: state.personId,
          role: state.role,
          status: state.status,
        },
});
