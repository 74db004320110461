import { CalendarYearMissingError, type ProductionCalendar } from '@mentorflow/calendar';

/**
 * Working days from `today` to the end of `dueLocalDate` (negative once passed), or `null` where the
 * calendar lacks a year between them: such a year is said so, never counted Mon–Fri.
 */
export function workingDaysUntil(calendar: ProductionCalendar, today: string, dueLocalDate: string): number | null {
  try {
    return calendar.workingDaysBetween(today, dueLocalDate);
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return null;
    throw error;
  }
}
