import { Context } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import { programmeStream } from '@mentorflow/domain';
import { createEventStoreActivities } from '../../apps/worker/src/activities/event-store.activities';
import { createProgrammeActivities } from '../../apps/worker/src/activities/programme.activities';
import { appointCuratorUpdate, recordDocumentUpdate } from '../../workflows/programme/programme.messages';
import type { AppendEventsInput } from '../../workflows/activities';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { startProgrammeWorkflow } from '../support/programme-start';

/**
 * A worker that dies after PostgreSQL committed an append but before Temporal heard the activity
 * finish: Temporal retries the activity with the same input, so the same event ids, and the store
 * must recognise them and add nothing. The first attempt of every append here commits and then fails,
 * exactly what the server sees from such a crash.
 */
describe('an append retried after its commit', () => {
  const taskQueue = `append-retry-${randomUUID()}`;
  const attempts: { streamId: string; attempt: number; eventIds: string[]; duplicate?: boolean }[] = [];
  const temporal = useTimeSkippingWorker({
    taskQueue,
    activities: ({ store, db }) => {
      const real = createEventStoreActivities({ store });
      return {
        ...createProgrammeActivities({ db }),
        async appendEvents(input: AppendEventsInput) {
          const { attempt } = Context.current().info;
          const result = await real.appendEvents(input);
          attempts.push({
            streamId: input.streamId,
            attempt,
            eventIds: input.events.map((e) => e.eventId),
            duplicate: result.duplicate,
          });
          if (attempt === 1) throw new Error('worker lost after the commit, before reporting the result');
          return result;
        },
      };
    },
  });
  const { meta } = temporal;

  it('stores each command once although every append committed twice over', async () => {
    const director = randomUUID();
    const curatorId = randomUUID();
    const { programmeId, handle } = await startProgrammeWorkflow(temporal, taskQueue, { director });
    const appointed = await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId }, metadata: await meta(director, 'director') }],
    });
    expect(appointed.state).toMatchObject({ curatorId });
    await handle.executeUpdate(recordDocumentUpdate, {
      args: [
        {
          data: {
            documentId: randomUUID(),
            kind: 'implementationAct',
            number: '1-од',
            date: '2026-09-01',
            signedBy: 'Директор',
          },
          metadata: await meta(curatorId, 'curator'),
        },
      ],
    });

    const stream = programmeStream(programmeId);
    const events = await temporal.store.readStream(stream);
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'ProgrammeStarted'],
      [2, 'CuratorAppointed'],
      [3, 'DocumentRecorded'],
    ]);
    // Every append ran twice with the same ids; the second found them stored and added nothing.
    const mine = attempts.filter((a) => a.streamId === stream);
    expect(mine.map((a) => [a.attempt, a.duplicate])).toEqual([
      [1, false],
      [2, true],
      [1, false],
      [2, true],
      [1, false],
      [2, true],
    ]);
    for (let i = 0; i < mine.length; i += 2) expect(mine[i + 1]?.eventIds).toEqual(mine[i]?.eventIds);
    expect(events.map((e) => e.eventId)).toEqual(mine.filter((a) => a.attempt === 1).flatMap((a) => a.eventIds));
    expect(await temporal.store.verifyStream(stream)).toMatchObject({ valid: true, events: 3 });
  });

  it('answers the same append called twice directly with the original positions', async () => {
    const activities = createEventStoreActivities({ store: temporal.store });
    const stream = `retry-${randomUUID()}`;
    const input: AppendEventsInput = {
      streamId: stream,
      expectedVersion: 0,
      events: [1, 2].map((n) => ({
        eventId: randomUUID(),
        type: 'Something',
        data: { n },
        metadata: { actorId: 'tester' },
      })),
    };
    const first = await activities.appendEvents(input);
    const second = await activities.appendEvents(input);
    expect(second).toEqual({ ...first, duplicate: true });
    expect((await temporal.store.readStream(stream)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
