import { freshIds } from '../support/ids';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@mentorflow/calendar';
import {
  competenceAreas,
  routeStream,
  type CreatedRoute,
  type RouteControlPoint,
  type RouteRoadMapRow,
  type TaskView,
} from '@mentorflow/domain';
import type { RecordedEvent } from '@mentorflow/event-store';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { workerBundleOptions } from '../../apps/worker/src/workflows-path';
import {
  agreeRoadMapUpdate,
  recordDiagnosticsUpdate,
  recordRepeatedDiagnosticsUpdate,
  routeCreatedUpdate,
  routeViewQuery,
  submitDraftUpdate,
  type RouteView,
} from '../../workflows/route/route.messages';
import type { routeWorkflow } from '../../workflows/route/route.workflow';
import { loadFixtureCalendarYears, yearsNeededFrom } from '../support/calendar-fixture';
import { captureHistory } from '../support/replay';
import { courseRow, mathsTeacherTitlePage } from '../support/route-setup';
import { routeFor, routeStartOperation } from '../support/route-start';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { addDays } from '../support/dates';

// The workflow paths added after the first recorded histories: the monthly control-point review
// (`patched('route-control-point-review')`) and repeated diagnostics (`patched('route-repeated-diagnostics')`).
const DAY = 86_400_000;
const lastDayOfMonth = (date: string) => {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
};
const nextMonthStart = (date: string) => addDays(lastDayOfMonth(date), 1);

const created = (view: RouteView): CreatedRoute => {
  if (view.state.status !== 'created') throw new Error('route not created');
  return view.state;
};

