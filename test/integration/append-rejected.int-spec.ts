import { freshIds } from '../support/ids';
import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { mentorLoadDecider, mentorLoadStream, pairStream, programmeStream } from '@mentorflow/domain';
import { loadAggregate } from '@mentorflow/event-store';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { createWorkerPino, temporalLogger, WorkerNestLogger } from '../../apps/worker/src/logger';
import {
  pairViewQuery,
  recordDiaryEntryUpdate,
  replaceMentorSignal,
  terminatePairUpdate,
} from '../../workflows/pair/pair.messages';
import { appointCuratorUpdate, recordDocumentUpdate } from '../../workflows/programme/programme.messages';
import { waitUntil } from '../support/poll';
import { registerTestSchool } from '../support/organisation';
import { startActivePair } from '../support/pair-start';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { startProgrammeWorkflow } from '../support/programme-start';

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A fake person: neither may ever reach a log line, whatever fails. */
const FAKE_NAME = 'Иванова Марфа Тестовна';
const FAKE_SNILS = '123-456-789 64';
/** jsonb cannot hold U+0000: PostgreSQL rejects the event (SQLSTATE 22P05), and will on every retry. */
const poisoned = `${FAKE_NAME}, СНИЛС ${FAKE_SNILS}: разобрали урок\u0000`;

/** Everything the worker writes while the file runs: its pino lines (SDK and Nest) and any console output. */
const captured: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    captured.push(chunk.toString());
    done();
  },
});

/**
 * An update whose event PostgreSQL can never store must be refused at once (EventRejected), store
 * nothing, leave the workflow's state as it was, and leave the workflow answering the next command;
 * the worker's logs of that failure carry ids and codes, never the event's data or a task token.
 */
