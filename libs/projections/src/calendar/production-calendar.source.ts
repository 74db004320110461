import {
  defaultProductionCalendar,
  validateCalendarOverlay,
  validateCalendarYear,
  type CalendarOverlay,
  type CalendarYear,
  type ProductionCalendar,
} from '@mentorflow/calendar';
import { productionCalendarStream } from '@mentorflow/domain';
import type { EventStore, RecordedEvent } from '@mentorflow/event-store';

// Calendar years loaded by administrators (a year not shipped, or a corrected one) live in
// `productionCalendarStream`, and so do regions' overlays (their own non-working days).

export interface CalendarYearLoadedData {
  year: number;
  calendarYear: CalendarYear;
  loadedBy: string;
  loadedAt: string;
}

/** A region's own days for one year; a later one of the same region and year replaces the earlier. */
export const calendarOverlayLoadedType = 'CalendarOverlayLoaded';

export interface CalendarOverlayLoadedData {
  /** The official name of the subject of the Russian Federation (`russianFederalSubjects`). */
  region: string;
  year: number;
  overlay: CalendarOverlay;
  loadedBy: string;
  loadedAt: string;
}

export interface ProductionCalendarOptions {
  /**
   * The organisation's region, in any common spelling (`knownRegion`): the calendar then counts that
   * region's own non-working days too. Undefined, null or a name that is no subject of the Russian
   * Federation: the federal calendar.
   */
  region?: string | null;
}

/** The shipped years with every loaded year (added or replacing) and every region's overlay, in load order. */
export function foldProductionCalendar(events: readonly RecordedEvent[]): ProductionCalendar {
  let calendar = defaultProductionCalendar();
  for (const event of events) {
    if (event.type === 'CalendarYearLoaded') {
      calendar = calendar.withYear(
        validateCalendarYear((event.data as unknown as CalendarYearLoadedData).calendarYear),
      );
    } else if (event.type === calendarOverlayLoadedType) {
      calendar = calendar.withOverlay(
        validateCalendarOverlay((event.data as unknown as CalendarOverlayLoadedData).overlay),
      );
    }
  }
  return calendar;
}

/**
 * The production calendar deadlines are counted on: the shipped 2013–2027 data with every loaded year
 * added or replacing the shipped one, in load order, holding the regions' overlays.
 * - `loadProductionCalendar(store)`: the federal calendar (working days exactly as before overlays).
 * - `loadProductionCalendar(store, { region: organisation.region })`: the calendar of an organisation
 *   in that region — federal days plus its region's own (`ProductionCalendar.forRegion`).
 */
export async function loadProductionCalendar(
  store: EventStore,
  options: ProductionCalendarOptions = {},
): Promise<ProductionCalendar> {
  const calendar = foldProductionCalendar(await store.readStream(productionCalendarStream));
  return options.region === undefined ? calendar : calendar.forRegion(options.region);
}

/** The same as `loadProductionCalendar(store, { region })`. */
export function loadRegionalCalendar(
  store: EventStore,
  region: string | null | undefined,
): Promise<ProductionCalendar> {
  return loadProductionCalendar(store, { region });
}

export interface LoadedCalendarOverlay {
  region: string;
  year: number;
  /** How many days the overlay lists. */
  days: number;
  loadedAt: string;
  loadedBy: string;
}

/** The overlays in force (the latest of each region and year), by region, then year. */
export function loadedCalendarOverlays(events: readonly RecordedEvent[]): LoadedCalendarOverlay[] {
  const latest = new Map<string, LoadedCalendarOverlay>();
  for (const event of events) {
    if (event.type !== calendarOverlayLoadedType) continue;
    const data = event.data as unknown as CalendarOverlayLoadedData;
    latest.set(`${data.year} ${data.region}`, {
      region: data.region,
      year: data.year,
      days: data.overlay.days.length,
      loadedAt: data.loadedAt,
      loadedBy: data.loadedBy,
    });
  }
  return [...latest.values()].sort((a, b) => a.region.localeCompare(b.region, 'ru') || a.year - b.year);
}
