import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import {
  mentorLoadDecider,
  mentorLoadStream,
  pairStream,
  type MentorReplacementReason,
  type PairState,
} from '@mentorflow/domain';
import { loadAggregate } from '@mentorflow/event-store';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import {
  approvePersonalProgrammeUpdate,
  completeFinalControlUpdate,
  pairFormedUpdate,
  attachPairDocumentScanUpdate,
  pairViewQuery,
  recordDiaryEntryUpdate,
  passInterimControlUpdate,
  replaceMentorSignal,
  submitMentorFinalReportUpdate,
  type PairView,
} from '../../workflows/pair/pair.messages';
import { pairWorkflow } from '../../workflows/pair/pair.workflow';
import { waitUntil } from '../support/poll';
import { captureHistory } from '../support/replay';
import { registerTestSchool } from '../support/organisation';
import { pairStartOptions, personalProgrammeFrom } from '../support/pair-start';
import { useTimeSkippingWorker } from '../support/time-skipping';

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('pair workflow on the time-skipping test server', () => {
  const taskQueue = `pair-test-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const [organisationId, director, curator] = freshIds(3);

  beforeAll(() => registerTestSchool(temporal.store, organisationId, 'МБОУ СОШ № 1'));

  const { meta, nowMs: now } = temporal;
  const mentorLoad = async (mentorId: string) =>
    (await loadAggregate(temporal.store, mentorLoadStream(mentorId), mentorLoadDecider)).state.load;

  async function formPair(mentorId: string, menteeId = randomUUID(), continueAsNewAfterEvents?: number) {
    const today = await now();
    const pairId = randomUUID();
    const order = { number: `${pairId.slice(0, 4)}-к`, date: isoDate(today), signedBy: 'Директор' };
    const metadata = await meta(director, 'director');
    const handle = await temporal.env.client.workflow.start(
      pairWorkflow,
      pairStartOptions(
        taskQueue,
        { pairId, organisationId, mentorId, menteeId, order, today },
        { metadata, ...(continueAsNewAfterEvents === undefined ? {} : { continueAsNewAfterEvents }) },
      ),
    );
    const formed = await handle.executeUpdate(pairFormedUpdate).catch((error: unknown) => error);
    return { pairId, handle, formed, menteeId };
  }

  async function activate(handle: Awaited<ReturnType<typeof formPair>>['handle']): Promise<PairView> {
    const today = await now();
    return handle.executeUpdate(approvePersonalProgrammeUpdate, {
      args: [{ data: personalProgrammeFrom(today, curator), metadata: await meta(curator, 'curator') }],
    });
  }

  const tasksOf = (state: PairState) => (state.status === 'notFormed' ? [] : Object.values(state.tasks));

  it('forms, activates, raises timed controls, marks an unmet control overdue, and completes', async () => {
    const mentor = randomUUID();
    const { pairId, handle } = await formPair(mentor);
    expect(await mentorLoad(mentor)).toBe(1);
    const active = await activate(handle);
    expect(active.state.status).toBe('active');
    const interim = tasksOf(active.state).find((t) => t.kind === 'interimControl');
    expect(interim).toMatchObject({ status: 'open', assignee: { personId: curator, role: 'curator' } });

    await temporal.env.sleep('100 days');
    const afterInterimDue = await handle.query(pairViewQuery);
    expect(tasksOf(afterInterimDue.state).find((t) => t.taskId === interim?.taskId)?.status).toBe('overdue');

    await handle.executeUpdate(passInterimControlUpdate, {
      args: [
        {
          data: { taskId: interim?.taskId ?? '', outcome: 'passed', comment: 'Выполнено с опозданием' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    const report = tasksOf(afterInterimDue.state).find((t) => t.assignee.role === 'mentor');
    await handle.executeUpdate(submitMentorFinalReportUpdate, {
      args: [
        { data: { taskId: report?.taskId ?? '', conclusion: 'Адаптирован' }, metadata: await meta(mentor, 'mentor') },
      ],
    });
    const final = tasksOf(afterInterimDue.state).find(
      (t) => t.kind === 'finalControl' && t.assignee.role === 'curator',
    );
    const done = await handle.executeUpdate(completeFinalControlUpdate, {
      args: [
        {
          data: { taskId: final?.taskId ?? '', outcome: 'passed', mentorConclusion: 'Наставляемый адаптирован' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });

    expect(done.state.status).toBe('completed');
    expect(await mentorLoad(mentor)).toBe(0);
    const events = await temporal.store.readStream(pairStream(pairId));
    // The timer acted, not a person: its event records the system actor, which the history labels «Система».
    expect(events.find((e) => e.type === 'TaskOverdue')?.metadata).toMatchObject({ actorId: 'system', role: 'system' });
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'PairFormed',
        'PersonalProgrammeApproved',
        'TaskOverdue',
        'InterimControlPassed',
        'FinalControlCompleted',
        'PairCompleted',
      ]),
    );
    expect(await temporal.store.verifyStream(pairStream(pairId))).toMatchObject({ valid: true });
    await captureHistory('pair-full-life', handle);
  });

  it("completes the pair as the system when the commission head's final control closes it", async () => {
    const [mentor, head] = freshIds(2);
    const { pairId, handle } = await formPair(mentor);
    const today = await now();
    const approved = await handle.executeUpdate(approvePersonalProgrammeUpdate, {
      args: [
        {
          data: { ...personalProgrammeFrom(today, curator), controller: { personId: head, role: 'commissionHead' } },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    const task = (kind: string) =>
      tasksOf(approved.state).find((t) => t.kind === kind && t.assignee.personId === head)?.taskId ?? '';
    const asHead = async () => meta(head, 'commissionHead');
    await handle.executeUpdate(passInterimControlUpdate, {
      args: [
        {
          data: { taskId: task('interimControl'), outcome: 'passed', comment: 'План выполняется' },
          metadata: await asHead(),
        },
      ],
    });
    const report = tasksOf(approved.state).find((t) => t.assignee.role === 'mentor')?.taskId ?? '';
    await handle.executeUpdate(submitMentorFinalReportUpdate, {
      args: [{ data: { taskId: report, conclusion: 'Адаптирован' }, metadata: await meta(mentor, 'mentor') }],
    });
    // The head may record the final control but not complete a pair herself: the completion is the system's.
    const done = await handle.executeUpdate(completeFinalControlUpdate, {
      args: [
        {
          data: { taskId: task('finalControl'), outcome: 'passed', mentorConclusion: 'Наставляемый адаптирован' },
          metadata: await asHead(),
        },
      ],
    });
    expect(done.state.status).toBe('completed');
    expect(await mentorLoad(mentor)).toBe(0);
    const events = await temporal.store.readStream(pairStream(pairId));
    expect(events.find((e) => e.type === 'FinalControlCompleted')?.metadata).toMatchObject({
      actorId: head,
      role: 'commissionHead',
    });
    expect(events.find((e) => e.type === 'PairCompleted')?.metadata).toMatchObject({
      actorId: 'system',
      role: 'system',
    });
    await captureHistory('pair-completed-by-system', handle);
  });

  it('records the signed scans of the assignment order and a consent as events (issue 22)', async () => {
    const { pairId, handle, menteeId } = await formPair(randomUUID());
    const scan = (sha: string) => ({
      storageKey: `${organisationId}/${randomUUID()}.pdf`,
      sha256: sha.repeat(64),
      size: 2048,
      mediaType: 'application/pdf' as const,
      fileName: 'consent.pdf',
    });
    for (const [document, sha] of [
      [{ kind: 'assignmentOrder' as const }, 'a'],
      [{ kind: 'consent' as const, personId: menteeId }, 'b'],
    ] as const) {
      await handle.executeUpdate(attachPairDocumentScanUpdate, {
        args: [{ data: { document, scan: scan(sha) }, metadata: await meta(curator, 'curator') }],
      });
    }
    const events = await temporal.store.readStream(pairStream(pairId));
    expect(events.filter((e) => e.type === 'PairDocumentScanAttached').map((e) => e.data.kind)).toEqual([
      'assignmentOrder',
      'consent',
    ]);
    await captureHistory('pair-document-scans', handle);
  });

  it.each<MentorReplacementReason>(['dismissal', 'transfer', 'disciplinaryLiability', 'psychologicalIncompatibility'])(
    'replaces the mentor for %s: history continuous, capacity and open mentor tasks moved',
    async (reason) => {
      const [oldMentor, newMentor] = [randomUUID(), randomUUID()];
      const { pairId, handle, menteeId } = await formPair(oldMentor);
      await activate(handle);
      const today = isoDate(await now());

      await handle.signal(replaceMentorSignal, {
        data: {
          replacementId: randomUUID(),
          reason,
          order: { number: '7-к', date: today, signedBy: 'Директор' },
          newMentorId: newMentor,
          newMentorConsent: { personId: newMentor, date: today },
          menteeConsents: [{ personId: menteeId, date: today }],
        },
        metadata: await meta(director, 'director'),
      });
      const view = await waitFor(handle, (v) => v.state.status !== 'notFormed' && v.state.mentorId === newMentor);

      expect(view.state.status !== 'notFormed' && view.state.mentorHistory.map((t) => t.mentorId)).toEqual([
        oldMentor,
        newMentor,
      ]);
      expect(
        tasksOf(view.state).find((t) => t.kind === 'finalControl' && t.assignee.role === 'mentor')?.assignee.personId,
      ).toBe(newMentor);
      await waitUntil(async () => (await mentorLoad(oldMentor)) === 0);
      expect(await mentorLoad(newMentor)).toBe(1);
      const events = await temporal.store.readStream(pairStream(pairId));
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
      expect(events.find((e) => e.type === 'MentorReplaced')?.data).toMatchObject({
        reason,
        previousMentorId: oldMentor,
        newMentorId: newMentor,
      });
      if (reason === 'dismissal') await captureHistory('pair-mentor-replaced', handle);
    },
  );

  it('answers every one of many concurrent diary entries once, across a handover to a new run', async () => {
    const mentorId = randomUUID();
    // A small cap, so that the burst spans a continue-as-new handover (the API's is 150 events).
    const { pairId, handle } = await formPair(mentorId, randomUUID(), 25);
    const firstRunId = (await handle.describe()).runId;
    const today = isoDate(await now());
    const entryIds = Array.from({ length: 12 }, () => randomUUID());
    const answers = await Promise.allSettled(
      entryIds.map(async (entryId, i) =>
        handle.executeUpdate(recordDiaryEntryUpdate, {
          args: [
            {
              data: { entryId, date: today, text: `Запись ${i + 1}: разобрали урок.` },
              metadata: await meta(mentorId, 'mentor'),
            },
          ],
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);

    const events = await temporal.store.readStream(pairStream(pairId));
    const recorded = events
      .filter((e) => e.type === 'MentorDiaryEntryRecorded')
      .map((e) => (e.data as { entryId: string }).entryId);
    expect([...recorded].sort()).toEqual([...entryIds].sort());
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    const view = await handle.query(pairViewQuery);
    expect(view.version).toBe(events.length);
  });

  it('records a replacement that turned invalid (the new mentor has no free slot) as rejected, changing nothing', async () => {
    const [mentor, busy] = [randomUUID(), randomUUID()];
    const { pairId, handle, menteeId } = await formPair(mentor);
    await formPair(busy);
    await formPair(busy);
    const today = isoDate(await now());

    await handle.signal(replaceMentorSignal, {
      data: {
        replacementId: randomUUID(),
        reason: 'transfer',
        order: { number: '8-к', date: today, signedBy: 'Директор' },
        newMentorId: busy,
        newMentorConsent: { personId: busy, date: today },
        menteeConsents: [{ personId: menteeId, date: today }],
      },
      metadata: await meta(director, 'director'),
    });

    await waitUntil(async () =>
      (await temporal.store.readStream(pairStream(pairId))).some((e) => e.type === 'MentorReplacementRejected'),
    );
    const rejected = (await temporal.store.readStream(pairStream(pairId))).find(
      (e) => e.type === 'MentorReplacementRejected',
    );
    expect(rejected?.data).toMatchObject({ reasonCode: 'mentor.capacity.exceeded' });
    expect((await handle.query(pairViewQuery)).state).toMatchObject({ mentorId: mentor });
    expect(await mentorLoad(busy)).toBe(2);
    await captureHistory('pair-replacement-rejected', handle);
  });

  it('holds the two-mentee limit under 20 concurrent assignments of one mentor', async () => {
    const mentor = randomUUID();
    const attempts = await Promise.all(Array.from({ length: 20 }, () => formPair(mentor)));

    const formed = attempts.filter((a) => !(a.formed instanceof Error));
    const refused = attempts.filter((a) => a.formed instanceof Error);
    expect(formed).toHaveLength(2);
    expect(refused).toHaveLength(18);
    expect(await mentorLoad(mentor)).toBe(2);
    for (const attempt of refused) expect(await temporal.store.readStream(pairStream(attempt.pairId))).toEqual([]);
  });

  async function waitFor(
    handle: Awaited<ReturnType<typeof formPair>>['handle'],
    check: (view: PairView) => boolean,
  ): Promise<PairView> {
    let view = await handle.query(pairViewQuery);
    await waitUntil(async () => check((view = await handle.query(pairViewQuery))));
    return view;
  }
});
