import { localDateOf } from '@mentorflow/calendar';

const DAY = 86_400_000;

/** A calendar date in `timeZone`, `days` from today there: tests never name a year that becomes the past. */
export const localDay = (timeZone: string, days = 0): string =>
  new Date(Date.parse(`${localDateOf(new Date(), timeZone)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
