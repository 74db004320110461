import { parseProgrammeStream, programmeDecider, type ProgrammeEvent, type ProgrammeState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf, everyTaskEvent } from '../projection';

export const programmesProjection = new FoldedStateProjection<ProgrammeState>({
  name: 'programmes',
  table: 'programmes_view',
  idColumn: 'programme_id',
  eventTypes: eventTypesOf<ProgrammeEvent>().every({
    ProgrammeStarted: true,
    DocumentRecorded: true,
    DocumentScanAttached: true,
    CuratorAppointed: true,
    StageAdvanced: true,
    StageReturned: true,
    StagePlanned: true,
    StagePlanOverdue: true,
    ProgrammeClosed: true,
    ProblemRecorded: true,
    ProblemRevised: true,
    ProblemRemoved: true,
    ProblemAnalysisApproved: true,
    ...everyTaskEvent,
  }),
  aggregateId: (event) => parseProgrammeStream(event.streamId),
  decider: programmeDecider,
  columns: (state) =>
    state.status === 'started' ? { organisation_id: state.organisationId, stage: state.stage } : undefined,
});
