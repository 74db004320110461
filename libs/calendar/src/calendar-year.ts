import { CalendarDataError } from './calendar.errors';
import { isValidDate, isWeekend, toDayNumber } from './local-date';

/**
 * What the official calendar says about a day that differs from the plain Mon–Fri rule
 * (XML `t`): 1 → dayOff (holiday, weekend, transferred or decreed day off), 2 → shortened
 * (a working day one hour shorter, possibly a Saturday), 3 → working (a Saturday or Sunday
 * made a full working day by a transfer).
 */
export type SpecialDayType = 'dayOff' | 'shortened' | 'working';

export interface CalendarHoliday {
  readonly id: number;
  readonly title: string;
}

export interface CalendarDay {
  /** `MM.DD` within the calendar's year. */
  readonly monthDay: string;
  readonly type: SpecialDayType;
  /** Id of the named holiday or decreed non-working period (XML `h`). */
  readonly holidayId?: number;
  /** `MM.DD` of the day off this one was transferred from (XML `f`). */
  readonly transferredFrom?: string;
}

/** One year of the Russian production calendar; only days that differ from Mon–Fri are listed. */
export interface CalendarYear {
  readonly year: number;
  readonly holidays: readonly CalendarHoliday[];
  /** Sorted by `monthDay`. */
  readonly days: readonly CalendarDay[];
}

const MONTH_DAY = /^(\d{2})\.(\d{2})$/;
const SPECIAL_DAY_TYPES: readonly string[] = ['dayOff', 'shortened', 'working'] satisfies SpecialDayType[];

export const MIN_CALENDAR_YEAR = 1992;
export const MAX_CALENDAR_YEAR = 2200;

const invalid = (message: string, messageRu: string): CalendarDataError => new CalendarDataError(message, messageRu);

export const isValidCalendarYearNumber = (year: number): boolean =>
  Number.isInteger(year) && year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;

export function assertCalendarYearNumber(year: number, shown: string = String(year)): void {
  if (!isValidCalendarYearNumber(year)) {
    throw invalid(
      `Invalid calendar year ${shown}: expected ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
      `Неверный год календаря ${shown}: ожидается год с ${MIN_CALENDAR_YEAR} по ${MAX_CALENDAR_YEAR}`,
    );
  }
}

/** Day number of `MM.DD` in `year`, or null when the text is not a date of that year. */
export function monthDayToDayNumber(monthDay: string, year: number): number | null {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return isValidDate(year, month, day) ? toDayNumber({ year, month, day }) : null;
}

/** A transfer source is checked against a leap year: it may name a day of a neighbouring year. */
const isValidTransferSource = (monthDay: string): boolean => monthDayToDayNumber(monthDay, 2000) !== null;

/**
 * Checks a year built by hand, decoded or parsed, and returns a frozen copy with days sorted.
 * Every rule the XML parser enforces on meaning lives here, so no path can bypass it.
 */
export function validateCalendarYear(input: CalendarYear): CalendarYear {
  const { year } = input;
  assertCalendarYearNumber(year);
  const where = `in the ${year} calendar`;
  const whereRu = `в календаре ${year} года`;

  const holidayIds = new Set<number>();
  const holidays: CalendarHoliday[] = [];
  for (const holiday of input.holidays) {
    if (!Number.isInteger(holiday.id) || holiday.id < 1) {
      throw invalid(
        `Invalid holiday id ${String(holiday.id)} ${where}`,
        `Неверный номер праздника ${String(holiday.id)} ${whereRu}`,
      );
    }
    if (holidayIds.has(holiday.id)) {
      throw invalid(
        `Duplicate holiday id ${holiday.id} ${where}`,
        `Праздник с номером ${holiday.id} указан дважды ${whereRu}`,
      );
    }
    if (typeof holiday.title !== 'string' || holiday.title.trim() === '') {
      throw invalid(`Holiday ${holiday.id} has no title ${where}`, `У праздника ${holiday.id} нет названия ${whereRu}`);
    }
    holidayIds.add(holiday.id);
    holidays.push(Object.freeze({ id: holiday.id, title: holiday.title }));
  }
  holidays.sort((a, b) => a.id - b.id);

  const seen = new Set<string>();
  const days: CalendarDay[] = [];
  for (const day of input.days) {
    const dayNumber = monthDayToDayNumber(day.monthDay, year);
    if (dayNumber === null) {
      throw invalid(`Invalid date ${day.monthDay} ${where}`, `Неверная дата ${day.monthDay} ${whereRu}`);
    }
    if (seen.has(day.monthDay)) {
      throw invalid(`Date ${day.monthDay} is listed twice ${where}`, `Дата ${day.monthDay} указана дважды ${whereRu}`);
    }
    seen.add(day.monthDay);
    if (!SPECIAL_DAY_TYPES.includes(day.type)) {
      throw invalid(
        `Unknown day type ${JSON.stringify(day.type)} for ${day.monthDay} ${where}`,
        `Неизвестный тип дня ${JSON.stringify(day.type)} для ${day.monthDay} ${whereRu}`,
      );
    }
    // t=3 means "a weekend day made working"; on a weekday it signals a shifted or mistyped date.
    if (day.type === 'working' && !isWeekend(dayNumber)) {
      throw invalid(
        `Working weekend day ${day.monthDay} ${where} is not a Saturday or Sunday`,
        `Рабочий выходной день ${day.monthDay} ${whereRu} не приходится на субботу или воскресенье`,
      );
    }
    const copy: { -readonly [K in keyof CalendarDay]: CalendarDay[K] } = { monthDay: day.monthDay, type: day.type };
    if (day.holidayId !== undefined) {
      if (!holidayIds.has(day.holidayId)) {
        throw invalid(
          `Date ${day.monthDay} refers to undeclared holiday ${String(day.holidayId)} ${where}`,
          `Дата ${day.monthDay} ссылается на необъявленный праздник ${String(day.holidayId)} ${whereRu}`,
        );
      }
      if (day.type !== 'dayOff') {
        throw invalid(
          `Holiday ${day.holidayId} on ${day.monthDay} ${where} must be a day off`,
          `Праздник ${day.holidayId} ${day.monthDay} ${whereRu} должен быть нерабочим днём`,
        );
      }
      copy.holidayId = day.holidayId;
    }
    if (day.transferredFrom !== undefined) {
      if (!isValidTransferSource(day.transferredFrom)) {
        throw invalid(
          `Invalid transfer source date ${day.transferredFrom} for ${day.monthDay} ${where}`,
          `Неверная дата переноса ${day.transferredFrom} для ${day.monthDay} ${whereRu}`,
        );
      }
      copy.transferredFrom = day.transferredFrom;
    }
    days.push(Object.freeze(copy));
  }
  days.sort((a, b) => (a.monthDay < b.monthDay ? -1 : a.monthDay > b.monthDay ? 1 : 0));

  return Object.freeze({ year, holidays: Object.freeze(holidays), days: Object.freeze(days) });
}
