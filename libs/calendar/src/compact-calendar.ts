import { CalendarDataError } from './calendar.errors';
import { CalendarDay, CalendarYear, SpecialDayType, validateCalendarYear } from './calendar-year';

/**
 * The shape of a year inside the generated module: one short string per special day,
 * `MM.DD:T` with the XML type digit, then optionally `:h<id>` and `:f<MM.DD>`
 * (e.g. `01.01:1:h1`, `01.09:1:f01.03`, `04.30:2`).
 */
export interface CompactCalendarYear {
  readonly year: number;
  readonly holidays: readonly (readonly [id: number, title: string])[];
  readonly days: readonly string[];
}

const TYPE_DIGITS: Readonly<Record<SpecialDayType, string>> = { dayOff: '1', shortened: '2', working: '3' };
const TYPES_BY_DIGIT: Readonly<Record<string, SpecialDayType>> = { '1': 'dayOff', '2': 'shortened', '3': 'working' };
const COMPACT_DAY = /^(\d{2}\.\d{2}):(\d)(?::h(\d+))?(?::f(\d{2}\.\d{2}))?$/;

export function encodeCalendarYear(calendarYear: CalendarYear): CompactCalendarYear {
  const { year, holidays, days } = validateCalendarYear(calendarYear);
  return {
    year,
    holidays: holidays.map(({ id, title }) => [id, title] as const),
    days: days.map(
      (day) =>
        `${day.monthDay}:${TYPE_DIGITS[day.type]}` +
        (day.holidayId === undefined ? '' : `:h${day.holidayId}`) +
        (day.transferredFrom === undefined ? '' : `:f${day.transferredFrom}`),
    ),
  };
}

export function decodeCalendarYear(compact: CompactCalendarYear): CalendarYear {
  const days = compact.days.map((encoded): CalendarDay => {
    const match = COMPACT_DAY.exec(encoded);
    const type = match ? TYPES_BY_DIGIT[match[2] ?? ''] : undefined;
    if (!match || match[1] === undefined || type === undefined) {
      throw new CalendarDataError(
        `Invalid compact day ${JSON.stringify(encoded)} in the ${compact.year} calendar`,
        `Неверная запись дня ${JSON.stringify(encoded)} в календаре ${compact.year} года`,
      );
    }
    return {
      monthDay: match[1],
      type,
      ...(match[3] === undefined ? {} : { holidayId: Number(match[3]) }),
      ...(match[4] === undefined ? {} : { transferredFrom: match[4] }),
    };
  });
  const holidays = compact.holidays.map(([id, title]) => ({ id, title }));
  return validateCalendarYear({ year: compact.year, holidays, days });
}
