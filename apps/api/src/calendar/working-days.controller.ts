import { BadRequestException, Query } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CalendarYearMissingError, localDateOf } from '@mentorflow/calendar';
import { roles } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { loadProductionCalendar } from '@mentorflow/projections';
import { ApiController, Read } from '../common/endpoints';
import { TextField } from '../common/fields';

export class WorkingDaysQuery {
  @TextField({
    max: 64,
    example: 'Europe/Samara',
    description: "The organisation's IANA time zone: today is counted there",
  })
  timeZone!: string;

  @ApiProperty({ example: '2026-05-14,2026-05-29', description: 'Up to 100 deadlines (YYYY-MM-DD), comma-separated' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2}){0,99}$/)
  dates!: string;

  @TextField({
    max: 200,
    optional: true,
    example: 'Республика Татарстан',
    description:
      "The organisation's region (subject of the Russian Federation, any common spelling): its own non-working days count too; unknown or absent — the federal calendar",
  })
  region?: string;
}

/**
 * Working days left until deadlines, on the production calendar (shipped and loaded years, and with
 * `region` that region's own non-working days): the task inbox shows them.
 */
@ApiController('calendar', 'calendar/working-days')
export class WorkingDaysController {
  constructor(private readonly store: EventStore) {}

  @Read(
    '',
    roles,
    'Рабочие дни от сегодняшней даты организации до сроков (по производственному календарю; с region — и по региональному)',
  )
  async count(@Query() query: WorkingDaysQuery) {
    let today: string;
    try {
      today = localDateOf(new Date(), query.timeZone);
    } catch {
      throw new BadRequestException({
        detail: 'Неизвестный часовой пояс',
        errors: [{ field: 'timeZone', constraint: 'timeZone', message: 'Неизвестный часовой пояс IANA' }],
      });
    }
    const calendar = await loadProductionCalendar(this.store, { region: query.region });
    const days: Record<string, number | null> = {};
    const missingYears = new Set<number>();
    for (const date of new Set(query.dates.split(','))) {
      try {
        days[date] = calendar.workingDaysBetween(today, date);
      } catch (error) {
        // A year the calendar lacks is said so, never counted as Mon–Fri.
        if (!(error instanceof CalendarYearMissingError))
          throw new BadRequestException({
            detail: 'Неверная дата',
            errors: [{ field: 'dates', constraint: 'date', message: `Неверная дата ${date}` }],
          });
        days[date] = null;
        missingYears.add(error.year);
      }
    }
    // `region`: the subject whose own days were counted (its official name), null for the federal calendar alone.
    return {
      today,
      timeZone: query.timeZone,
      region: calendar.region() ?? null,
      days,
      missingYears: [...missingYears].sort(),
    };
  }
}
