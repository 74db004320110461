import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { programmeStream } from '@mentorflow/domain';
import { approveCandidates } from '../support/participants';
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
    const admin = randomUUID();
    const director = randomUUID();
    const curator = randomUUID();
    const organisation = await system.request('POST', '/organisations', system.token(admin, ['administrator']), {
      name: 'МАОУ «Лицей № 3»',
      kind: 'school',
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
    const started = await system.request('POST', `/organisations/${organisationId}/programmes`, as.director, {
      title: 'Программа 2026/27',
    });
    const id = started.body.state.programmeId as string;
    expect(
      (await system.request('POST', `/programmes/${id}/curator`, as.director, { curatorId: curator })).status,
    ).toBe(200);
    for (const kind of ['implementationAct', 'regulationApprovalOrder']) {
      const recorded = await system.request('POST', `/programmes/${id}/documents`, as.curator, {
        documentId: randomUUID(),
        kind,
        number: `${kind}-1`,
        date: '2026-09-01',
        signedBy: 'Директор',
      });
      expect(recorded.status).toBe(200);
    }
    const candidates: string[] = [];
    for (const [personId, role, extra] of [
      [randomUUID(), 'mentor', {}],
      [randomUUID(), 'mentee', { menteeCategory: 'burnout' }],
    ] as const) {
      const selected = await system.request('POST', `/programmes/${id}/participants`, as.curator, {
        personId,
        role,
        position: 'Учитель',
        teachingExperienceYears: 10,
        subjectExperienceYears: 5,
        ...extra,
      });
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    // The programme gate counts only candidates the commission approved (002 §4.4).
    await approveCandidates(system, id, as.curator, candidates);
    await system.eventually(
      () => system.request('GET', `/programmes/${id}`, as.curator),
      (r) => r.body.nextStageChecklist?.length === 0,
    );

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
