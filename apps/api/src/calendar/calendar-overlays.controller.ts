import { Body, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CalendarDataError, parseCalendarOverlayXml, type CalendarOverlay } from '@mentorflow/calendar';
import { productionCalendarStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import {
  appendToCalendarStream,
  calendarOverlayLoadedType,
  foldProductionCalendar,
  loadedCalendarOverlays,
  type CalendarOverlayLoadedData,
} from '@mentorflow/projections';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Create, Read } from '../common/endpoints';
import { TextField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';
import { calendarReaders, xmlRefused } from './calendar.controller';

export class LoadCalendarOverlayDto {
  @TextField({
    max: 200_000,
    description:
      'Собственные нерабочие дни субъекта РФ на один год в формате xmlcalendar (как libs/calendar/data) с регионом в корне: ' +
      '<calendar year="2027" lang="ru" country="ru" region="Республика Татарстан">',
  })
  xml!: string;
}

/**
 * Regions' own non-working days (Татарстан, Башкортостан, …) over the federal production calendar: an
 * organisation's working days are the federal ones plus its region's. Kept as `CalendarOverlayLoaded`
 * events in the `production-calendar` stream beside the loaded years.
 */
@ApiController('calendar', 'calendar/overlays')
export class CalendarOverlaysController {
  constructor(private readonly store: EventStore) {}

  @Read('', calendarReaders, 'Региональные календари: нерабочие дни субъектов РФ сверх федерального календаря')
  async list(@Query() page: PaginationQuery) {
    const overlays = loadedCalendarOverlays(await this.store.readStream(productionCalendarStream));
    return overlays.slice(page.offset, page.offset + page.limit);
  }

  @Create(
    '',
    ['administrator'],
    'Загрузить или заменить региональный календарь субъекта РФ на год (XML); его дни заменяют дни федерального календаря. ' +
      'Неверные данные, неизвестный регион или год без федерального календаря — 400, ничего не меняется',
  )
  async load(@CurrentUser() user: AuthenticatedUser, @Body() body: LoadCalendarOverlayDto) {
    let overlay: CalendarOverlay;
    try {
      overlay = parseCalendarOverlayXml(body.xml);
    } catch (error) {
      if (error instanceof CalendarDataError) throw xmlRefused('calendarOverlay', error.messageRu);
      throw error;
    }
    const data: CalendarOverlayLoadedData = {
      region: overlay.region,
      year: overlay.year,
      overlay,
      loadedBy: user.sub,
      loadedAt: new Date().toISOString(),
    };
    await appendToCalendarStream(this.store, (events) => {
      try {
        // The federal year must be there (shipped or loaded): an overlay only amends it.
        foldProductionCalendar(events).withOverlay(overlay);
      } catch (error) {
        if (error instanceof CalendarDataError) throw xmlRefused('federalCalendarYear', error.messageRu);
        throw error;
      }
      const loaded = {
        eventId: randomUUID(),
        type: calendarOverlayLoadedType,
        data: { ...data },
        metadata: { actorId: user.sub, role: 'administrator' },
      };
      return { append: [loaded], result: undefined };
    });
    return {
      region: overlay.region,
      year: overlay.year,
      days: overlay.days.length,
      loadedAt: data.loadedAt,
      loadedBy: data.loadedBy,
    };
  }
}
