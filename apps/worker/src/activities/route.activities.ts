import { endOfLocalDay, localDateOf, startOfLocalDay } from '@mentorflow/calendar';
import { organisationDecider, organisationStream, type OrganisationState } from '@mentorflow/domain';
import { loadAggregate, uuidV5 } from '@mentorflow/event-store';
import type { RouteActivities, RouteDeadline } from '@mentorflow/workflows/activities';
import { calendarRefusal, deadlineOrPending, type CalendarDeps } from './working-days';

/** 003 §6: the methodologist drafts the route within 10 working days of receiving the diagnostics results. */
export const ROUTE_DRAFT_WORKING_DAYS = 10;
/** The methodologist is reminded at the end of the second working day before the draft is due. */
export const ROUTE_DRAFT_REMIND_WORKING_DAYS_BEFORE = 2;
/** Whoever an overdue draft is escalated to has two working days to act. */
export const ROUTE_ESCALATION_WORKING_DAYS = 2;
/** Control diagnostics asked for after the route's last day are due this many working days on. */
export const ROUTE_LATE_CONTROL_DIAGNOSTICS_WORKING_DAYS = 10;

const nextMonth = (month: string): string => {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  return monthOfYear === 12 ? `${year + 1}-01` : `${year}-${String(monthOfYear + 1).padStart(2, '0')}`;
};

const lastDayOfMonth = (month: string): string => {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, monthOfYear, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The curator assigned last: escalation goes to whoever holds the post now, not at the route's creation. */
const currentCurator = (state: OrganisationState): string | undefined =>
  state.status === 'registered'
    ? state.staff.filter((member) => member.role === 'curator').at(-1)?.personId
    : undefined;

export function createRouteActivities(deps: CalendarDeps): RouteActivities {
  // Shipped years plus those an administrator loaded are read afresh each time, so a new year counts at once.
  return {
    routeDraftDeadline: ({ diagnosticsRecordedAt, timeZone, organisationId }) =>
      deadlineOrPending(deps, organisationId, (calendar) => {
        const due = calendar.addWorkingDays(diagnosticsRecordedAt, ROUTE_DRAFT_WORKING_DAYS, timeZone);
        // The end of the 8th working day is the end of the working day two working days before the due date.
        const remind = calendar.addWorkingDays(
          diagnosticsRecordedAt,
          ROUTE_DRAFT_WORKING_DAYS - ROUTE_DRAFT_REMIND_WORKING_DAYS_BEFORE,
          timeZone,
        );
        return { dueAt: due.dueAt, dueLocalDate: due.dueLocalDate, remindAt: [remind.dueAt] };
      }),

    routeDraftEscalation: async ({ organisationId, overdueAt, timeZone }) => {
      const due = await deadlineOrPending(deps, organisationId, (calendar) =>
        calendar.addWorkingDays(overdueAt, ROUTE_ESCALATION_WORKING_DAYS, timeZone),
      );
      const { state } = await loadAggregate(deps.store, organisationStream(organisationId), organisationDecider);
      const curatorId = currentCurator(state);
      return { ...due, ...(curatorId === undefined ? {} : { curatorId }) };
    },

    routeMonthlyCheck: async ({ routeId, after, lastMonth, timeZone }) => {
      try {
        const afterEntry = nextMonth(localDateOf(after, timeZone).slice(0, 7));
        const afterLast = lastMonth === undefined ? afterEntry : nextMonth(lastMonth);
        const month = afterLast > afterEntry ? afterLast : afterEntry;
        const dueLocalDate = lastDayOfMonth(month);
        return {
          month,
          startsAt: startOfLocalDay(`${month}-01`, timeZone),
          dueAt: endOfLocalDay(dueLocalDate, timeZone),
          dueLocalDate,
          taskId: uuidV5(routeId, `check-${month}`),
        };
      } catch (error) {
        throw calendarRefusal(error);
      }
    },

    // Due at the end of the planned day's month, like a monthly check: the title page plans the diagnostics for
    // a day, and schools hold them within that month. No production calendar is needed, so the deadline is
    // never pending and the task comes the moment the day begins.
    routeRepeatedDiagnostics: async ({ routeId, plannedDate, timeZone }) => {
      try {
        const dueLocalDate = lastDayOfMonth(plannedDate.slice(0, 7));
        return {
          startsAt: startOfLocalDay(plannedDate, timeZone),
          dueAt: endOfLocalDay(dueLocalDate, timeZone),
          dueLocalDate,
          taskId: uuidV5(routeId, `repeated-diagnostics-${plannedDate}`),
        };
      } catch (error) {
        throw calendarRefusal(error);
      }
    },

    routeControlDiagnosticsDeadline: ({ startedAt, endDate, timeZone, organisationId }) =>
      deadlineOrPending(deps, organisationId, (calendar): RouteDeadline => {
        const endOfRoute = endOfLocalDay(endDate, timeZone);
        if (Date.parse(endOfRoute) > Date.parse(startedAt)) return { dueAt: endOfRoute, dueLocalDate: endDate };
        return calendar.addWorkingDays(startedAt, ROUTE_LATE_CONTROL_DIAGNOSTICS_WORKING_DAYS, timeZone);
      }),
  };
}
