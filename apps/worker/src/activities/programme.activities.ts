import { endOfLocalDay } from '@mentorflow/calendar';
import { EventStore, type SqlExecutor } from '@mentorflow/event-store';
import { loadProgrammeGateContext } from '@mentorflow/projections';
import { deadlineOrPending, workingDaysBefore } from './working-days';
import type { ProgrammeActivities } from '@mentorflow/workflows/activities';

/** The curator is reminded at the end of the second working day before the planned end. */
const REMIND_WORKING_DAYS_BEFORE = 2;

export function createProgrammeActivities(deps: { db: SqlExecutor }): ProgrammeActivities {
  const store = new EventStore(deps.db);
  return {
    loadProgrammeGateContext: ({ programmeId }) => loadProgrammeGateContext(deps.db, programmeId),
    endOfLocalDay: async ({ date, timeZone }) => endOfLocalDay(date, timeZone),
    planStageReminder: async ({ plannedEnd, timeZone, organisationId }) => {
      const due = { dueAt: endOfLocalDay(plannedEnd, timeZone), dueLocalDate: plannedEnd };
      // The due date is the planned date itself; only the reminder's working days need the calendar.
      const remindOn = await deadlineOrPending({ store, db: deps.db }, organisationId, (calendar) =>
        workingDaysBefore(calendar, plannedEnd, REMIND_WORKING_DAYS_BEFORE),
      );
      if (typeof remindOn === 'object') return { ...due, remindAt: [], pendingYear: remindOn.pendingYear };
      return { ...due, remindAt: [endOfLocalDay(remindOn, timeZone)] };
    },
  };
}
