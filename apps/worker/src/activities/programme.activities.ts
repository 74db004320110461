import { endOfLocalDay } from '@mentorflow/calendar';
import { EventStore, type SqlExecutor } from '@mentorflow/event-store';
import { loadProductionCalendar, loadProgrammeGateContext } from '@mentorflow/projections';
import type { ProgrammeActivities } from '@mentorflow/workflows/activities';
import { workingDaysBefore } from './working-days';

/** The curator is reminded at the end of the second working day before the planned end. */
const REMIND_WORKING_DAYS_BEFORE = 2;

export function createProgrammeActivities(deps: { db: SqlExecutor }): ProgrammeActivities {
  const store = new EventStore(deps.db);
  return {
    loadProgrammeGateContext: ({ programmeId }) => loadProgrammeGateContext(deps.db, programmeId),
    endOfLocalDay: async ({ date, timeZone }) => endOfLocalDay(date, timeZone),
    planStageReminder: async ({ plannedEnd, timeZone }) => {
      const remindOn = workingDaysBefore(await loadProductionCalendar(store), plannedEnd, REMIND_WORKING_DAYS_BEFORE);
      const remindAt = remindOn === undefined ? [] : [endOfLocalDay(remindOn, timeZone)];
      return { dueAt: endOfLocalDay(plannedEnd, timeZone), dueLocalDate: plannedEnd, remindAt };
    },
  };
}
