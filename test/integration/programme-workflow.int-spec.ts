import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { endOfLocalDay, type ProductionCalendar } from '@mentorflow/calendar';
import { programmeStream } from '@mentorflow/domain';
import { createEventStoreActivities } from '../../apps/worker/src/activities/event-store.activities';
import { createProgrammeActivities } from '../../apps/worker/src/activities/programme.activities';
import { workerBundleOptions, workflowStackTracesKept } from '../../apps/worker/src/workflows-path';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  attachDocumentScanUpdate,
  planStageDatesUpdate,
  programmeViewQuery,
  recordDocumentUpdate,
} from '../../workflows/programme/programme.messages';
import { loadFixtureCalendarYears, yearsNeededFrom } from '../support/calendar-fixture';
import { captureHistory } from '../support/replay';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { startProgrammeWorkflow } from '../support/programme-start';
import { addDays } from '../support/dates';

const DAY = 86_400_000;
/** The date `n` working days before `date` on `calendar`. */
const workingDaysBefore = (calendar: ProductionCalendar, date: string, n: number): string => {
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) found++;
  }
  return day;
};

describe('programme workflow on the time-skipping test server', () => {
  const taskQueue = `programme-test-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({
    taskQueue,
    activities: ({ store, db }) => ({ ...createEventStoreActivities({ store }), ...createProgrammeActivities({ db }) }),
  });
  const { meta } = temporal;
  /** The calendar the worker counts on: the shipped years plus the fixture years loaded below. */
  let calendar: ProductionCalendar;

  beforeAll(async () => {
    // Stage plans here end within a fortnight of the server's clock (the wall clock at start): every year
    // after the shipped data that can reach is loaded as a (non-official) fixture year.
    calendar = await loadFixtureCalendarYears(
      temporal.store,
      yearsNeededFrom(new Date(Number(await temporal.env.currentTimeMs())), 1),
    );
  });
  const director = randomUUID();
  const curator = randomUUID();

  const startProgramme = () =>
    startProgrammeWorkflow(temporal, taskQueue, {
      director,
      title: 'Программа наставничества 2026/27',
      timeZone: 'Asia/Vladivostok',
    });

  it('records ProgrammeStarted in the store and answers commands with the new state', async () => {
    const { programmeId, handle } = await startProgramme();
    const afterCurator = await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });
    expect(afterCurator.state).toMatchObject({ status: 'started', stage: 'preparatory', curatorId: curator });

    const documentId = randomUUID();
    await handle.executeUpdate(recordDocumentUpdate, {
      args: [
        {
          data: { documentId, kind: 'implementationAct', number: '12-од', date: '2026-09-01', signedBy: 'Директор' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });

    const events = await temporal.store.readStream(programmeStream(programmeId));
    expect(events.map((e) => e.type)).toEqual(['ProgrammeStarted', 'CuratorAppointed', 'DocumentRecorded']);
    expect(events[2]?.metadata).toMatchObject({ actorId: curator, role: 'curator', documentRef: documentId });
    expect((await handle.query(programmeViewQuery)).version).toBe(3);

    // The recorded history replays against the current workflow code without non-determinism.
    await Worker.runReplayHistory(workerBundleOptions(), await handle.fetchHistory());
    await captureHistory('programme-commands', handle);
  });

  it('records the signed scan of a registered document, and its replacement, as events (issue 22)', async () => {
    const { programmeId, handle } = await startProgramme();
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });
    const documentId = randomUUID();
    await handle.executeUpdate(recordDocumentUpdate, {
      args: [
        {
          data: { documentId, kind: 'implementationAct', number: '12-од', date: '2026-09-01', signedBy: 'Директор' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    const scan = (sha: string) => ({
      storageKey: `${randomUUID()}/${randomUUID()}.pdf`,
      sha256: sha.repeat(64),
      size: 1024,
      mediaType: 'application/pdf' as const,
      fileName: 'implementationAct-2026-09-01.pdf',
    });
    for (const sha of ['a', 'b']) {
      await handle.executeUpdate(attachDocumentScanUpdate, {
        args: [{ data: { documentId, scan: scan(sha) }, metadata: await meta(curator, 'curator') }],
      });
    }
    const events = await temporal.store.readStream(programmeStream(programmeId));
    expect(events.slice(-2).map((e) => [e.type, e.data.sha256, e.data.replacesSha256])).toEqual([
      ['DocumentScanAttached', 'a'.repeat(64), undefined],
      ['DocumentScanAttached', 'b'.repeat(64), 'a'.repeat(64)],
    ]);
    await Worker.runReplayHistory(workerBundleOptions(), await handle.fetchHistory());
    await captureHistory('programme-document-scan', handle);
  });

  it('runs without per-promise stack traces unless WORKFLOW_STACK_TRACES=on (their capture was most of a replay)', async () => {
    const { handle } = await startProgramme();
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });
    // The programme is waiting on its next command; the SDK's stack-trace query shows where, when traces are kept.
    const stackTrace = await handle.query<string>('__stack_trace');
    const workflowFrames = /programme\.workflow\.ts:\d+/;
    if (workflowStackTracesKept()) expect(stackTrace).toMatch(workflowFrames);
    else expect(stackTrace).not.toMatch(workflowFrames);
  });

  it('refuses to leave the preparatory stage, naming exactly what is missing, and stores nothing', async () => {
    const { programmeId, handle } = await startProgramme();
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });

    const refusal = await handle
      .executeUpdate(advanceStageUpdate, { args: [{ data: {}, metadata: await meta(curator, 'curator') }] })
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const details = ((refusal as WorkflowUpdateFailedError).cause as { details?: { unmet: { code: string }[] }[] })
      .details;
    expect(details?.[0]?.unmet.map((u) => u.code)).toEqual([
      'document.implementationAct.missing',
      'document.regulationApprovalOrder.missing',
      'mentors.notSelected',
      'mentees.notSelected',
      'problemAnalysis.missing',
    ]);
    expect((await temporal.store.readStream(programmeStream(programmeId))).map((e) => e.type)).toEqual([
      'ProgrammeStarted',
      'CuratorAppointed',
    ]);
    await captureHistory('programme-gate-refused', handle);
  });

  it('reminds the curator before the planned end and records the overdue when it passes, by timers', async () => {
    const { programmeId, handle } = await startProgramme();
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });
    const timeZone = 'Asia/Vladivostok';
    const now = Number(await temporal.env.currentTimeMs());
    // Ten days ahead, or the first day after that whose reminder (the end of the second working day before
    // it) is still a day ahead: a reminder whose instant has already passed (just before the New Year
    // holidays) is not raised at all.
    const remindOn = (date: string) => workingDaysBefore(calendar, date, 2);
    let plannedEnd = new Date(now + 10 * DAY).toISOString().slice(0, 10);
    while (Date.parse(endOfLocalDay(remindOn(plannedEnd), timeZone)) <= now + DAY) plannedEnd = addDays(plannedEnd, 1);
    await handle.executeUpdate(planStageDatesUpdate, {
      args: [{ data: { stage: 'preparatory', plannedEnd }, metadata: await meta(curator, 'curator') }],
    });
    const stream = programmeStream(programmeId);
    const raised = (await temporal.store.readStream(stream)).find((e) => e.type === 'TaskRaised');
    // Due at the end of the planned day in Vladivostok (UTC+10): 14:00 UTC that day.
    expect(raised?.data).toMatchObject({
      kind: 'stagePlanReminder',
      assignee: { personId: curator, role: 'curator' },
      dueAt: `${plannedEnd}T14:00:00.000Z`,
      dueLocalDate: plannedEnd,
      // At the end of the second working day before the planned end, on the calendar the worker uses.
      remindAt: [endOfLocalDay(remindOn(plannedEnd), timeZone)],
    });
    const [remindAt] = (raised?.data as { remindAt: string[] }).remindAt;

    // A day before the planned day ends: the reminder (at least two days before) is due, the plan is not.
    await temporal.env.sleep(
      Date.parse(`${plannedEnd}T14:00:00.000Z`) - DAY - Number(await temporal.env.currentTimeMs()),
    );
    const beforeDue = await temporal.store.readStream(stream);
    expect(beforeDue.map((e) => e.type)).not.toContain('StagePlanOverdue');
    expect(beforeDue.find((e) => e.type === 'TaskReminded')?.data).toMatchObject({ remindedAt: remindAt });

    await temporal.env.sleep('3 days');
    const after = await temporal.store.readStream(stream);
    expect(after.find((e) => e.type === 'StagePlanOverdue')?.data).toMatchObject({ stage: 'preparatory', plannedEnd });
    expect(after.map((e) => e.type).slice(-2)).toEqual(['StagePlanOverdue', 'TaskOverdue']);
    for (const timed of after.filter((e) => ['TaskReminded', 'StagePlanOverdue', 'TaskOverdue'].includes(e.type))) {
      expect(timed.metadata).toMatchObject({ actorId: 'system', role: 'system' });
    }
    await captureHistory('programme-stage-plan-overdue', handle);
  });
});
