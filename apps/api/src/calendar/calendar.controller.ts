import { BadRequestException, Body, Query } from '@nestjs/common';
import { CalendarDataError, defaultProductionCalendar, parseProductionCalendarXml } from '@mentorflow/calendar';
import { productionCalendarStream, type Role } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import {
  appendCalendarYear,
  calendarHorizon,
  foldProductionCalendar,
  loadProductionCalendar,
  type CalendarYearLoadedData,
} from '@mentorflow/projections';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Create, Read } from '../common/endpoints';
import { TextField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export class LoadCalendarYearDto {
  @TextField({
    max: 200_000,
    description: 'The official production calendar of one year, in the xmlcalendar format of libs/calendar/data',
  })
  xml!: string;
}

/** Who reads the production calendar and its regional overlays (loading them is the administrator's). */
export const calendarReaders: Role[] = [
  'administrator',
  'curator',
  'methodologist',
  'tutor',
  'director',
  'regionalCoordinator',
];

/** A 400 naming the `xml` field: calendar data the parser or the calendar refused. */
export const xmlRefused = (constraint: string, message: string): BadRequestException =>
  new BadRequestException({ detail: message, errors: [{ field: 'xml', constraint, message }] });

/** The production calendar: the shipped years and those an administrator loaded or replaced. */
@ApiController('calendar', 'calendar/years')
export class CalendarController {
  constructor(private readonly store: EventStore) {}

  @Read('', calendarReaders, 'Годы производственного календаря: поставляемые и загруженные')
  async list(@Query() page: PaginationQuery) {
    const shipped = new Set(defaultProductionCalendar().years());
    const events = await this.store.readStream(productionCalendarStream);
    const loaded = new Map(
      events
        .filter((e) => e.type === 'CalendarYearLoaded')
        .map((e) => {
          const data = e.data as unknown as CalendarYearLoadedData;
          return [data.year, { loadedAt: data.loadedAt, loadedBy: data.loadedBy }] as const;
        }),
    );
    const years = foldProductionCalendar(events).years();
    return years.slice(page.offset, page.offset + page.limit).map((year) => ({
      year,
      source: loaded.has(year) ? 'loaded' : shipped.has(year) ? 'shipped' : 'loaded',
      ...loaded.get(year),
    }));
  }

  @Read('horizon', calendarReaders, 'До какого года загружен календарь и нужно ли загрузить следующий')
  async horizon() {
    return calendarHorizon(await loadProductionCalendar(this.store), new Date());
  }

  @Create(
    '',
    ['administrator'],
    'Загрузить или заменить год производственного календаря (XML); неверные данные — 400, ничего не меняется',
  )
  async load(@CurrentUser() user: AuthenticatedUser, @Body() body: LoadCalendarYearDto) {
    let calendarYear;
    try {
      calendarYear = parseProductionCalendarXml(body.xml);
    } catch (error) {
      if (error instanceof CalendarDataError) throw xmlRefused('productionCalendar', error.messageRu);
      throw error;
    }
    const outcome = await appendCalendarYear(this.store, calendarYear, user.sub, new Date().toISOString());
    return {
      year: calendarYear.year,
      source: 'loaded',
      days: calendarYear.days.length,
      unchanged: outcome === 'unchanged',
    };
  }
}
