import { CalendarArgumentError, CalendarDataError, CalendarYearMissingError } from './calendar.errors';
import { CalendarDay, CalendarYear, validateCalendarYear } from './calendar-year';
import { decodeCalendarYear } from './compact-calendar';
import { GENERATED_PRODUCTION_CALENDAR } from './data/production-calendar.generated';
import { formatLocalDate, formatMonthDay, fromDayNumber, isWeekend, LocalDate, parseLocalDate, toDayNumber } from './local-date';
import { endOfLocalDayMs, InstantInput, localDayNumberAt, toEpochMs } from './time-zone';

/**
 * How a date counts: `working` (full day, including a weekend day made working), `shortened`
 * (working, one hour shorter), `holiday` (a day off the data names: a public holiday or a
 * decreed non-working period such as April 2020), `dayOff` (weekend or transferred day off).
 */
export type DayKind = 'working' | 'shortened' | 'dayOff' | 'holiday';

export interface DayInfo {
  readonly date: LocalDate;
  readonly kind: DayKind;
  readonly isWorking: boolean;
  /** Title of the holiday or decree, when the data names one. */
  readonly holiday?: string;
  /** `MM.DD` of the day off this day was transferred from, when the data says so. */
  readonly transferredFrom?: string;
}

export interface WorkingDayDeadline {
  /** End of the last working day: the instant the next local day begins (exclusive), ISO UTC. */
  readonly dueAt: string;
  /** The last working day of the period, in the given time zone. */
  readonly dueLocalDate: LocalDate;
}

interface YearIndex {
  readonly calendarYear: CalendarYear;
  readonly days: ReadonlyMap<string, CalendarDay>;
  readonly holidayTitles: ReadonlyMap<number, string>;
}

const indexYear = (calendarYear: CalendarYear): YearIndex => ({
  calendarYear,
  days: new Map(calendarYear.days.map((day) => [day.monthDay, day])),
  holidayTitles: new Map(calendarYear.holidays.map((holiday) => [holiday.id, holiday.title])),
});

/** Upper bound on `n`: about 40 years of working days; larger values are a caller's bug. */
const MAX_WORKING_DAYS = 10_000;

/**
 * The Russian production calendar: which dates are working days, and working-day deadlines.
 * Immutable; a year is only ever answered from loaded data, never from a Mon–Fri guess.
 */
export class ProductionCalendar {
  private readonly index: ReadonlyMap<number, YearIndex>;

  constructor(years: Iterable<CalendarYear> = []) {
    const index = new Map<number, YearIndex>();
    for (const year of years) {
      const valid = validateCalendarYear(year);
      if (index.has(valid.year)) {
        throw new CalendarDataError(
          `The ${valid.year} calendar is given twice`,
          `Календарь ${valid.year} года передан дважды`,
        );
      }
      index.set(valid.year, indexYear(valid));
    }
    this.index = index;
  }

  /** A new calendar with `year` added, or replacing the loaded data for that year. */
  withYear(year: CalendarYear): ProductionCalendar {
    const valid = validateCalendarYear(year);
    const others = [...this.index.values()].map((entry) => entry.calendarYear).filter((y) => y.year !== valid.year);
    return new ProductionCalendar([...others, valid]);
  }

  /** Loaded years, ascending. */
  years(): readonly number[] {
    return [...this.index.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.index.has(year);
  }

  /** The loaded data of one year; throws `CalendarYearMissingError` if it is not loaded. */
  calendarYear(year: number): CalendarYear {
    return this.yearIndex(year).calendarYear;
  }

  dayInfo(localDate: LocalDate): DayInfo {
    const parts = parseLocalDate(localDate);
    const { days, holidayTitles } = this.yearIndex(parts.year);
    const special = days.get(formatMonthDay(parts));
    const date = formatLocalDate(parts);
    if (special === undefined) {
      const weekend = isWeekend(toDayNumber(parts));
      return { date, kind: weekend ? 'dayOff' : 'working', isWorking: !weekend };
    }
    const holiday = special.holidayId === undefined ? undefined : holidayTitles.get(special.holidayId);
    const kind: DayKind = special.type !== 'dayOff' ? special.type : holiday === undefined ? 'dayOff' : 'holiday';
    return {
      date,
      kind,
      isWorking: kind === 'working' || kind === 'shortened',
      ...(holiday === undefined ? {} : { holiday }),
      ...(special.transferredFrom === undefined ? {} : { transferredFrom: special.transferredFrom }),
    };
  }

  dayKind(localDate: LocalDate): DayKind {
    return this.dayInfo(localDate).kind;
  }

  isWorkingDay(localDate: LocalDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(parseLocalDate(localDate)));
  }

  /**
   * The deadline of "within n working days" of an event at `start`. The period starts the day
   * after the event's local date in `timeZone` (the event's own day never counts, whatever the
   * hour); the deadline is the end of the n-th working day, i.e. the instant the following local
   * day begins. E.g. an event on Tue 2026-04-28 in Europe/Moscow, n = 10 →
   * dueLocalDate 2026-05-14, dueAt 2026-05-14T21:00:00.000Z.
   */
  addWorkingDays(start: InstantInput, n: number, timeZone: string): WorkingDayDeadline {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
      throw new CalendarArgumentError(
        `Invalid number of working days ${String(n)}: expected an integer from 1 to ${MAX_WORKING_DAYS}`,
        `Неверное число рабочих дней ${String(n)}: ожидается целое число от 1 до ${MAX_WORKING_DAYS}`,
      );
    }
    let dayNumber = localDayNumberAt(toEpochMs(start), timeZone);
    let remaining = n;
    while (remaining > 0) {
      dayNumber += 1;
      if (this.isWorkingDayNumber(dayNumber)) remaining -= 1;
    }
    const dueDate = fromDayNumber(dayNumber);
    return {
      dueAt: new Date(endOfLocalDayMs(dueDate, timeZone)).toISOString(),
      dueLocalDate: formatLocalDate(dueDate),
    };
  }

  /**
   * Working days in (from, to]: how many working days remain from `from` until a deadline on
   * `to`. Negative when `to` is before `from` (−(working days in (to, from])), 0 when equal.
   */
  workingDaysBetween(fromLocalDate: LocalDate, toLocalDate: LocalDate): number {
    const from = toDayNumber(parseLocalDate(fromLocalDate));
    const to = toDayNumber(parseLocalDate(toLocalDate));
    if (to < from) return -this.workingDaysBetween(toLocalDate, fromLocalDate);
    let count = 0;
    for (let dayNumber = from + 1; dayNumber <= to; dayNumber += 1) {
      if (this.isWorkingDayNumber(dayNumber)) count += 1;
    }
    return count;
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const parts = fromDayNumber(dayNumber);
    const special = this.yearIndex(parts.year).days.get(formatMonthDay(parts));
    return special === undefined ? !isWeekend(dayNumber) : special.type !== 'dayOff';
  }

  private yearIndex(year: number): YearIndex {
    const entry = this.index.get(year);
    if (entry === undefined) throw new CalendarYearMissingError(year);
    return entry;
  }
}

let defaultCalendar: ProductionCalendar | undefined;

/** The calendar built from the official data shipped in this library (decoded once, shared). */
export function defaultProductionCalendar(): ProductionCalendar {
  defaultCalendar ??= new ProductionCalendar(GENERATED_PRODUCTION_CALENDAR.map(decodeCalendarYear));
  return defaultCalendar;
}
