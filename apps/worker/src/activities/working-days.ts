import type { ProductionCalendar } from '@mentorflow/calendar';

/** The local date `n` working days before `date` (production calendar); throws CalendarYearMissingError when it lacks a year. */
export function workingDaysBefore(calendar: ProductionCalendar, date: string, n: number): string {
  let cursor = new Date(`${date}T00:00:00Z`);
  for (let found = 0; found < n; ) {
    cursor = new Date(cursor.getTime() - 86_400_000);
    if (calendar.isWorkingDay(cursor.toISOString().slice(0, 10))) found++;
  }
  return cursor.toISOString().slice(0, 10);
}
