import { CalendarDataError } from './calendar.errors';
import { CalendarYear, validateCalendarYear } from './calendar-year';
import { knownRegion } from './regions';

/**
 * One year of a region's own non-working days: the days a subject of the Russian Federation declares
 * on top of the federal calendar (Татарстан: Ураза-байрам, Курбан-байрам, 30 August, 6 November;
 * a Saturday made working to compensate, …). Same shape and rules as a federal `CalendarYear`
 * (holiday ids are the overlay's own); each listed day REPLACES the federal day of that date.
 */
export interface CalendarOverlay extends CalendarYear {
  /** The official name of the subject, one of `russianFederalSubjects`. */
  readonly region: string;
}

export function unknownRegionError(region: unknown): CalendarDataError {
  const shown = typeof region === 'string' ? region : String(region);
  return new CalendarDataError(
    `Unknown subject of the Russian Federation ${JSON.stringify(shown)}: expected its official name`,
    `Неизвестный субъект Российской Федерации «${shown}»: укажите его официальное название, например «Республика Татарстан»`,
  );
}

/**
 * Checks an overlay built by hand, decoded or parsed, and returns a frozen copy: the region is a known
 * subject (returned by its official name), the year and days obey every rule of `validateCalendarYear`.
 */
export function validateCalendarOverlay(input: CalendarOverlay): CalendarOverlay {
  const region = knownRegion(input.region);
  if (region === undefined) throw unknownRegionError(input.region);
  const { year, holidays, days } = validateCalendarYear(input);
  return Object.freeze({ region, year, holidays, days });
}
