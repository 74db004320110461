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

/**
 * One year on one line, as the generated module holds it: `YYYY|<id> <title>|…|<day> <day> …`, the
 * holidays in order and then the days as in `CompactCalendarYear` (e.g. `2016|1 Новогодние каникулы|…|01.01:1:h1 …`).
 */
export function formatCompactYearLine(compact: CompactCalendarYear): string {
  for (const [, title] of compact.holidays) {
    if (title.trim() === '' || /[|\n]/.test(title)) {
      throw new CalendarDataError(
        `Holiday title ${JSON.stringify(title)} of the ${compact.year} calendar cannot be written on one line`,
        `Название праздника ${JSON.stringify(title)} в календаре ${compact.year} года нельзя записать в одну строку`,
      );
    }
  }
  return [
    String(compact.year),
    ...compact.holidays.map(([id, title]) => `${id} ${title}`),
    compact.days.join(' '),
  ].join('|');
}

export function parseCompactYearLine(line: string): CompactCalendarYear {
  const parts = line.split('|');
  const year = Number(parts[0]);
  const holidays = parts.slice(1, -1).map((part): readonly [number, string] => {
    const space = part.indexOf(' ');
    return [Number(part.slice(0, space)), part.slice(space + 1)];
  });
  if (parts.length < 2 || !Number.isInteger(year) || holidays.some(([id]) => !Number.isInteger(id))) {
    throw new CalendarDataError(
      `Invalid calendar line ${JSON.stringify(line.slice(0, 40))}`,
      `Неверная строка календаря ${JSON.stringify(line.slice(0, 40))}`,
    );
  }
  const days = parts[parts.length - 1] ?? '';
  return { year, holidays, days: days === '' ? [] : days.split(' ') };
}
