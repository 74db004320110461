import { localDateOf } from '@mentorflow/calendar';

const DAY = 86_400_000;

/** A calendar date in `timeZone`, `days` from today there: tests never name a year that becomes the past. */
export const localDay = (timeZone: string, days = 0): string =>
  new Date(Date.parse(`${localDateOf(new Date(), timeZone)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The calendar date `days` after (or before, negative) a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The same day `years` later, as text (a 29 February stays one). */
export const addYears = (date: string, years: number): string => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/**
 * The same day `months` later (or earlier, negative), as YYYY-MM-DD; a day the target month lacks becomes its
 * last day (31 January + 1 month = 28 or 29 February).
 */
export const addMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
};
