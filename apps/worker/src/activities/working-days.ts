import { ApplicationFailure } from '@temporalio/common';
import { CalendarArgumentError, CalendarYearMissingError, type ProductionCalendar } from '@mentorflow/calendar';
import { organisationDecider, organisationStream } from '@mentorflow/domain';
import { loadAggregate, type EventStore, type SqlExecutor } from '@mentorflow/event-store';
import { loadProductionCalendar, requestCalendarYear } from '@mentorflow/projections';
import type { PendingDeadline } from '@mentorflow/workflows/activities';

/** The local date `n` working days before `date` (production calendar); throws CalendarYearMissingError when it lacks a year. */
export function workingDaysBefore(calendar: ProductionCalendar, date: string, n: number): string {
  let cursor = new Date(`${date}T00:00:00Z`);
  for (let found = 0; found < n;) {
    cursor = new Date(cursor.getTime() - 86_400_000);
    if (calendar.isWorkingDay(cursor.toISOString().slice(0, 10))) found++;
  }
  return cursor.toISOString().slice(0, 10);
}

/** A malformed date or zone is the caller's error: refuse at once with the calendar's Russian message. */
export function calendarRefusal(error: unknown): unknown {
  if (error instanceof CalendarArgumentError) {
    return ApplicationFailure.create({
      type: 'DomainRefusal',
      message: error.messageRu,
      nonRetryable: true,
      details: [{ code: 'calendar.argument.invalid', unmet: [] }],
    });
  }
  return error;
}

export interface CalendarDeps {
  store: EventStore;
  db: SqlExecutor;
}

/** The organisation's working days: the federal calendar plus its region's overlay (federal alone without an organisation). */
export async function organisationCalendar(
  store: EventStore,
  organisationId: string | undefined,
): Promise<ProductionCalendar> {
  if (organisationId === undefined) return loadProductionCalendar(store);
  const { state } = await loadAggregate(store, organisationStream(organisationId), organisationDecider);
  return loadProductionCalendar(store, { region: state.status === 'registered' ? state.region : undefined });
}

/**
 * Computes an organisation's deadline on the production calendar (shipped and loaded years, its region's overlay); when a year it
 * needs is not loaded, the deadline is pending: the administrators are asked to load that year and the workflow waits for it.
 * Never a refusal, never a Mon–Fri guess.
 */
export async function deadlineOrPending<T>(
  deps: CalendarDeps,
  organisationId: string | undefined,
  compute: (calendar: ProductionCalendar) => T,
): Promise<T | PendingDeadline> {
  const calendar = await organisationCalendar(deps.store, organisationId);
  try {
    return compute(calendar);
  } catch (error) {
    if (error instanceof CalendarYearMissingError) {
      await requestCalendarYear(deps.store, deps.db, error.year, new Date());
      return { pendingYear: error.year };
    }
    throw calendarRefusal(error);
  }
}
