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
