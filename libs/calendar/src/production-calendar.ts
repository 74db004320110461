import { CalendarArgumentError, CalendarDataError, CalendarYearMissingError } from './calendar.errors';
import { CalendarDay, CalendarHoliday, CalendarYear, validateCalendarYear } from './calendar-year';
import { CalendarOverlay, validateCalendarOverlay } from './calendar-overlay';
import { decodeCalendarYear } from './compact-calendar';
import { GENERATED_PRODUCTION_CALENDAR } from './data/production-calendar.generated';
import {
  formatLocalDate,
  formatMonthDay,
  fromDayNumber,
  isWeekend,
  LocalDate,
  parseLocalDate,
  toDayNumber,
} from './local-date';
import { knownRegion } from './regions';
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
  /** On a regional calendar (`forRegion`): the region whose overlay set this day instead of the federal one. */
  readonly region?: string;
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
  /** On a regional calendar: the `MM.DD` its overlay set. */
  readonly regionalDays?: ReadonlySet<string>;
}

const indexYear = (calendarYear: CalendarYear): YearIndex => ({
  calendarYear,
  days: new Map(calendarYear.days.map((day) => [day.monthDay, day])),
  holidayTitles: new Map(calendarYear.holidays.map((holiday) => [holiday.id, holiday.title])),
});

/**
 * The federal year with a region's overlay on top: each overlay day replaces the federal day of its
 * date; the overlay's holidays follow the federal ones, renumbered after the largest federal id.
 */
function overlaid(federal: CalendarYear, overlay: CalendarOverlay): YearIndex {
  const offset = federal.holidays.reduce((max, holiday) => Math.max(max, holiday.id), 0);
  const holidays: CalendarHoliday[] = [
    ...federal.holidays,
    ...overlay.holidays.map(({ id, title }) => ({ id: id + offset, title })),
  ];
  const days = new Map<string, CalendarDay>(federal.days.map((day) => [day.monthDay, day]));
  for (const day of overlay.days) {
    days.set(day.monthDay, day.holidayId === undefined ? day : { ...day, holidayId: day.holidayId + offset });
  }
  const calendarYear = validateCalendarYear({ year: federal.year, holidays, days: [...days.values()] });
  return { ...indexYear(calendarYear), regionalDays: new Set(overlay.days.map((day) => day.monthDay)) };
}

const overlayKey = (region: string, year: number): string => `${year} ${region}`;

function missingFederalYear(overlay: CalendarOverlay): CalendarDataError {
  return new CalendarDataError(
    `No federal production calendar for ${overlay.year}: load it before the regional calendar of ${overlay.region}`,
    `Нет федерального производственного календаря на ${overlay.year} год: сначала загрузите его`,
  );
}

/** Upper bound on `n`: about 40 years of working days; larger values are a caller's bug. */
const MAX_WORKING_DAYS = 10_000;

/**
 * The Russian production calendar: which dates are working days, and working-day deadlines.
 * Immutable; a year is only ever answered from loaded data, never from a Mon–Fri guess.
 *
 * It may also hold regions' overlays (`withOverlay`): they change nothing until `forRegion(region)`
 * gives the calendar of an organisation in that region — federal days plus its region's own.
 */
export class ProductionCalendar {
  // Set once: by the constructor, or by forRegion() on the regional calendar it has just made.
  private index: ReadonlyMap<number, YearIndex>;
  /** Overlays by `overlayKey`, in the order given. */
  private overlayIndex: ReadonlyMap<string, CalendarOverlay> = new Map();
  /** The federal calendar this regional one was made from; undefined on a federal calendar. */
  private federal: ProductionCalendar | undefined;
  private appliedRegion: string | undefined;
  private readonly regional = new Map<string, ProductionCalendar>();

  /**
   * `years`: the federal calendar, one entry per year. `overlays`: regions' own days, at most one per
   * region and year, each for a year given in `years` (else `CalendarDataError`).
   */
  constructor(years: Iterable<CalendarYear> = [], overlays: Iterable<CalendarOverlay> = []) {
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
    const overlayIndex = new Map<string, CalendarOverlay>();
    for (const overlay of overlays) {
      const valid = validateCalendarOverlay(overlay);
      if (!index.has(valid.year)) throw missingFederalYear(valid);
      const key = overlayKey(valid.region, valid.year);
      if (overlayIndex.has(key)) {
        throw new CalendarDataError(
          `The ${valid.year} calendar of ${valid.region} is given twice`,
          `Региональный календарь «${valid.region}» на ${valid.year} год передан дважды`,
        );
      }
      overlayIndex.set(key, valid);
    }
    this.overlayIndex = overlayIndex;
  }

