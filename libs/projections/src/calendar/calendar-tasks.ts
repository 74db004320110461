import { randomUUID } from 'node:crypto';
import { validateVariables } from '@mentorflow/config';
import { isDeepStrictEqual } from 'node:util';
import {
  defaultProductionCalendar,
  localDateOf,
  type CalendarYear,
  type ProductionCalendar,
} from '@mentorflow/calendar';
import {
  evolveTasks,
  isTaskActive,
  isTaskEvent,
  productionCalendarStream,
  type TaskEvent,
  type TaskRaised,
  type Tasks,
} from '@mentorflow/domain';
import {
  uuidV5,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type SqlExecutor,
} from '@mentorflow/event-store';
import { foldProductionCalendar, type CalendarYearLoadedData } from './production-calendar.source';

/**
 * The administrators' task «Загрузить производственный календарь на N год»: one per administrator and
 * year, raised when a deadline waits for that year (or ahead of time, from the horizon warning date) and
 * completed by loading the year. Its events live in the `production-calendar` stream beside the years.
 */
const CALENDAR_TASKS_NAMESPACE = '6f1c2d9e-8a4b-4f0e-9b7d-3c5a1e2f4b60';

/** Tasks of the whole system (not of one organisation) carry this organisation id. */
export const systemOrganisationId = '00000000-0000-0000-0000-000000000000';

/** The calendar year's subject id: a name-based uuid, the same for every task of that year. */
export const calendarSubjectId = (year: number): string => uuidV5(CALENDAR_TASKS_NAMESPACE, `calendar-${year}`);

export const loadCalendarYearTaskId = (year: number, administratorId: string): string =>
  uuidV5(CALENDAR_TASKS_NAMESPACE, `load-${year}:${administratorId}`);

export const loadCalendarYearTitle = (year: number): string => `Загрузить производственный календарь на ${year} год`;

const MOSCOW = 'Europe/Moscow';

export interface CalendarStreamState {
  readonly version: number;
  readonly tasks: Tasks;
}

export function foldCalendarStream(events: readonly RecordedEvent[]): CalendarStreamState {
  let tasks: Tasks = {};
  for (const event of events) {
    if (isTaskEvent(event)) tasks = evolveTasks(tasks, event as unknown as TaskEvent);
  }
  return { version: events.at(-1)?.streamVersion ?? 0, tasks };
}

/**
 * The one way to write to the `production-calendar` stream: read it, let `decide` say what to append
 * (nothing, or a refusal it throws), append at the version read; when another writer appended first
 * (two administrators at once, a deadline raising a task), read and decide again.
 */
export async function appendToCalendarStream<T>(
  store: EventStore,
  decide: (events: readonly RecordedEvent[], state: CalendarStreamState) => { append: readonly NewEvent[]; result: T },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const events = await store.readStream(productionCalendarStream);
    const state = foldCalendarStream(events);
    const { append, result } = decide(events, state);
    if (append.length === 0) return result;
    try {
      await store.append(productionCalendarStream, state.version, append);
      return result;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= 4) throw error;
    }
  }
}

/** Open load tasks of `year`: loading the year completes them in the same append. */
export function completeLoadTasks(
  state: CalendarStreamState,
  year: number,
  completedAt: string,
  completedBy: string,
): NewEvent[] {
  return Object.values(state.tasks)
    .filter(
      (task) => task.kind === 'loadCalendarYear' && task.subject.id === calendarSubjectId(year) && isTaskActive(task),
    )
    .map((task) => ({
      eventId: uuidV5(CALENDAR_TASKS_NAMESPACE, `completed-${task.taskId}-${completedAt}`),
      type: 'TaskCompleted',
      data: { taskId: task.taskId, completedAt, completedBy, result: `Календарь на ${year} год загружен` },
      metadata: { actorId: completedBy, role: 'administrator' },
    }));
}

const activeAdministrators = async (db: SqlExecutor): Promise<string[]> =>
  (
    await db.query<{ subject: string }>(
      `SELECT DISTINCT u.subject FROM users u JOIN role_assignments r ON r.user_id = u.user_id
       WHERE r.role = 'administrator' AND u.disabled_at IS NULL ORDER BY u.subject`,
    )
  ).map((row) => row.subject);

/**
 * Raises the load task of `year` for every active administrator who has none yet, unless the year is
 * shipped or loaded. Safe to call for every waiting deadline: the ids are name-based, so a retry or a
 * second caller adds nothing.
 */
