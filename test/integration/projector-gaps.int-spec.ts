import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { pairDecider, pairStream, programmeStream } from '@mentorflow/domain';
import { cursorOf, EventStore, type RecordedEvent } from '@mentorflow/event-store';
import {
  Projector,
  ProjectorService,
  allProjections,
  programmesProjection,
  type Projection,
} from '@mentorflow/projections';
import { openTestDataSource, readEverything, readModelChecksums } from '../support/database';
import { diaryEntryRecorded } from '../support/pair-events';
import { pairFormation } from '../support/programme-setup';
import { waitUntil } from '../support/poll';

const actor = { actorId: 'tester', role: 'curator' };

/**
 * The projector against the gaps a real store has: a transaction that took a lower position but
 * commits later, one that rolls back, a projector killed between its handler and its checkpoint, and
 * events fed twice. After each, the read models must equal a full rebuild.
 */
describe('projector and position gaps', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let held: Client;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
    held = new Client({ connectionString: process.env.DATABASE_URL });
    await held.connect();
  });
  afterAll(async () => {
    await held.end();
    await dataSource.destroy();
  });

  const started = (programmeId: string, title: string) => ({
    eventId: randomUUID(),
    type: 'ProgrammeStarted',
    data: {
      programmeId,
      organisationId: randomUUID(),
      title,
      stage: 'preparatory',
      startedAt: '2026-09-01T06:00:00.000Z',
      startedBy: 'd',
    },
    metadata: actor,
  });
  const curatorAppointed = (programmeId: string) => ({
    eventId: randomUUID(),
    type: 'CuratorAppointed',
    data: { programmeId, curatorId: randomUUID(), appointedAt: '2026-09-02T06:00:00.000Z', appointedBy: 'd' },
    metadata: actor,
  });
  const projected = async (programmeId: string) =>
    (
      await dataSource.query<{ version: number }[]>('SELECT version FROM programmes_view WHERE programme_id = $1', [
        programmeId,
      ])
    )[0]?.version;

  it('does not pass a lower position still open, and projects it once it commits', async () => {
    const early = randomUUID();
    const late = randomUUID();
    await held.query('BEGIN');
    // The held transaction takes its position first…
    await new EventStore({ query: async (sql, p) => (await held.query(sql, p)).rows }).append(
      programmeStream(early),
      0,
      [started(early, 'Ранняя')],
    );
    // …and a later one commits before it.
    await store.append(programmeStream(late), 0, [started(late, 'Поздняя')]);
    const [early_, late_] = await Promise.all(
      [early, late].map(
        async (id) =>
          (await held.query('SELECT position FROM events WHERE stream_id = $1', [programmeStream(id)])).rows[0]
            ?.position,
      ),
    );
    expect(Number(early_)).toBeLessThan(Number(late_));

    // The committed later event is held back too: passing it would move the checkpoint over the open one.
    await new Projector(dataSource).catchUp(programmesProjection);
    expect(await projected(late)).toBeUndefined();
    expect(await projected(early)).toBeUndefined();

    await held.query('COMMIT');
    await new Projector(dataSource).catchUp(programmesProjection);
    expect(await projected(early)).toBe(1);
    expect(await projected(late)).toBe(1);
  });

  it('is not stalled by a rolled-back gap', async () => {
    const rolledBack = randomUUID();
    const after = randomUUID();
    await held.query('BEGIN');
    await new EventStore({ query: async (sql, p) => (await held.query(sql, p)).rows }).append(
      programmeStream(rolledBack),
      0,
      [started(rolledBack, 'Откат')],
    );
    await store.append(programmeStream(after), 0, [started(after, 'После отката')]);
    await held.query('ROLLBACK');

    await new Projector(dataSource).catchUp(programmesProjection);
    expect(await projected(after)).toBe(1);
    expect(await projected(rolledBack)).toBeUndefined();
  });

  /** Every read model's rows, reduced to one checksum per table (the notification outbox is one too). */
  const checksums = () => readModelChecksums(dataSource, ['notification_outbox']);

  async function catchUpAll(projections: Projection[] = allProjections) {
    for (const projection of projections) await new Projector(dataSource).catchUp(projection);
  }

  async function rebuildAll() {
    for (const projection of allProjections) await new Projector(dataSource).rebuild(projection);
  }

  const everything = () => readEverything(store);

  it('killed between the handler and the checkpoint, then fed everything twice, equals a full rebuild', async () => {
    await catchUpAll();
    const ids = Array.from({ length: 6 }, () => randomUUID());
    for (const id of ids)
      await store.append(programmeStream(id), 0, [started(id, `Программа ${id.slice(0, 4)}`), curatorAppointed(id)]);

    // The handler has written the read model; the connection dies before the checkpoint is saved.
    let killed = 0;
    const dying: Projection = {
      name: programmesProjection.name,
      eventTypes: programmesProjection.eventTypes,
      reset: (tx) => programmesProjection.reset(tx),
      async apply(events, tx) {
        await programmesProjection.apply(events, tx);
        killed++;
        await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      },
    };
    const checkpointBefore = await new Projector(dataSource).checkpoint('programmes');
    await expect(new Projector(dataSource).catchUp(dying)).rejects.toThrow();
    // Twice: the batch, then its first event alone as the projector looks for the failing one (issue 23).
    expect(killed).toBe(2);
    expect(await new Projector(dataSource).checkpoint('programmes')).toEqual(checkpointBefore);
    for (const id of ids) expect(await projected(id)).toBeUndefined();

    // A restarted projector replays the batch on a read model that never saw it.
    await catchUpAll();
    for (const id of ids) expect(await projected(id)).toBe(2);
    const live = await checksums();

    // Feeding every event again, as a second projector or a lost checkpoint would, changes nothing.
    const all = await everything();
    for (const projection of allProjections) {
      await dataSource.transaction((tx) =>
        projection.apply(
          all.filter((e) => projection.eventTypes.has(e.type)),
          { query: (sql, p) => tx.query(sql, p) },
        ),
      );
    }
    expect(await checksums()).toEqual(live);

    await rebuildAll();
    expect(await checksums()).toEqual(live);
  });

  it('catches every read model up in one shared pass, isolates a failing one so the others move on, and still equals a rebuild', async () => {
    await catchUpAll();
    let broken = true;
    const failing: Projection = {
      name: programmesProjection.name,
      eventTypes: programmesProjection.eventTypes,
      reset: (tx) => programmesProjection.reset(tx),
      async apply(events, tx) {
        if (broken) throw new Error('a handler bug');
        await programmesProjection.apply(events, tx);
      },
    };
    const config = { getOrThrow: () => ({ enabled: false, pollMs: 50, batchSize: 3 }) } as unknown as ConfigService;
    const service = new ProjectorService(
      dataSource,
      allProjections.map((p) => (p.name === failing.name ? failing : p)),
      config,
    );

    // A pair whose diary grows over several batches (batch size 3), beside programmes the broken handler cannot project.
    const [pairId, mentorId, menteeId] = freshIds(3);
    const formed = pairDecider.decide(
      {
        type: 'FormPair',
        data: {
          pairId,
          programmeId: randomUUID(),
          organisationId: randomUUID(),
          ...pairFormation(mentorId, menteeId, { menteeConsent: '2026-08-28' }),
          capacityReserved: true,
        },
        metadata: { actorId: 'director', role: 'director', now: '2026-09-01T06:00:00.000Z' },
      },
      pairDecider.initialState(),
    );
    const diary = (n: number) =>
      diaryEntryRecorded(pairId, mentorId, {
        date: '2026-09-10',
        text: `Запись ${n}`,
        recordedAt: '2026-09-10T06:00:00.000Z',
      });
    await store.append(
      pairStream(pairId),
      0,
      formed.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: actor,
      })),
    );
    const stuck = randomUUID();
    await store.append(programmeStream(stuck), 0, [started(stuck, 'Сломанный обработчик')]);
    const diaryFrom = formed.length;
    for (let n = 1; n <= 7; n++) await store.append(pairStream(pairId), diaryFrom + n - 1, [diary(n)]);

    const [stuckStarted] = await store.readStream(programmeStream(stuck));
    await service.catchUpAll();
    const pair = async () =>
      (
        await dataSource.query<{ state: Record<string, unknown>; version: number }[]>(
          'SELECT state, version FROM pairs_view WHERE pair_id = $1',
          [pairId],
        )
      )[0];
    expect((await pair())?.state).toMatchObject({ diaryCount: 7 });
    // The read model keeps the count, not the write side's ever-growing list of entry ids.
    expect((await pair())?.state).not.toHaveProperty('diaryEntryIds');
    expect(await projected(stuck)).toBeUndefined();
    // The broken read model applied what came before the failing event and waits just before it, its failure counted.
    const all = await everything();
    const justBefore = all[all.findIndex((e) => e.position === stuckStarted?.position) - 1] as RecordedEvent;
    expect(await new Projector(dataSource).checkpoint('programmes')).toEqual(cursorOf(justBefore));
    const [failure] = await dataSource.query(
      'SELECT failures, parked_at FROM projection_parked_events WHERE projection = $1 AND global_position = $2',
      ['programmes', stuckStarted?.position],
    );
    expect(failure).toEqual({ failures: 1, parked_at: null });
    expect(await new Projector(dataSource).checkpoint('pairs')).toEqual(
      await new Projector(dataSource).checkpoint('tasks'),
    );

    // Mended: the isolated read model catches up on its own, then rejoins the shared pass.
    broken = false;
    // A failing event's read model pauses (a second after the first failure) before its next try.
    await waitUntil(async () => (await service.catchUpAll(), (await projected(stuck)) === 1));
    expect(await projected(stuck)).toBe(1);
    await store.append(pairStream(pairId), diaryFrom + 7, [diary(8)]);
    await service.catchUpAll();
    expect((await pair())?.state).toMatchObject({ diaryCount: 8 });
    const names = allProjections.map((p) => p.name);
    const cursors = await Promise.all(names.map((name) => new Projector(dataSource).checkpoint(name)));
    expect(new Set(cursors.map((c) => JSON.stringify(c))).size).toBe(1);

    const live = await checksums();
    await rebuildAll();
    expect(await checksums()).toEqual(live);
  });
});
