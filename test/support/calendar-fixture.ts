import {
  defaultProductionCalendar,
  parseProductionCalendarXml,
  type CalendarYear,
  type ProductionCalendar,
} from '@mentorflow/calendar';
import { EventStore } from '@mentorflow/event-store';
import { appendCalendarYear } from '@mentorflow/projections';
import { openTestDataSource } from './database';

/**
 * A made-up production calendar for the years after the shipped data, for tests only. It is NOT the
 * official calendar (no decree exists for those years yet): the fixed public holidays of the Labour
 * Code art. 112 as days off, no transfers, no shortened days. Every holiday title says so, and the
 * calendar is only ever loaded into a test database the way an administrator loads a year, so no
 * production code guesses a year it lacks.
 */
const FIXTURE_MARK = '(тестовый календарь)';
/** Who loads the fixture years (CalendarYearLoaded.loadedBy and the event's actor). */
const FIXTURE_LOADER = 'test-fixture';

const FIXTURE_HOLIDAYS: readonly (readonly [id: number, title: string])[] = [
  [1, 'Новогодние каникулы'],
  [2, 'Рождество Христово'],
  [3, 'День защитника Отечества'],
  [4, 'Международный женский день'],
  [5, 'Праздник Весны и Труда'],
  [6, 'День Победы'],
  [7, 'День России'],
  [8, 'День народного единства'],
];

/** Days off (MM.DD → holiday id): 1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November. */
const FIXTURE_DAYS_OFF: readonly (readonly [monthDay: string, holidayId: number])[] = [
  ['01.01', 1],
  ['01.02', 1],
  ['01.03', 1],
  ['01.04', 1],
  ['01.05', 1],
  ['01.06', 1],
  ['01.07', 2],
  ['01.08', 1],
  ['02.23', 3],
  ['03.08', 4],
  ['05.01', 5],
  ['05.09', 6],
  ['06.12', 7],
  ['11.04', 8],
];

/** The fixture calendar of `year` in the xmlcalendar format of libs/calendar/data (what POST /calendar/years takes). */
export function fixtureCalendarXml(year: number): string {
  if (!Number.isInteger(year)) throw new Error(`Not a year: ${String(year)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Тестовый календарь mentorflow на ${year} год: НЕ официальный производственный календарь, только для тестов. -->`,
    `<calendar year="${year}" lang="ru" country="ru">`,
    '    <holidays>',
    ...FIXTURE_HOLIDAYS.map(([id, title]) => `        <holiday id="${id}" title="${title} ${FIXTURE_MARK}"/>`),
    '    </holidays>',
    '    <days>',
    ...FIXTURE_DAYS_OFF.map(([monthDay, holidayId]) => `        <day d="${monthDay}" t="1" h="${holidayId}"/>`),
    '    </days>',
    '</calendar>',
    '',
  ].join('\n');
}

/** The fixture calendar of `year`, parsed as the API parses a loaded file. */
export function fixtureCalendarYear(year: number): CalendarYear {
  return parseProductionCalendarXml(fixtureCalendarXml(year));
}

const shippedYears = (): readonly number[] => defaultProductionCalendar().years();

function assertNotShipped(years: readonly number[]): void {
  const shipped = years.filter((year) => shippedYears().includes(year));
  if (shipped.length > 0) {
    throw new Error(`${shipped.join(', ')} ships with the official calendar: a test fixture must not replace it`);
  }
}

/**
 * The years after the shipped data that a test starting at `now` can reach within `spanYears` years:
 * from the year after the last shipped one to now's year + spanYears (UTC; a span of at least 1 also
 * covers the time zones already in the next year). Empty while the shipped data covers the span.
 */
export function yearsNeededFrom(now: Date, spanYears: number): number[] {
  if (Number.isNaN(now.getTime())) throw new Error('yearsNeededFrom: invalid date');
  if (!Number.isInteger(spanYears) || spanYears < 0)
    throw new Error(`yearsNeededFrom: invalid span ${String(spanYears)}`);
  const lastShipped = Math.max(...shippedYears());
  const last = now.getUTCFullYear() + spanYears;
  return Array.from({ length: Math.max(0, last - lastShipped) }, (_, i) => lastShipped + 1 + i);
}

/** The calendar a worker uses once `years` are loaded as fixtures: the shipped years plus those. */
export function fixtureProductionCalendar(years: readonly number[]): ProductionCalendar {
  assertNotShipped(years);
  return years.reduce((calendar, year) => calendar.withYear(fixtureCalendarYear(year)), defaultProductionCalendar());
}

/**
 * Loads the fixture calendar of each year into the `production-calendar` stream through the code
 * POST /calendar/years runs (`appendCalendarYear`, loadedBy 'test-fixture'): one CalendarYearLoaded event
 * with the completion of the administrators' open tasks to load that year, so the worker's activities
 * read it like any loaded year. A year whose loaded data already equals the fixture
 * is not appended again. Returns the calendar the worker then uses (shipped + the fixture years).
 */
export async function loadFixtureCalendarYears(
  store: EventStore,
  years: readonly number[],
): Promise<ProductionCalendar> {
  assertNotShipped(years);
  for (const year of years)
    await appendCalendarYear(store, fixtureCalendarYear(year), FIXTURE_LOADER, new Date().toISOString());
  return fixtureProductionCalendar(years);
}

/**
 * For an end-to-end spec: loads into the test database the fixture years that deadlines counted from now
 * can reach within `spanYears` (none while the shipped data covers them); returns the calendar the
 * worker then uses.
 */
export async function loadFixtureYearsAhead(spanYears = 1): Promise<ProductionCalendar> {
  const db = await openTestDataSource();
  try {
    return await loadFixtureCalendarYears(new EventStore(db), yearsNeededFrom(new Date(), spanYears));
  } finally {
    await db.destroy();
  }
}