  /** A new calendar with `year` added, or replacing the loaded data for that year (overlays are kept). */
  withYear(year: CalendarYear): ProductionCalendar {
    if (this.federal !== undefined) return this.federal.withYear(year).forRegion(this.appliedRegion);
    const valid = validateCalendarYear(year);
    const others = [...this.index.values()].map((entry) => entry.calendarYear).filter((y) => y.year !== valid.year);
    return new ProductionCalendar([...others, valid], this.overlayIndex.values());
  }

  /**
   * A new calendar holding `overlay` too, replacing an earlier overlay of the same region and year.
   * The working days do not change (this is still the federal calendar, or the same region's one):
   * `forRegion` applies overlays. Refused with `CalendarDataError` (Russian `messageRu`): an unknown
   * region, an invalid day, a year with no federal calendar here.
   */
  withOverlay(overlay: CalendarOverlay): ProductionCalendar {
    if (this.federal !== undefined) return this.federal.withOverlay(overlay).forRegion(this.appliedRegion);
    const valid = validateCalendarOverlay(overlay);
    if (!this.index.has(valid.year)) throw missingFederalYear(valid);
    const key = overlayKey(valid.region, valid.year);
    const others = [...this.overlayIndex.entries()].filter(([other]) => other !== key).map(([, kept]) => kept);
    return new ProductionCalendar(
      [...this.index.values()].map((entry) => entry.calendarYear),
      [...others, valid],
    );
  }

  /**
   * The calendar of an organisation in `region`: the federal days with that region's overlays on top
   * (an overlay day replaces the federal day of its date). `region` may be written in any common form
   * (`knownRegion`); undefined, an unknown region or one without overlays gives the federal calendar
   * itself (the same object). Regional calendars are made once per region and kept.
   */
  forRegion(region: string | null | undefined): ProductionCalendar {
    if (this.federal !== undefined) return this.federal.forRegion(region);
    const name = knownRegion(region);
    if (name === undefined) return this;
    const cached = this.regional.get(name);
    if (cached !== undefined) return cached;
    const overlays = [...this.overlayIndex.values()].filter((overlay) => overlay.region === name);
    if (overlays.length === 0) return this;
    const index = new Map(this.index);
    for (const overlay of overlays) {
      const federalYear = this.index.get(overlay.year);
      if (federalYear !== undefined) index.set(overlay.year, overlaid(federalYear.calendarYear, overlay));
    }
    const regional = new ProductionCalendar();
    regional.index = index;
    regional.overlayIndex = this.overlayIndex;
    regional.federal = this;
    regional.appliedRegion = name;
    this.regional.set(name, regional);
    return regional;
  }

  /** The region whose overlays this calendar applies (by its official name); undefined for the federal calendar. */
  region(): string | undefined {
    return this.appliedRegion;
  }

  /** The overlays held (of every region), by region, then year. */
  overlays(): readonly CalendarOverlay[] {
    return [...this.overlayIndex.values()].sort((a, b) => a.region.localeCompare(b.region, 'ru') || a.year - b.year);
  }

  /** Loaded years, ascending. */
  years(): readonly number[] {
    return [...this.index.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.index.has(year);
  }

  /**
   * The loaded data of one year; throws `CalendarYearMissingError` if it is not loaded. On a regional
   * calendar: the federal year with the overlay merged in (overlay holidays renumbered after the federal ones).
   */
  calendarYear(year: number): CalendarYear {
    return this.yearIndex(year).calendarYear;
  }

  dayInfo(localDate: LocalDate): DayInfo {
    const parts = parseLocalDate(localDate);
    const { days, holidayTitles, regionalDays } = this.yearIndex(parts.year);
    const monthDay = formatMonthDay(parts);
    const special = days.get(monthDay);
    const date = formatLocalDate(parts);
    const region = regionalDays?.has(monthDay) ? this.appliedRegion : undefined;
    if (special === undefined) {
      const weekend = isWeekend(toDayNumber(parts));
      return {
        date,
        kind: weekend ? 'dayOff' : 'working',
        isWorking: !weekend,
        ...(region === undefined ? {} : { region }),
      };
    }
    const holiday = special.holidayId === undefined ? undefined : holidayTitles.get(special.holidayId);
    const kind: DayKind = special.type !== 'dayOff' ? special.type : holiday === undefined ? 'dayOff' : 'holiday';
    return {
      date,
      kind,
      isWorking: kind === 'working' || kind === 'shortened',
      ...(holiday === undefined ? {} : { holiday }),
      ...(special.transferredFrom === undefined ? {} : { transferredFrom: special.transferredFrom }),
      ...(region === undefined ? {} : { region }),
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
