import { freshIds } from '../support/ids';
import { Client } from 'pg';
import { programmeStream } from '@mentorflow/domain';
import { fulfilPreparatoryStage, registerOrganisation, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/**
 * Optimistic concurrency through the API: many clients press "advance" on the same stage at once.
 * Exactly one wins; every other gets 409 (not 422, not a second advance), and the programme's stream
 * stays gapless with a single StageAdvanced.
 */
describe('concurrent commands on one programme', () => {
  let system: TestSystem;
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(async () => {
    system = await TestSystem.start();
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await system?.stop();
  });

  it('lets exactly one of eight simultaneous advances through; the other seven get 409', async () => {
    const [admin, director, curator] = freshIds(3);
    const organisation = await registerOrganisation(system, system.token(admin, ['administrator']), {
      name: 'МАОУ «Лицей № 3»',
      municipality: 'г. Казань',
      region: 'Республика Татарстан',
      timeZone: 'Europe/Moscow',
    });
    const organisationId = organisation.body.organisationId as string;
    const as = {
      director: system.token(director, ['director'], [organisationId]),
      curator: system.token(curator, ['curator'], [organisationId]),
      admin: system.token(admin, ['administrator']),
    };
    const { programmeId: id, appointed } = await startProgramme(
      system,
      organisationId,
      as.director,
      curator,
      'Программа 2026/27',
    );
    expect(appointed.status).toBe(200);
    const { recorded, selected } = await fulfilPreparatoryStage(system, id, as.curator, as.director);
    for (const document of recorded) expect(document.status).toBe(200);
    for (const participant of selected) expect(participant.status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        system.request('POST', `/programmes/${id}/advance`, i % 2 ? as.admin : as.curator, {
          expectedStage: 'preparatory',
        }),
      ),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.detail).toMatch(/[А-Яа-я]/);
    const { rows } = await db.query<{ stream_version: number; type: string }>(
      'SELECT stream_version, type FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [programmeStream(id)],
    );
    expect(rows.map((r) => r.stream_version)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.type === 'StageAdvanced')).toHaveLength(1);
    const read = await system.eventually(
      () => system.request('GET', `/programmes/${id}`, as.curator),
      (r) => r.body.stage === 'design',
    );
    expect(read.body.stage).toBe('design');
  });
});
