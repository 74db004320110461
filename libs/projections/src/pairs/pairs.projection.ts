import { pairDecider, parsePairStream, type PairEvent, type PairState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf, everyTaskEvent } from '../projection';

/** Every pair's current state, folded per pair stream. */
export const pairsProjection = new FoldedStateProjection<PairState>({
  name: 'pairs',
  table: 'pairs_view',
  idColumn: 'pair_id',
  eventTypes: eventTypesOf<PairEvent>().every({
    PairFormed: true,
    PersonalProgrammeApproved: true,
    MentorDiaryEntryRecorded: true,
    MenteeReportRecorded: true,
    InterimControlPassed: true,
    InterimControlFailed: true,
    PersonalProgrammeCorrectionProposed: true,
    PersonalProgrammeCorrected: true,
    PersonalProgrammeCorrectionReturned: true,
    PairTerminationNoticeGiven: true,
    MenteeAssignmentGiven: true,
    PeriodicReportPeriodOpened: true,
    PeriodicReportSubmitted: true,
    PeriodicReportDecided: true,
    MentorFinalReportSubmitted: true,
    FinalControlCompleted: true,
    PairCompleted: true,
    MentorReplaced: true,
    MentorReplacementRejected: true,
    PairTerminated: true,
    PairDocumentScanAttached: true,
    ...everyTaskEvent,
    // Never in a pair's stream: only routes raise tasks whose deadline waits for a calendar year.
    TaskDeadlineSet: false,
  }),
  // Task events of programmes and routes pass through here too: only pair streams are folded.
  aggregateId: (event) => parsePairStream(event.streamId),
  decider: pairDecider,
  // The ids of every diary entry and mentee report are the deciders' duplicate check; readers use the counts.
  // Kept, they grow without bound and the whole row is rewritten on each batch (benchmark 5).
  stored: {
    write: (state) =>
      state.status === 'notFormed' ? state : { ...state, diaryEntryIds: undefined, menteeReportIds: undefined },
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
