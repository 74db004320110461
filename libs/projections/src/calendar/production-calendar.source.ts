import { defaultProductionCalendar, validateCalendarYear, type CalendarYear, type ProductionCalendar } from '@mentorflow/calendar';
import type { EventStore } from '@mentorflow/event-store';

/** Calendar years loaded by administrators (a year not shipped, or a corrected one) live in this stream. */
export const productionCalendarStreamId = 'production-calendar';

export interface CalendarYearLoadedData {
  year: number;
  calendarYear: CalendarYear;
  loadedBy: string;
  loadedAt: string;
}

/** The shipped 2013–2026 data with every loaded year added or replacing the shipped one, in load order. */
export async function loadProductionCalendar(store: EventStore): Promise<ProductionCalendar> {
  const events = await store.readStream(productionCalendarStreamId);
  return events.reduce(
    (calendar, event) =>
      event.type === 'CalendarYearLoaded' ? calendar.withYear(validateCalendarYear((event.data as unknown as CalendarYearLoadedData).calendarYear)) : calendar,
    defaultProductionCalendar(),
  );
}
