import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '@mentorflow/event-store';
import { Projector, programmesProjection } from '@mentorflow/projections';
import { programmeStream } from '@mentorflow/domain';
import { openTestEventStore } from '../support/database';
import { runTsScript } from '../support/scripts';

const actor = { actorId: 'tester', role: 'curator' };

describe('checkpointed projector', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeAll(async () => ({ dataSource, store } = await openTestEventStore()));
  afterAll(() => dataSource.destroy());

  async function startProgramme(title: string) {
    const programmeId = randomUUID();
    const organisationId = randomUUID();
    await store.append(programmeStream(programmeId), 0, [
      {
        eventId: randomUUID(),
        type: 'ProgrammeStarted',
        data: {
          programmeId,
          organisationId,
          title,
          stage: 'preparatory',
          startedAt: '2026-09-01T06:00:00.000Z',
          startedBy: 'd',
        },
        metadata: actor,
      },
    ]);
    return programmeId;
  }

  const appointCurator = (programmeId: string, version: number, curatorId: string) =>
    store.append(programmeStream(programmeId), version, [
      {
        eventId: randomUUID(),
        type: 'CuratorAppointed',
        data: { programmeId, curatorId, appointedAt: '2026-09-02T06:00:00.000Z', appointedBy: 'd' },
        metadata: actor,
      },
    ]);

  const readModel = async () =>
    dataSource.query<{ programme_id: string; stage: string; state: unknown; version: number }[]>(
      'SELECT programme_id, stage, state, version FROM programmes_view ORDER BY programme_id',
    );

  it('resumes from its checkpoint after a restart and applies each event once', async () => {
    const first = await startProgramme('Первая');
    await new Projector(dataSource).catchUp(programmesProjection);
    const checkpoint = await new Projector(dataSource).checkpoint('programmes');

    const curator = randomUUID();
    await appointCurator(first, 1, curator);
    // A new projector instance is a restarted process: it starts where the last one committed.
    const read = await new Projector(dataSource).catchUp(programmesProjection);

    expect(read).toBe(1);
    expect((await new Projector(dataSource).checkpoint('programmes')).position).toBeGreaterThan(checkpoint.position);
    const [row] = (await readModel()).filter((r) => r.programme_id === first);
    expect(row).toMatchObject({ version: 2, stage: 'preparatory', state: { curatorId: curator, title: 'Первая' } });
  });

  it('rebuilds from position 0 to exactly the live read model', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await startProgramme(`Программа ${i}`);
      await appointCurator(id, 1, randomUUID());
    }
    await new Projector(dataSource).catchUp(programmesProjection);
    const live = await readModel();

    await dataSource.query('UPDATE programmes_view SET stage = $1', ['corrupted']);
    await new Projector(dataSource).rebuild(programmesProjection);

    expect(await readModel()).toEqual(live);
  });

  it('rebuilds the read model an operator names (npm run projections:rebuild)', async () => {
    const rebuild = (...args: string[]) => runTsScript('projections-rebuild.ts', ...args);
    const id = await startProgramme('По команде');
    await appointCurator(id, 1, randomUUID());
    await new Projector(dataSource).catchUp(programmesProjection);
    const live = await readModel();

    await dataSource.query('UPDATE programmes_view SET stage = $1', ['corrupted']);
    const { stderr } = await rebuild('programmes');

    expect(stderr).toMatch(/\[projections:rebuild\] programmes: rebuilt from \d+ events/);
    expect(await readModel()).toEqual(live);
    await expect(rebuild('programme')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'Unknown projection "programme"; the projections are: organisations, programmes, tasks',
      ),
    });
  });

  it('does not fold an event twice when a batch is fed again', async () => {
    const id = await startProgramme('Повтор');
    await appointCurator(id, 1, randomUUID());
    await new Projector(dataSource).catchUp(programmesProjection);
    const before = await readModel();

    const events = await store.readStream(programmeStream(id));
    await dataSource.transaction((tx) => programmesProjection.apply(events, { query: (sql, p) => tx.query(sql, p) }));

    expect(await readModel()).toEqual(before);
  });
});
