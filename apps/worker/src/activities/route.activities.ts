import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import {
  CalendarArgumentError,
  CalendarYearMissingError,
  endOfLocalDay,
  localDateOf,
  startOfLocalDay,
} from '@mentorflow/calendar';
import { organisationDecider, type OrganisationState } from '@mentorflow/domain';
import { loadAggregate, type EventStore } from '@mentorflow/event-store';
import { loadProductionCalendar, organisationStreamId } from '@mentorflow/projections';
import type { RouteActivities, RouteDeadline } from '@mentorflow/workflows/activities';

/** 003 §6: the methodologist drafts the route within 10 working days of receiving the diagnostics results. */
export const ROUTE_DRAFT_WORKING_DAYS = 10;
/** The methodologist is reminded at the end of the second working day before the draft is due. */
export const ROUTE_DRAFT_REMIND_WORKING_DAYS_BEFORE = 2;
/** Whoever an overdue draft is escalated to has two working days to act. */
export const ROUTE_ESCALATION_WORKING_DAYS = 2;
/** Control diagnostics asked for after the route's last day are due this many working days on. */
export const ROUTE_LATE_CONTROL_DIAGNOSTICS_WORKING_DAYS = 10;

/**
 * A deadline the caller waits for (an update) cannot be computed without the year's calendar: refuse at
 * once with the calendar's Russian message instead of retrying or guessing Mon–Fri.
 */
function calendarRefusal(error: unknown): unknown {
  if (error instanceof CalendarYearMissingError) {
    return ApplicationFailure.create({
      type: 'DomainRefusal',
      message: error.messageRu,
      nonRetryable: true,
      details: [{ code: 'calendar.yearMissing', unmet: [{ code: 'calendar.year.missing', message: error.messageRu }] }],
    });
  }
  if (error instanceof CalendarArgumentError) {
    return ApplicationFailure.create({ type: 'DomainRefusal', message: error.messageRu, nonRetryable: true, details: [{ code: 'calendar.argument.invalid', unmet: [] }] });
  }
  return error;
}

function refusingWithoutCalendar<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw calendarRefusal(error);
  }
}

/** RFC 4122 name-based UUID (version 5, SHA-1): the same namespace and name always give the same id. */
export function uuidV5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const id = hash.subarray(0, 16).toString('hex');
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

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
  state.status === 'registered' ? state.staff.filter((member) => member.role === 'curator').at(-1)?.personId : undefined;

export function createRouteActivities(deps: { store: EventStore }): RouteActivities {
  // Shipped years plus those an administrator loaded, read afresh so a new year counts at once.
  const calendar = () => loadProductionCalendar(deps.store);
  return {
    routeDraftDeadline: async ({ diagnosticsRecordedAt, timeZone }) => {
      const current = await calendar();
      return refusingWithoutCalendar(() => {
        const due = current.addWorkingDays(diagnosticsRecordedAt, ROUTE_DRAFT_WORKING_DAYS, timeZone);
        // The end of the 8th working day is the end of the working day two working days before the due date.
        const remind = current.addWorkingDays(diagnosticsRecordedAt, ROUTE_DRAFT_WORKING_DAYS - ROUTE_DRAFT_REMIND_WORKING_DAYS_BEFORE, timeZone);
        return { dueAt: due.dueAt, dueLocalDate: due.dueLocalDate, remindAt: [remind.dueAt] };
      });
    },

    routeDraftEscalation: async ({ organisationId, overdueAt, timeZone }) => {
      const due = (await calendar()).addWorkingDays(overdueAt, ROUTE_ESCALATION_WORKING_DAYS, timeZone);
      const { state } = await loadAggregate(deps.store, organisationStreamId(organisationId), organisationDecider);
      const curatorId = currentCurator(state);
      return { dueAt: due.dueAt, dueLocalDate: due.dueLocalDate, ...(curatorId === undefined ? {} : { curatorId }) };
    },

    routeMonthlyCheck: async ({ routeId, after, lastMonth, timeZone }) =>
      refusingWithoutCalendar(() => {
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
      }),

    routeControlDiagnosticsDeadline: async ({ startedAt, endDate, timeZone }): Promise<RouteDeadline> => {
      const current = await calendar();
      return refusingWithoutCalendar(() => {
        const endOfRoute = endOfLocalDay(endDate, timeZone);
        if (Date.parse(endOfRoute) > Date.parse(startedAt)) return { dueAt: endOfRoute, dueLocalDate: endDate };
        return current.addWorkingDays(startedAt, ROUTE_LATE_CONTROL_DIAGNOSTICS_WORKING_DAYS, timeZone);
      });
    },
  };
}
