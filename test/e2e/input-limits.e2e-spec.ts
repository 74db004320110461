import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { auditReadsPairStream, pairStream } from '@mentorflow/domain';
import { countEvents, openTestDataSource } from '../support/database';
import { approveCandidates, selectParticipants } from '../support/participants';
import {
  formPair,
  participantsListed,
  registerOrganisation,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { titlePage } from '../support/route-setup';
import { TestSystem } from '../support/system';

/**
 * Input that used to cost the system dearly: a NUL (PostgreSQL's jsonb refuses it, the workflow's append
 * retried forever), a 1 MB body of unknown keys (seconds of validation, a 10 MB error), and a history
 * read on every refresh (one audit event per GET).
 */
describe('input limits: control characters, oversized bodies, repeated audited reads', () => {
  let system: TestSystem;
  let db: DataSource;
  const [admin, director, curator, mentor, mentee] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  let organisationId: string;
  let pairId: string;
  let as: Record<'admin' | 'director' | 'curator' | 'mentee', string>;

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    as = { admin: system.token(admin, ['administrator']), director: '', curator: '', mentee: '' };
    organisationId = (
      await registerOrganisation(system, as.admin, {
        name: 'Школа № 5',
        municipality: 'М',
        region: 'Самарская область',
        timeZone: 'Europe/Samara',
      })
    ).body.organisationId;
    as.director = system.token(director, ['director'], [organisationId]);
    as.curator = system.token(curator, ['curator'], [organisationId]);
    as.mentee = system.token(mentee, ['mentee'], [organisationId]);
    system.token(mentor, ['mentor'], [organisationId]);
    const { programmeId } = await startProgramme(system, organisationId, as.director, curator);
    const proposedMentor = await selectParticipant(system, programmeId, as.curator, mentor, 'mentor');
    await participantsListed(system, programmeId, as.curator, 1);
    // Only candidates the commission approved are paired (002 §4.4).
    await approveCandidates(system, programmeId, as.curator, [proposedMentor.body.participantId]);
    await selectParticipants(system, programmeId, as.curator, [{ personId: mentee, role: 'mentee' }]);
    const formed = await formPair(system, programmeId, as.director, mentor, mentee);
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId;
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const pairEvents = () => countEvents(db, pairStream(pairId));

  it("refuses a NUL in a mentee's report with 400 naming the field, stores nothing, and the pair takes the next report", async () => {
    const before = await pairEvents();
    const refused = await system.request('POST', `/pairs/${pairId}/reports`, as.mentee, {
      entryId: randomUUID(),
      date: '2026-10-01',
      text: 'Отчёт\u0000',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'text', constraint: 'noControlCharacters', message: 'Недопустимый управляющий символ' },
    ]);
    expect(await pairEvents()).toBe(before);

    const bidi = await system.request('POST', `/pairs/${pairId}/reports`, as.mentee, {
      entryId: randomUUID(),
      date: '2026-10-01',
      text: 'отчёт\u202Efdp.exe',
    });
    expect(bidi.body.errors).toEqual([expect.objectContaining({ field: 'text', constraint: 'noControlCharacters' })]);

    const accepted = await system.request('POST', `/pairs/${pairId}/reports`, as.mentee, {
      entryId: randomUUID(),
      date: '2026-10-01',
      text: 'Отчёт:\r\n\tвсё по плану',
    });
    expect(accepted.status).toBe(200);
    expect(await pairEvents()).toBe(before + 1);
  });

  it("refuses a control character deep in a route's title page, and in a query parameter", async () => {
    const before = await countEvents(db);
    const route = await system.request('POST', `/organisations/${organisationId}/routes`, as.admin, {
      teacherId: randomUUID(),
      methodologistId: randomUUID(),
      regionCode: '63',
      goal: 'Цель',
      tasks: ['Задача', 'вторая\u0007'],
      titlePage: titlePage(),
    });
    expect(route.status).toBe(400);
    expect(route.body.errors).toEqual([
      expect.objectContaining({ field: 'tasks.1', constraint: 'noControlCharacters' }),
    ]);
    const titled = await system.request('POST', `/organisations/${organisationId}/routes`, as.admin, {
      teacherId: randomUUID(),
      methodologistId: randomUUID(),
      regionCode: '63',
      goal: 'Цель',
      tasks: ['Задача'],
      titlePage: { ...titlePage(), education: 'Высшее\u0000' },
    });
    expect(titled.body.errors).toEqual([
      expect.objectContaining({ field: 'titlePage.education', constraint: 'noControlCharacters' }),
    ]);
    const query = await system.request('GET', `/routes?limit=10&code=${encodeURIComponent('63\u0000')}`, as.admin);
    expect(query.status).toBe(400);
    expect(query.body.errors[0]).toMatchObject({ constraint: 'noControlCharacters' });
    expect(await countEvents(db)).toBe(before);
  });

  it('answers a 1 MB body of 90,000 unknown keys quickly with a small 400, while /health/live stays responsive', async () => {
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1])));
    expect(body.length).toBeGreaterThan(900_000);
    const timed = async <T>(run: () => Promise<T>) => {
      const started = performance.now();
      const value = await run();
      return { value, ms: performance.now() - started };
    };
    const [hostile, health] = await Promise.all([
      timed(async () => {
        const response = await fetch(`${system.baseUrl}/auth/dev-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return { status: response.status, text: await response.text() };
      }),
      // Sent just after, so it queues behind the hostile body's parsing and validation.
      new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
        timed(() => fetch(`${system.baseUrl}/health/live`).then((r) => r.status)),
      ),
    ]);
    expect(hostile.value.status).toBe(400);
    const { errors } = JSON.parse(hostile.value.text);
    expect(errors.length).toBeLessThanOrEqual(20);
    expect(errors[0]).toMatchObject({ field: 'body', constraint: 'maxKeys' });
    expect(hostile.value.text.length).toBeLessThan(2_000);
    expect(health.value).toBe(200);
    // Before the limits: 6.7–8 s for the hostile request, and the probe waited as long. Generous bounds
    // (shared CI machine: the hostile request took 2.8 s there once, while the probe kept under 1 s):
    // bench/input.bench.ts measures the cost itself.
    expect(hostile.ms).toBeLessThan(4_000);
    expect(health.ms).toBeLessThan(1_000);
  });

  it('records 20 quick reads of a pair history by one reader once, and each reader on their own', async () => {
    const reads = async () =>
      (await db.query(
        `SELECT data->>'readerId' AS reader, data->>'format' AS format FROM events WHERE stream_id = $1 ORDER BY stream_version`,
        [auditReadsPairStream(pairId)],
      )) as { reader: string; format: string }[];
    const before = await reads();
    // Ten one after another, then ten at once: concurrent reads of one reader race for the same record.
    for (let i = 0; i < 10; i++)
      expect((await system.request('GET', `/pairs/${pairId}/history`, as.curator)).status).toBe(200);
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => system.request('GET', `/pairs/${pairId}/history`, as.curator)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200));
    const after = await reads();
    expect(after.slice(before.length).filter((r) => r.reader === curator)).toEqual([
      { reader: curator, format: 'json' },
    ]);

    // Another reader, and an export by the same one, are their own records.
    await system.request('GET', `/pairs/${pairId}/history`, as.admin);
    await fetch(`${system.baseUrl}/pairs/${pairId}/history?format=csv`, {
      headers: { authorization: `Bearer ${as.curator}` },
    });
    expect((await reads()).slice(before.length)).toEqual([
      { reader: curator, format: 'json' },
      { reader: admin, format: 'json' },
      { reader: curator, format: 'csv' },
    ]);
  });
});
