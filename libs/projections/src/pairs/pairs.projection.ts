import { pairDecider, parsePairStream, type PairEvent, type PairState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';

/** Every pair's current state, folded per pair stream. */
export const pairsProjection = new FoldedStateProjection<PairState>({
  name: 'pairs',
  table: 'pairs_view',
  idColumn: 'pair_id',
  eventTypes: [
    'PairFormed',
    'PersonalProgrammeApproved',
    'MentorDiaryEntryRecorded',
    'MenteeReportRecorded',
    'InterimControlPassed',
    'InterimControlFailed',
    'MentorFinalReportSubmitted',
    'FinalControlCompleted',
    'PairCompleted',
    'MentorReplaced',
    'MentorReplacementRejected',
    'PairTerminated',
    'TaskRaised',
    'TaskReminded',
    'TaskOverdue',
    'TaskEscalated',
    'TaskCompleted',
    'TaskCancelled',
    'TaskReassigned',
  ],
  // Task events of programmes and routes pass through here too: only pair streams are folded.
  aggregateId: (event) => parsePairStream(event.streamId),
  initialState: pairDecider.initialState,
  evolve: (state, event) => pairDecider.evolve(state, event as PairEvent),
  // The ids of every diary entry and mentee report are the deciders' duplicate check; readers use the counts.
  // Kept, they grow without bound and the whole row is rewritten on each batch (benchmark 5).
  stored: {
    write: (state) => (state.status === 'notFormed' ? state : { ...state, diaryEntryIds: undefined, menteeReportIds: undefined }),
    read: (stored) => {
      const state = stored as PairState;
      return state.status === 'notFormed' ? state : { ...state, diaryEntryIds: [], menteeReportIds: [] };
    },
  },
  columns: (state) =>
    state.status === 'notFormed'
      ? undefined
      : {
          organisation_id: state.organisationId,
          programme_id: state.programmeId,
          mentor_id: state.mentorId,
          status: state.status,
          form: state.form,
          kind: state.kind,
        },
});
