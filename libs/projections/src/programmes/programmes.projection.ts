import { parseProgrammeStream, programmeDecider, taskEventTypes, type ProgrammeEvent, type ProgrammeState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';

export const programmesProjection = new FoldedStateProjection<ProgrammeState>({
  name: 'programmes',
  table: 'programmes_view',
  idColumn: 'programme_id',
  eventTypes: [
    'ProgrammeStarted',
    'DocumentRecorded',
    'CuratorAppointed',
    'StageAdvanced',
    'StageReturned',
    'StagePlanned',
    'StagePlanOverdue',
    'ProgrammeClosed',
    ...taskEventTypes,
  ],
  aggregateId: (event) => parseProgrammeStream(event.streamId),
  initialState: programmeDecider.initialState,
  evolve: (state, event) => programmeDecider.evolve(state, event as ProgrammeEvent),
  columns: (state) => (state.status === 'started' ? { organisation_id: state.organisationId, stage: state.stage } : undefined),
});