export async function requestCalendarYear(
  store: EventStore,
  db: SqlExecutor,
  year: number,
  now: Date,
): Promise<number> {
  if (defaultProductionCalendar().hasYear(year)) return 0;
  const active = await activeAdministrators(db);
  return appendToCalendarStream(store, (events, state) => {
    if (foldProductionCalendar(events).hasYear(year)) return { append: [], result: 0 };
    const administrators = active.filter((id) => state.tasks[loadCalendarYearTaskId(year, id)] === undefined);
    // Due when the year begins (Moscow); a year already begun is due the next day.
    const yearStart = Date.parse(`${year}-01-01T00:00:00+03:00`);
    const dueAt = new Date(Math.max(yearStart, now.getTime() + 86_400_000)).toISOString();
    const raised = administrators.map((administratorId): NewEvent => {
      const data: TaskRaised['data'] = {
        taskId: loadCalendarYearTaskId(year, administratorId),
        kind: 'loadCalendarYear',
        title: loadCalendarYearTitle(year),
        assignee: { personId: administratorId, role: 'administrator' },
        organisationId: systemOrganisationId,
        subject: { type: 'calendar', id: calendarSubjectId(year) },
        raisedAt: now.toISOString(),
        dueAt,
        // The instant is the start of the next local day: the task is due through the day before.
        dueLocalDate: localDateOf(new Date(Date.parse(dueAt) - 1), MOSCOW),
        remindAt: [],
      };
      return {
        eventId: uuidV5(CALENDAR_TASKS_NAMESPACE, `raised-${data.taskId}`),
        type: 'TaskRaised',
        data: { ...data },
        metadata: { actorId: 'system', role: 'administrator' },
      };
    });
    return { append: raised, result: raised.length };
  });
}

/**
 * Stores a year an administrator loaded (new or replacing the shipped data) and completes the
 * administrators' tasks to load it, in one append. Every deadline waiting for the year is then computed
 * by its workflow: the pending-deadlines projection wakes them.
 */
export async function appendCalendarYear(
  store: EventStore,
  calendarYear: CalendarYear,
  loadedBy: string,
  loadedAt: string,
): Promise<'loaded' | 'unchanged'> {
  const data: CalendarYearLoadedData = { year: calendarYear.year, calendarYear, loadedBy, loadedAt };
  return appendToCalendarStream(store, (events, state) => {
    // The same data loaded again (a double click, a retried request) records nothing.
    const current = events
      .filter((e) => e.type === 'CalendarYearLoaded' && (e.data as { year: number }).year === calendarYear.year)
      .at(-1);
    if (
      current &&
      isDeepStrictEqual(
        (current.data as unknown as CalendarYearLoadedData).calendarYear,
        JSON.parse(JSON.stringify(calendarYear)),
      )
    ) {
      return { append: [], result: 'unchanged' as const };
    }
    return {
      append: [
        {
          eventId: randomUUID(),
          type: 'CalendarYearLoaded',
          data: { ...data },
          metadata: { actorId: loadedBy, role: 'administrator' },
        },
        ...completeLoadTasks(state, calendarYear.year, loadedAt, loadedBy),
      ],
      result: 'loaded' as const,
    };
  });
}

export interface CalendarHorizon {
  /** The last year loaded without a gap from the current year (Moscow) on. */
  readonly loadedThrough: number;
  /** The year to load next, once the warning date of the last loaded year has come. */
  readonly missingYear?: number;
  readonly warning?: string;
}

/**
 * How far the calendar reaches. From `warnFrom` (MM-DD, `CALENDAR_HORIZON_WARN_FROM`, default 1 October)
 * of the last loaded year, the next year is due: /health says so and the administrators get their task.
 */
export function calendarHorizon(
  calendar: ProductionCalendar,
  now: Date,
  warnFrom = validateVariables(['CALENDAR_HORIZON_WARN_FROM']).CALENDAR_HORIZON_WARN_FROM,
): CalendarHorizon {
  const today = localDateOf(now, MOSCOW);
  const currentYear = Number(today.slice(0, 4));
  let year = currentYear;
  while (calendar.hasYear(year)) year += 1;
  const loadedThrough = year - 1;
  if (loadedThrough < currentYear) {
    return {
      loadedThrough,
      missingYear: currentYear,
      warning: `Нет производственного календаря на текущий ${currentYear} год: сроки ждут его загрузки`,
    };
  }
  if (today >= `${loadedThrough}-${warnFrom}`) {
    return {
      loadedThrough,
      missingYear: loadedThrough + 1,
      warning: `Производственный календарь загружен по ${loadedThrough} год: загрузите календарь на ${loadedThrough + 1} год до 1 января`,
    };
  }
  return { loadedThrough };
}
