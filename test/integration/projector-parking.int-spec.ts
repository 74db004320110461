import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { programmeStream } from '@mentorflow/domain';
import type { EventStore, RecordedEvent } from '@mentorflow/event-store';
import {
  programmesProjection,
  openParkedCounts,
  openParkedEvents,
  ProjectionEventFailedError,
  Projector,
  type Projection,
} from '@mentorflow/projections';
import { openTestEventStore } from '../support/database';
import { runTsScript } from '../support/scripts';
import { parkStoredEvent, poisonProjection } from '../support/poison-projection';

/** Issue 23: an event a read model keeps failing on is parked after N failures, and the read model moves on. */
describe('projector: poison events are parked, not stalling the read model', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeAll(async () => ({ dataSource, store } = await openTestEventStore()));
  afterAll(async () => {
    // Later specs on this database expect a healthy system: this spec's parked events are resolved.
    await dataSource.query(
      "UPDATE projection_parked_events SET resolved_at = now() WHERE projection LIKE 'poison-%' AND resolved_at IS NULL",
    );
    await dataSource.destroy();
  });

  const failures = async (projection: Projection) =>
    dataSource.query<{ failures: number; parked: boolean }[]>(
      'SELECT failures, parked_at IS NOT NULL AS parked FROM projection_parked_events WHERE projection = $1',
      [projection.name],
    );

  it('stops before a failing event and counts its failures; parks it at the third and applies what follows', async () => {
    const { projection, applied, append } = await poisonProjection(dataSource, store);
    const [fine, poison, after] = await append('TestFine', 'TestPoison', 'TestFine');
    const projector = new Projector(dataSource, 500, 3);

    await expect(projector.catchUp(projection)).rejects.toMatchObject({ failures: 1, event: { position: poison } });
    // The event before it committed; the checkpoint waits just before the poison.
    expect(await applied()).toEqual([fine]);
    expect(await failures(projection)).toEqual([{ failures: 1, parked: false }]);
    await expect(projector.catchUp(projection)).rejects.toBeInstanceOf(ProjectionEventFailedError);
    expect(await failures(projection)).toEqual([{ failures: 2, parked: false }]);

    await projector.catchUp(projection);

    expect(await applied()).toEqual([fine, after]);
    expect(await failures(projection)).toEqual([{ failures: 3, parked: true }]);
    expect((await openParkedCounts(dataSource))[projection.name]).toBe(1);
    const [row] = await openParkedEvents(dataSource, { limit: 10, offset: 0 }, projection.name);
    expect(row).toMatchObject({
      position: poison,
      eventType: 'TestPoison',
      failures: 3,
      error: expect.stringMatching(/^TypeError: Cannot read properties of undefined/),
      resolvedAt: null,
    });
    expect((await projector.checkpoint(projection.name)).position).toBeGreaterThanOrEqual(after as number);
  });

  it('retries a transient failure and forgets its count once the event applies', async () => {
    const { projection, control, applied, append } = await poisonProjection(dataSource, store);
    // Two throws: the batch's, then the event's own attempt once the projector looks for the failing one.
    control.failuresLeft = 2;
    const [poison, after] = await append('TestPoison', 'TestFine');
    const projector = new Projector(dataSource, 500, 3);

    await expect(projector.catchUp(projection)).rejects.toMatchObject({ failures: 1 });
    await projector.catchUp(projection);

    expect(await applied()).toEqual([poison, after]);
    expect(await failures(projection)).toEqual([]);
  });

  it('applies a parked event again after the fix, and a failed retry keeps it parked with the new count', async () => {
    const { projection, control, applied, append } = await poisonProjection(dataSource, store);
    const [poison, after] = await append('TestPoison', 'TestFine');
    const projector = new Projector(dataSource, 500, 1);
    await projector.catchUp(projection);
    const [parked] = await openParkedEvents(dataSource, { limit: 10, offset: 0 }, projection.name);

    const still = await projector.retryParked(projection, parked!.id, { by: 'admin' });
    expect(still).toMatchObject({ kind: 'failed', parked: { failures: 2, resolvedAt: null } });

    control.broken = false;
    const fixed = await projector.retryParked(projection, parked!.id, { by: 'admin', reason: 'Проекция исправлена' });

    expect(fixed).toMatchObject({ kind: 'resolved', parked: { resolvedAt: expect.any(Date) } });
    expect(await applied()).toEqual([poison, after]);
    expect((await openParkedCounts(dataSource))[projection.name]).toBeUndefined();
    expect(await projector.retryParked(projection, parked!.id, { by: 'admin' })).toMatchObject({
      kind: 'alreadyResolved',
    });
  });

  it('npm run projections:retry applies the parked events of the read model it names; a folded one re-folds the stream', async () => {
    const retry = (...args: string[]) => runTsScript('projections-retry.ts', ...args);
    const programmeId = randomUUID();
    await store.append(programmeStream(programmeId), 0, [
      {
        eventId: randomUUID(),
        type: 'ProgrammeStarted',
        data: {
          programmeId,
          organisationId: randomUUID(),
          title: 'Пропущенная',
          stage: 'preparatory',
          startedAt: '2026-09-01T06:00:00.000Z',
          startedBy: 'd',
        },
        metadata: { actorId: 'tester', role: 'director' },
      },
    ]);
    await new Projector(dataSource).catchUp(programmesProjection);
    // As if the programmes read model had parked it: its row is missing.
    await dataSource.query('DELETE FROM programmes_view WHERE programme_id = $1', [programmeId]);
    const [started] = await store.readStream(programmeStream(programmeId));
    const id = await parkStoredEvent(dataSource, 'programmes', started as RecordedEvent);

    const { stderr } = await retry('programmes');

    expect(stderr).toContain(`[projections:retry] programmes ProgrammeStarted at ${started?.position}: resolved`);
    const [row] = await dataSource.query('SELECT stage FROM programmes_view WHERE programme_id = $1', [programmeId]);
    expect(row).toEqual({ stage: 'preparatory' });
    const [parked] = await dataSource.query(
      'SELECT resolved_at, retried_by FROM projection_parked_events WHERE id = $1',
      [id],
    );
    expect(parked).toMatchObject({ resolved_at: expect.any(Date), retried_by: 'projections:retry' });
    await expect(retry('programme')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown projection "programme"'),
    });
  });
});
