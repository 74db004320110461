import { endOfLocalDay } from '@mentorflow/calendar';
import type { SqlExecutor } from '@mentorflow/event-store';
import { loadProgrammeGateContext } from '@mentorflow/projections';
import type { ProgrammeActivities } from '@mentorflow/workflows/activities';

export function createProgrammeActivities(deps: { db: SqlExecutor }): ProgrammeActivities {
  return {
    loadProgrammeGateContext: ({ programmeId }) => loadProgrammeGateContext(deps.db, programmeId),
    endOfLocalDay: async ({ date, timeZone }) => endOfLocalDay(date, timeZone),
  };
}
