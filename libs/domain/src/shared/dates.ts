import type { UnmetCondition } from './refusal';

/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so the result never depends on the host's zone. */

const dayMs = 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Midnight UTC of a calendar date, or undefined if the text is not a real YYYY-MM-DD date. With
 * `plusYears`, the same day that many years later (29 February rolls over to 1 March).
 */
export const utcMidnight = (date: string, plusYears = 0): number | undefined => {
  const match = isoDatePattern.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return Date.UTC(year + plusYears, month - 1, day);
};

export const isIsoDate = (date: string | undefined): date is string =>
  typeof date === 'string' && utcMidnight(date) !== undefined;

export const parseInstant = (instant: string): number | undefined => {
  if (typeof instant !== 'string' || !isoInstantPattern.test(instant)) return undefined;
  const time = Date.parse(instant);
  return Number.isNaN(time) ? undefined : time;
};

/** Like `parseInstant`, but NaN for anything that is not an ISO-8601 instant, for plain comparisons. */
export const instantTime = (instant: string): number => parseInstant(instant) ?? Number.NaN;

const formatDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** A YYYY-MM-DD date as a Russian text writes it, дд.мм.гггг: no ISO date inside a Russian sentence. */
export const russianDate = (date: string | undefined): string => (date ?? '').split('-').reverse().join('.');

/** One formatter per time zone: constructing an Intl.DateTimeFormat costs ≈0.2 ms, a 1,000-event history formats 1,000 times. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** «23.11.2026, 07:44»: an instant as a Russian reader reads it, in the given zone (the organisation's). */
export const russianDateTime = (instant: string, timeZone: string): string => {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
};

/**
 * The last day of a period of `months` calendar months starting on `start` (inclusive): 2026-09-01
 * plus 12 months ends on 2027-08-31. Month ends clamp: 2026-11-30 plus 3 months ends on 2027-02-27.
 */
export const lastDayOfMonths = (start: number, months: number): string => {
  const from = new Date(start);
  const [year, month, day] = [from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()];
  const lastDayOfTargetMonth = new Date(Date.UTC(year, month + months + 1, 0)).getUTCDate();
  return formatDate(Date.UTC(year, month + months, Math.min(day, lastDayOfTargetMonth)) - dayMs);
};

/** Zones span UTC−12 … UTC+14: a local date has begun somewhere once UTC passes its midnight minus 14 h. */
export const localDateHasBegun = (date: number, now: number): boolean => date - 14 * hourMs <= now;

/** The end of local day `date` lies between UTC midnight + 10 h (UTC+14) and + 36 h (UTC−12). */
export const isEndOfLocalDay = (instant: number, date: number): boolean =>
  instant >= date + 10 * hourMs && instant <= date + 36 * hourMs;

/**
 * Today in the organisation's zone: the date the workflow stamped on the command (`metadata.today`), else
 * the latest date anywhere on Earth at `now` (UTC+14), which never refuses a date that has begun locally.
 */
export const todayOf = (metadata: { readonly now: string; readonly today?: string }): string =>
  metadata.today ?? formatDate(instantTime(metadata.now) + 14 * hourMs);

/**
 * Dates of things that have happened (a diagnostics session, a consent, an order, a control) cannot lie
 * after today in the organisation's zone; planned dates may. `field` names the date for the person, in
 * Russian («Дата диагностики»). Returns the unmet condition, or none.
 */
export const notInFutureProblems = (
  date: string | undefined,
  metadata: { readonly now: string; readonly today?: string },
  code: string,
  field: string,
): UnmetCondition[] => {
  if (!isIsoDate(date)) return [];
  const today = todayOf(metadata);
  return date > today
    ? [{ code, message: `${field} не может быть позже сегодняшнего дня (${russianDate(today)})` }]
    : [];
};

/** The monitoring period a date falls in: the academic year, 1 September to 31 August (YYYY-MM-DD both). */
export const academicYearOf = (date: string): { start: string; end: string } => {
  const year = Number(date.slice(0, 4));
  const first = date.slice(5) >= '09-01' ? year : year - 1;
  return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
};
