import { CalendarArgumentError } from './calendar.errors';

/** A calendar date without time or zone, as `YYYY-MM-DD`. */
export type LocalDate = string;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const isValidDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

/** Parses a strict `YYYY-MM-DD` that names a real date; anything else is the caller's mistake. */
export function parseLocalDate(value: string): DateParts {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isValidDate(year, month, day)) return { year, month, day };
  }
  throw new CalendarArgumentError(
    `Invalid local date ${JSON.stringify(value)}: expected an existing date as YYYY-MM-DD`,
    `Неверная дата ${JSON.stringify(value)}: ожидается существующая дата в формате ГГГГ-ММ-ДД`,
  );
}

/** Days since 1970-01-01; `Date.UTC` is avoided because it maps years 0–99 to 1900–1999. */
export function toDayNumber({ year, month, day }: DateParts): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

export function fromDayNumber(dayNumber: number): DateParts {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export const formatLocalDate = ({ year, month, day }: DateParts): LocalDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** The `MM.DD` key the production calendar XML uses for a day of its year. */
export const formatMonthDay = ({ month, day }: DateParts): string => `${pad(month, 2)}.${pad(day, 2)}`;

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (day 0) was a Thursday. */
export const weekdayOf = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

export const isWeekend = (dayNumber: number): boolean => {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
};