describe('an append the store rejects for good', () => {
  // The worker's own logging, as apps/worker/src/main.ts installs it; before any runtime exists.
  beforeAll(() => {
    const pino = createWorkerPino(sink);
    Runtime.install({ logger: temporalLogger(pino) });
    Logger.overrideLogger(new WorkerNestLogger(pino));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
    }
  });
  afterAll(() => jest.restoreAllMocks());

  const taskQueue = `append-rejected-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const { meta, nowMs: now } = temporal;
  const [organisationId, director, curator] = freshIds(3);

  beforeAll(() => registerTestSchool(temporal.store, organisationId, 'МБОУ СОШ № 2'));

  /** Before the fix the update never answered (the append retried forever): fail fast instead of at Jest's timeout. */
  const answered = <T>(promise: Promise<T>, ms = 30_000): Promise<T> =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${ms} ms: the workflow is wedged`)), ms).unref(),
      ),
    ]);

  const refusal = async (promise: Promise<unknown>): Promise<ApplicationFailure> => {
    const error = await answered(promise).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const failure = (error as WorkflowUpdateFailedError).cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    return failure as ApplicationFailure;
  };

  async function activePair(mentorId = randomUUID()) {
    const today = await now();
    const pairId = randomUUID();
    const menteeId = randomUUID();
    const order = { number: '1-к', date: isoDate(today), signedBy: 'Директор' };
    const { handle } = await startActivePair(
      temporal,
      taskQueue,
      { pairId, organisationId, mentorId, menteeId, order, today },
      { director, curator },
    );
    // The approval opens the first report period on the workflow's own timer: let it land before the tests
    // compare the stream around a rejected append.
    await waitUntil(async () =>
      (await temporal.store.readStream(pairStream(pairId))).some((e) => e.type === 'PeriodicReportPeriodOpened'),
    );
    return { pairId, mentorId, menteeId, handle };
  }

  const mentorLoad = async (mentorId: string) =>
    (await loadAggregate(temporal.store, mentorLoadStream(mentorId), mentorLoadDecider)).state.load;

  it('refuses a diary entry holding U+0000 as EventRejected, stores nothing, and takes the next entry and a termination', async () => {
    const { pairId, mentorId, handle } = await activePair();
    const stream = pairStream(pairId);
    const before = await temporal.store.readStream(stream);
    const viewBefore = await handle.query(pairViewQuery);
    const today = isoDate(await now());

    const failure = await refusal(
      handle.executeUpdate(recordDiaryEntryUpdate, {
        args: [
          { data: { entryId: randomUUID(), date: today, text: poisoned }, metadata: await meta(mentorId, 'mentor') },
        ],
      }),
    );
    expect(failure.type).toBe('EventRejected');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/^Событие не может быть сохранено: /);
    expect(failure.message).not.toContain(FAKE_NAME);
    expect(failure.message).not.toContain(FAKE_SNILS);
    expect(failure.details?.[0]).toMatchObject({
      code: 'event.rejected',
      sqlState: '22P05',
      streamId: stream,
      eventTypes: ['MentorDiaryEntryRecorded'],
    });
    expect(await temporal.store.readStream(stream)).toEqual(before);
    expect(await handle.query(pairViewQuery)).toEqual(viewBefore);

    const entryId = randomUUID();
    const next = await answered(
      handle.executeUpdate(recordDiaryEntryUpdate, {
        args: [{ data: { entryId, date: today, text: 'Разобрали урок.' }, metadata: await meta(mentorId, 'mentor') }],
      }),
    );
    expect(next.version).toBe(before.length + 1);
    // The director can still end the pair: the case that froze a pair in review.
    const terminated = await answered(
      handle.executeUpdate(terminatePairUpdate, {
        args: [
          {
            data: { reason: 'Увольнение наставника', order: { number: '9-к', date: today, signedBy: 'Директор' } },
            metadata: await meta(director, 'director'),
          },
        ],
      }),
    );
    expect(terminated.state.status).toBe('terminated');
    const events = await temporal.store.readStream(stream);
    expect(events.slice(before.length, before.length + 2).map((e) => e.type)).toEqual([
      'MentorDiaryEntryRecorded',
      'PairTerminated',
    ]);
    expect((events[before.length]?.data as { entryId?: string }).entryId).toBe(entryId);
    expect(await temporal.store.verifyStream(stream)).toMatchObject({ valid: true });
  });

  it('records a mentor replacement the store rejects as rejected, frees the new mentor again and stays responsive', async () => {
    const { pairId, mentorId, menteeId, handle } = await activePair();
    const newMentor = randomUUID();
    const today = isoDate(await now());
    const replacementId = randomUUID();

    await handle.signal(replaceMentorSignal, {
      data: {
        replacementId,
        reason: 'transfer',
        order: { number: `7-к\u0000`, date: today, signedBy: 'Директор' },
        newMentorId: newMentor,
        newMentorConsent: { personId: newMentor, date: today },
        menteeConsents: [{ personId: menteeId, date: today }],
      },
      metadata: await meta(director, 'director'),
    });
    const stream = pairStream(pairId);
    await waitUntil(async () =>
      (await temporal.store.readStream(stream)).some((e) => e.type === 'MentorReplacementRejected'),
    );
    const rejected = (await temporal.store.readStream(stream)).find((e) => e.type === 'MentorReplacementRejected');
    expect(rejected?.data).toMatchObject({ replacementId, reasonCode: 'event.rejected' });
    expect((await handle.query(pairViewQuery)).state).toMatchObject({ mentorId });
    expect(await mentorLoad(mentorId)).toBe(1);
    await waitUntil(async () => (await mentorLoad(newMentor)) === 0);

    const next = await answered(
      handle.executeUpdate(recordDiaryEntryUpdate, {
        args: [
          {
            data: { entryId: randomUUID(), date: today, text: 'Разобрали урок.' },
            metadata: await meta(mentorId, 'mentor'),
          },
        ],
      }),
    );
    expect(next.state).toMatchObject({ status: 'active', mentorId });
  });

  it('refuses a programme document holding U+0000 and records the next one', async () => {
    const curatorId = randomUUID();
    const { programmeId, handle } = await startProgrammeWorkflow(temporal, taskQueue, { director, organisationId });
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId }, metadata: await meta(director, 'director') }],
    });
    const document = (signedBy: string) => ({
      documentId: randomUUID(),
      kind: 'implementationAct' as const,
      number: '1-од',
      date: '2026-09-01',
      signedBy,
    });

    const failure = await refusal(
      handle.executeUpdate(recordDocumentUpdate, {
        args: [{ data: document(`${FAKE_NAME}\u0000`), metadata: await meta(curatorId, 'curator') }],
      }),
    );
    expect(failure.type).toBe('EventRejected');
    expect((await temporal.store.readStream(programmeStream(programmeId))).map((e) => e.type)).toEqual([
      'ProgrammeStarted',
      'CuratorAppointed',
    ]);

    const next = await answered(
      handle.executeUpdate(recordDocumentUpdate, {
        args: [{ data: document('Директор'), metadata: await meta(curatorId, 'curator') }],
      }),
    );
    expect(next.version).toBe(3);
  });

  it('logs the failed appends with ids and codes only: no event data, no task token', async () => {
    const { mentorId, handle } = await activePair();
    await refusal(
      handle.executeUpdate(recordDiaryEntryUpdate, {
        args: [
          {
            data: { entryId: randomUUID(), date: isoDate(await now()), text: poisoned },
            metadata: await meta(mentorId, 'mentor'),
          },
        ],
      }),
    );
    const log = captured.join('\n');
    // The failures were logged at all (so the absence below means something), with their code.
    expect(log).toContain('Activity failed');
    expect(log).toContain('22P05');
    expect(log).not.toContain(FAKE_NAME);
    expect(log).not.toContain(FAKE_SNILS);
    expect(log).not.toContain('разобрали урок');
    expect(log).not.toMatch(/task_?token/i);
  });
});
