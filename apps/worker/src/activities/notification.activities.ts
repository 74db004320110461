import { log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { CalendarYearMissingError, localDateOf } from '@mentorflow/calendar';
import { EventStore } from '@mentorflow/event-store';
import { enqueueDigests } from '@mentorflow/projections';
import type { NotificationActivities } from '@mentorflow/workflows/activities';
import { calendarRefusal, organisationCalendar } from './working-days';

/**
 * The daily digest of one time zone: the organisations of that zone whose production calendar (federal
 * plus their region's overlay) makes the date a working day; their people's digests go into the outbox.
 * A year the calendar lacks sends nothing that day (no Mon–Fri guess); the administrators' task to load
 * the year is raised by the calendar horizon check.
 */
export function createNotificationActivities(deps: { db: DataSource; store: EventStore }): NotificationActivities {
  return {
    enqueueDailyDigests: async ({ timeZone, date, at }) => {
      const day = date ?? localDateOf(at, timeZone);
      const organisations = await deps.db.query<{ organisationId: string }[]>(
        `SELECT organisation_id AS "organisationId" FROM organisations_view WHERE time_zone = $1`,
        [timeZone],
      );
      const working: string[] = [];
      for (const { organisationId } of organisations) {
        try {
          if ((await organisationCalendar(deps.store, organisationId)).isWorkingDay(day)) working.push(organisationId);
        } catch (error) {
          if (!(error instanceof CalendarYearMissingError)) throw calendarRefusal(error);
          log.warn(`Daily digest ${day} (${timeZone}): the production calendar of ${error.year} is not loaded`);
        }
      }
      const enqueued = await enqueueDigests(deps.db, { date: day, organisationIds: working, now: new Date() });
      return {
        date: day,
        workingOrganisations: working.length,
        dayOffOrganisations: organisations.length - working.length,
        enqueued,
      };
    },
  };
}
