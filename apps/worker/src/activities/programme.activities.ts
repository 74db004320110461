import { defaultProductionCalendar, endOfLocalDay } from '@mentorflow/calendar';
import type { SqlExecutor } from '@mentorflow/event-store';
import { loadProgrammeGateContext } from '@mentorflow/projections';
import type { ProgrammeActivities } from '@mentorflow/workflows/activities';

/** The curator is reminded at the end of the second working day before the planned end. */
const REMIND_WORKING_DAYS_BEFORE = 2;

/** The local date `n` working days before `date`; undefined when the calendar lacks the year. */
function workingDaysBefore(date: string, n: number): string | undefined {
  const calendar = defaultProductionCalendar();
  let cursor = new Date(`${date}T00:00:00Z`);
  for (let found = 0; found < n; ) {
    cursor = new Date(cursor.getTime() - 86_400_000);
    const local = cursor.toISOString().slice(0, 10);
    if (!calendar.hasYear(cursor.getUTCFullYear())) return undefined;
    if (calendar.isWorkingDay(local)) found++;
  }
  return cursor.toISOString().slice(0, 10);
}

export function createProgrammeActivities(deps: { db: SqlExecutor }): ProgrammeActivities {
  return {
    loadProgrammeGateContext: ({ programmeId }) => loadProgrammeGateContext(deps.db, programmeId),
    endOfLocalDay: async ({ date, timeZone }) => endOfLocalDay(date, timeZone),
    planStageReminder: async ({ plannedEnd, timeZone }) => {
      const remindOn = workingDaysBefore(plannedEnd, REMIND_WORKING_DAYS_BEFORE);
      const remindAt = remindOn === undefined ? [] : [endOfLocalDay(remindOn, timeZone)];
      return { dueAt: endOfLocalDay(plannedEnd, timeZone), dueLocalDate: plannedEnd, remindAt };
    },
  };
}
