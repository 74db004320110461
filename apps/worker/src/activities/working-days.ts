import type { ProductionCalendar } from '@mentorflow/calendar';

/** The local date `n` working days before `date` (production calendar); undefined when the calendar lacks the year. */
export function workingDaysBefore(calendar: ProductionCalendar, date: string, n: number): string | undefined {
  let cursor = new Date(`${date}T00:00:00Z`);
  for (let found = 0; found < n; ) {
    cursor = new Date(cursor.getTime() - 86_400_000);
    if (!calendar.hasYear(cursor.getUTCFullYear())) return undefined;
    if (calendar.isWorkingDay(cursor.toISOString().slice(0, 10))) found++;
  }
  return cursor.toISOString().slice(0, 10);
}