describe('route workflow: control-point review and repeated diagnostics (time-skipping server)', () => {
  const taskQueue = `route-repeated-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const { meta, nowMs } = temporal;
  const [teacher, methodologist, tutor] = freshIds(3);
  const timeZone = 'Europe/Samara';

  beforeAll(async () => {
    // The draft's 10 working days are counted on the calendar: every year the clock reaches is loaded.
    await loadFixtureCalendarYears(temporal.store, yearsNeededFrom(new Date(await nowMs()), 2));
  });

  const results = competenceAreas.map((area, i) => ({
    area,
    percent: [85, 45, 81, 50, 80, 35, 29, 62.5, 40][i] ?? 50,
  }));
  const localToday = async () => localDateOf(new Date(await nowMs()), timeZone);
  const stream = (routeId: string) => temporal.store.readStream(routeStream(routeId));
  const tasksRaised = (events: RecordedEvent[], kind: string) =>
    events
      .filter((e) => e.type === 'TaskRaised' && (e.data as { kind: string }).kind === kind)
      .map((e) => e.data as unknown as TaskView & { dueAt: string; dueLocalDate: string });
  const activityRuns = async (handle: WorkflowHandle, name: string) =>
    ((await handle.fetchHistory()).events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name,
    ).length;

  /** A route started today, in implementation, with one control point and (optionally) a planned next diagnostics. */
  async function routeInImplementation(options: { endInDays: number; nextDiagnosticsDate?: string }) {
    const today = await localToday();
    const routeId = randomUUID();
    const rows: RouteRoadMapRow[] = [courseRow(addDays(today, Math.min(30, options.endInDays)))];
    const controlPoints: RouteControlPoint[] = [
      { controlPointId: 'cp-1', date: addDays(today, Math.min(20, options.endInDays)), description: 'Курс пройден' },
    ];
    const startWorkflowOperation = routeStartOperation(
      taskQueue,
      routeFor(
        { routeId, teacher, methodologist, tutor },
        mathsTeacherTitlePage(today, addDays(today, options.endInDays)),
        { goal: 'Преодолеть дефициты в области ИКТ', tasks: ['Освоить цифровые сервисы'] },
      ),
      { timeZone, metadata: await meta(tutor, 'tutor') },
    );
    await temporal.env.client.workflow.executeUpdateWithStart(routeCreatedUpdate, { startWorkflowOperation });
    const handle: WorkflowHandle<typeof routeWorkflow> = await startWorkflowOperation.workflowHandle();
    await handle.executeUpdate(recordDiagnosticsUpdate, {
      args: [
        {
          data: {
            diagnosticsId: randomUUID(),
            date: today,
            results,
            ...(options.nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate: options.nextDiagnosticsDate }),
          },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    await handle.executeUpdate(submitDraftUpdate, {
      args: [{ data: { rows }, metadata: await meta(methodologist, 'methodologist') }],
    });
    await handle.executeUpdate(agreeRoadMapUpdate, {
      args: [{ data: { controlPoints }, metadata: await meta(tutor, 'tutor') }],
    });
    return { routeId, handle, today, endDate: addDays(today, options.endInDays) };
  }

  it('reviews the control points every month: an unchecked point is reported missed, and the checks end with the route', async () => {
    const { routeId, handle, endDate } = await routeInImplementation({ endInDays: 40 });
    // Into the month after the route's end, when its points are reviewed once more.
    const afterEnd = Date.parse(startOfLocalDay(nextMonthStart(endDate), timeZone)) + 60 * 60_000;
    await temporal.env.sleep(afterEnd - (await nowMs()));
    const events = await stream(routeId);
    const missed = events.filter((e) => e.type === 'ControlPointsMissed').map((e) => e.data);
    expect(missed).toEqual([
      expect.objectContaining({ missed: [expect.objectContaining({ controlPointId: 'cp-1', cause: 'notChecked' })] }),
    ]);
    const months = tasksRaised(events, 'monthlyControlPointCheck').map((t) => t.dueLocalDate.slice(0, 7));
    expect(months.every((m) => m <= endDate.slice(0, 7))).toBe(true);
    // A month later nothing more: the review after the end was the last.
    await temporal.env.sleep(35 * DAY);
    expect((await stream(routeId)).length).toBe(events.length);
    await Worker.runReplayHistory(workerBundleOptions(), await handle.fetchHistory());
    await captureHistory('route-control-point-review', handle);
  });

  it('raises the repeated diagnostics when the planned day begins; the tutor records them and plans the next', async () => {
    const start = await localToday();
    const planned = addDays(start, 30);
    const { routeId, handle, endDate } = await routeInImplementation({ endInDays: 400, nextDiagnosticsDate: planned });
    expect(tasksRaised(await stream(routeId), 'repeatedDiagnostics')).toEqual([]);

    await temporal.env.sleep(Date.parse(startOfLocalDay(planned, timeZone)) + 60_000 - (await nowMs()));
    const [task] = tasksRaised(await stream(routeId), 'repeatedDiagnostics');
    expect(task).toMatchObject({
      title: expect.stringContaining('Провести повторную диагностику по ИОМ'),
      assignee: { personId: tutor, role: 'tutor' },
      dueLocalDate: lastDayOfMonth(planned),
      dueAt: endOfLocalDay(lastDayOfMonth(planned), timeZone),
    });
    // Raised when the planned day began in Samara.
    expect(localDateOf(task?.raisedAt ?? '', timeZone)).toBe(planned);

    const second = addDays(planned, 60);
    const recorded = created(
      await handle.executeUpdate(recordRepeatedDiagnosticsUpdate, {
        args: [
          {
            data: { diagnosticsId: randomUUID(), date: planned, results, nextDiagnosticsDate: second },
            metadata: await meta(tutor, 'tutor'),
          },
        ],
      }),
    );
    expect(recorded.tasks[task?.taskId ?? '']?.status).toBe('done');
    expect(recorded.repeatedDiagnostics?.map((d) => d.date)).toEqual([planned]);

    await temporal.env.sleep(Date.parse(startOfLocalDay(second, timeZone)) + 60_000 - (await nowMs()));
    const raised = tasksRaised(await stream(routeId), 'repeatedDiagnostics');
    expect(raised.map((t) => localDateOf(t.raisedAt, timeZone))).toEqual([planned, second]);

    // A next date after the route's end raises nothing: no schedule is even computed for it.
    await handle.executeUpdate(recordRepeatedDiagnosticsUpdate, {
      args: [
        {
          data: { diagnosticsId: randomUUID(), date: second, results, nextDiagnosticsDate: addDays(endDate, 1) },
          metadata: await meta(tutor, 'tutor'),
        },
      ],
    });
    const state = created(await handle.query(routeViewQuery));
    expect(state.tasks[raised[1]?.taskId ?? '']?.status).toBe('done');
    expect(await activityRuns(handle, 'routeRepeatedDiagnostics')).toBe(2);
    await Worker.runReplayHistory(workerBundleOptions(), await handle.fetchHistory());
    await captureHistory('route-repeated-diagnostics', handle);
  });
});
