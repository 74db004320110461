export { CalendarArgumentError, CalendarDataError, CalendarYearMissingError } from './calendar.errors';
export type { CalendarDay, CalendarHoliday, CalendarYear, SpecialDayType } from './calendar-year';
export { validateCalendarYear } from './calendar-year';
export type { LocalDate } from './local-date';
export { parseProductionCalendarXml } from './production-calendar-xml.parser';
export type { DayInfo, DayKind, WorkingDayDeadline } from './production-calendar';
export { defaultProductionCalendar, ProductionCalendar } from './production-calendar';
export type { InstantInput } from './time-zone';
export { endOfLocalDay, localDateOf, startOfLocalDay } from './time-zone';
