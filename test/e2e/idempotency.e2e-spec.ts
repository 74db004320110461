import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { pairStream, programmeStream, routeStream } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { countEvents, openTestDataSource } from '../support/database';
import { addMonths, localDay } from '../support/dates';
import { lecturerMentor, selectParticipants } from '../support/participants';
import { personBody } from '../support/people';
import {
  organisationWith,
  pairFormation,
  personalProgrammePlan,
  places,
  programmeDocument,
} from '../support/programme-setup';
import { fourYearsLessADay, ictDeficit, routeBody, titlePage } from '../support/route-setup';
import { TestSystem } from '../support/system';

const place = places.kazanCollege;
/** Dates relative to the real now, in the organisation's zone: facts lie behind, plans ahead. */
const day = (offsetDays: number) => localDay(place.timeZone, offsetDays);

type Answer = Awaited<ReturnType<TestSystem['requestWith']>>;

/**
 * Safe retries (issue 23): each kind of command sent twice with one Idempotency-Key is recorded once and
 * answered alike; the key with another body is 422, a key that is no UUID 400, and nothing changes for either.
 */
describe('safe retries with an Idempotency-Key', () => {
  let system: TestSystem;
  let db: DataSource;
  const admin = randomUUID();
  const director = randomUUID();
  const curator = randomUUID();
  const tutor = randomUUID();
  const methodologist = randomUUID();
  const [mentor, mentee] = [randomUUID(), randomUUID()];
  let organisationId: string;
  let programmeId: string;
  let as: Record<'admin' | 'director' | 'curator' | 'tutor' | 'methodologist' | 'mentor' | 'mentee', string>;

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    system = await TestSystem.start();
    db = await openTestDataSource();
    ({ organisationId, as } = await organisationWith(
      system,
      place,
      { admin: [admin, 'administrator'], director, curator, tutor, methodologist, mentor, mentee },
      admin,
    ));
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const send = (key: string, token: string, path: string, body: unknown, method = 'POST') =>
    system.requestWith({ 'Idempotency-Key': key }, method, path, token, body);

  /** Sends one request twice under one fresh key: both answers, the second the first's again. */
  async function twice(token: string, path: string, body: unknown): Promise<[Answer, Answer]> {
    const key = randomUUID();
    const first = await send(key, token, path, body);
    const second = await send(key, token, path, body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect({ status: second.status, body: second.body }).toEqual({ status: first.status, body: first.body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    return [first, second];
  }

  /** How many events of `type` the store holds whose data field `field` is `value`. */
  const eventsWith = async (type: string, field: string, value: string) =>
    Number(
      (
        await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM events WHERE type = $1 AND data->>$2 = $3', [
          type,
          field,
          value,
        ])
      )[0]?.n,
    );
  /** How many events of `type` the stream holds. */
  const eventsOfType = async (streamId: string, type: string) =>
    Number(
      (
        await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type = $2', [
          streamId,
          type,
        ])
      )[0]?.n,
    );

  it('starts one programme for a start sent twice, and records one document for a stage command sent twice', async () => {
    const [started] = await twice(as.director, `/organisations/${organisationId}/programmes`, { title: 'Программа' });
    expect(started.status).toBe(201);
    programmeId = started.body.state.programmeId;
    expect(await eventsWith('ProgrammeStarted', 'organisationId', organisationId)).toBe(1);
    expect(
      (await system.request('POST', `/programmes/${programmeId}/curator`, as.director, { curatorId: curator })).status,
    ).toBe(200);

    const document = programmeDocument('implementationAct');
    const [recorded] = await twice(as.curator, `/programmes/${programmeId}/documents`, document);
    expect(recorded.status).toBe(200);
    expect(await eventsOfType(programmeStream(programmeId), 'DocumentRecorded')).toBe(1);
  });

  it('refuses the same key with another body (422) and a key that is no UUID (400), changing nothing', async () => {
    const stream = programmeStream(programmeId);
    const key = randomUUID();
    const document = programmeDocument('regulationApprovalOrder');
    expect((await send(key, as.curator, `/programmes/${programmeId}/documents`, document)).status).toBe(200);
    const before = await countEvents(db, stream);

    const other = await send(key, as.curator, `/programmes/${programmeId}/documents`, { ...document, number: '2' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'idempotency.keyReused',
      detail: 'Ключ идемпотентности уже использован с другим запросом',
    });
    const notUuid = await send('12345', as.curator, `/programmes/${programmeId}/documents`, {
      ...programmeDocument('regulationApprovalOrder'),
    });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body).toMatchObject({
      detail: 'Заголовок Idempotency-Key должен быть UUID',
      errors: [{ field: 'Idempotency-Key', constraint: 'isUuid' }],
    });
    expect(await countEvents(db, stream)).toBe(before);
  });

  it('forms one pair for a formation sent twice; a diary entry, an assignment and its completion once each', async () => {
    await selectParticipants(system, programmeId, as.curator, [
      lecturerMentor(mentor),
      { personId: mentee, role: 'mentee' },
    ]);
    const termStart = day(-30);
    const [formed] = await twice(
      as.director,
      `/programmes/${programmeId}/pairs`,
      pairFormation(mentor, mentee, {
        mentorConsent: day(-32),
        menteeConsent: day(-32),
        order: { date: day(-31) },
        term: { start: termStart, end: addMonths(termStart, 12) },
      }),
    );
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    expect(await eventsWith('PairFormed', 'mentorId', mentor)).toBe(1);

    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...personalProgrammePlan(termStart, addMonths(termStart, 6), addMonths(termStart, 3)),
      controller: { personId: curator, role: 'curator' },
    });
    expect(approved.status).toBe(200);

    const entry = { entryId: randomUUID(), date: day(-1), text: 'Посетили урок наставляемого' };
    expect((await twice(as.mentor, `/pairs/${pairId}/diary`, entry))[0].status).toBe(200);
    expect(await eventsOfType(pairStream(pairId), 'MentorDiaryEntryRecorded')).toBe(1);

    const [given] = await twice(as.mentor, `/pairs/${pairId}/assignments`, {
      menteeId: mentee,
      title: 'Подготовить технологическую карту урока',
      dueDate: day(5),
      activityIndex: 0,
    });
    expect(given.status).toBe(200);
    expect(await eventsOfType(pairStream(pairId), 'MenteeAssignmentGiven')).toBe(1);

    const task = Object.values(given.body.state.tasks as Record<string, { taskId: string; kind: string }>).find(
      (t) => t.kind === 'menteeAssignment',
    )!;
    // Completing from the inbox waits until the task is listed there (a read model).
    await system.eventually(
      () => system.request('GET', '/tasks?limit=100', as.mentee),
      (r) => Array.isArray(r.body) && r.body.some((t: { taskId: string }) => t.taskId === task.taskId),
    );
    const before = await countEvents(db, pairStream(pairId));
    const [done] = await twice(as.mentee, `/tasks/${task.taskId}/complete`, { result: 'Карта урока подготовлена' });
    expect(done.status).toBe(200);
    expect(await countEvents(db, pairStream(pairId))).toBe(before + 1);
  });

  it('creates one route for a creation sent twice, and records its diagnostics once', async () => {
    const teacher = randomUUID();
    system.token(teacher, ['mentee'], [organisationId]);
    const [created] = await twice(
      as.tutor,
      `/organisations/${organisationId}/routes`,
      routeBody(teacher, methodologist, titlePage(day(0), fourYearsLessADay(day(0)))),
    );
    expect(created.status).toBe(201);
    expect(await eventsWith('RouteCreated', 'teacherId', teacher)).toBe(1);

    const routeId = created.body.state.routeId as string;
    const [diagnostics] = await twice(as.tutor, `/routes/${routeId}/record-diagnostics`, {
      diagnosticsId: randomUUID(),
      date: day(0),
      results: ictDeficit(),
    });
    expect(diagnostics.status).toBe(200);
    expect(await eventsOfType(routeStream(routeId), 'DiagnosticsRecorded')).toBe(1);
  });

  it('adds one person for a card sent twice; the same key of another caller is a command of its own', async () => {
    const path = `/organisations/${organisationId}/people`;
    const body = personBody('Повторова');
    const [added] = await twice(as.curator, path, body);
    expect(added.status).toBe(201);
    const key = randomUUID();
    const byDirector = await send(key, as.director, path, personBody('Ключевая'));
    const byAdministrator = await send(key, as.admin, path, personBody('Ключевая'));
    expect([byDirector.status, byAdministrator.status]).toEqual([201, 201]);
    expect(byAdministrator.body.personId).not.toBe(byDirector.body.personId);
    const cards = await db.query<{ surname: string; n: number }[]>(
      `SELECT surname, count(*)::int AS n FROM personal.persons p
       JOIN personal.employments e USING (person_id)
       WHERE e.organisation_id = $1 AND surname IN ('Повторова', 'Ключевая') GROUP BY surname ORDER BY surname`,
      [organisationId],
    );
    expect(cards).toEqual([
      { surname: 'Ключевая', n: 2 },
      { surname: 'Повторова', n: 1 },
    ]);
  });

  it('records once when the stored answer is lost: the retry reaches Temporal under the same ids', async () => {
    // As if the API died after Temporal applied the command, before it stored the answer.
    const forget = (key: string) => db.query('DELETE FROM personal.idempotency_keys WHERE idempotency_key = $1', [key]);
    const resent = async (token: string, path: string, body: unknown) => {
      const key = randomUUID();
      const first = await send(key, token, path, body);
      await forget(key);
      const second = await send(key, token, path, body);
      expect(second.headers.get('idempotent-replayed')).toBeNull();
      // Temporal's answer to the repeated update id is the first outcome, not a second application (refused).
      expect({ status: second.status, body: second.body }).toEqual({ status: first.status, body: first.body });
      return first;
    };
    const started = await resent(as.director, `/organisations/${organisationId}/programmes`, { title: 'Вторая' });
    expect(started.status).toBe(201);
    const secondProgramme = started.body.state.programmeId as string;
    expect(await eventsOfType(programmeStream(secondProgramme), 'ProgrammeStarted')).toBe(1);

    const document = programmeDocument('implementationAct');
    expect((await resent(as.director, `/programmes/${secondProgramme}/documents`, document)).status).toBe(200);
    expect(await eventsOfType(programmeStream(secondProgramme), 'DocumentRecorded')).toBe(1);
  });

  it('records a double click (two requests at once under one key) once: the other is answered alike or 409', async () => {
    const document = programmeDocument('roadMap');
    const key = randomUUID();
    const answers = await Promise.all(
      [1, 2].map(() => send(key, as.curator, `/programmes/${programmeId}/documents`, document)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const inFlight = answers.find((a) => a.status === 409);
    if (inFlight) expect(inFlight.body.code).toBe('idempotency.inFlight');
    expect(await eventsWith('DocumentRecorded', 'documentId', document.documentId)).toBe(1);
  });

  it('changes nothing for a request without the header: each is a command of its own, none replayed', async () => {
    const path = `/organisations/${organisationId}/people`;
    const answers = [
      await system.requestWith({}, 'POST', path, as.curator, personBody('Бесключева')),
      await system.requestWith({}, 'POST', path, as.curator, personBody('Бесключева')),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => a.headers.get('idempotent-replayed'))).toEqual([null, null]);
    expect(answers[1]!.body.personId).not.toBe(answers[0]!.body.personId);
  });
});
