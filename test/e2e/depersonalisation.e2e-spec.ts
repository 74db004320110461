import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import { personStream, routeStream, userStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { localDay } from '../support/dates';
import { approveCandidates } from '../support/participants';
import {
  formPair,
  participantsListed,
  places,
  registerOrganisation,
  selectMentorAndMentee,
  startProgramme,
} from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';

/** A surname no other spec of the run uses, so finding it anywhere in the database is this person's trace. */
const uniqueSurname = () =>
  `Шестакова${[...randomBytes(6)].map((b) => 'абвгдежзиклмнопрстуфхцчшщэюя'[b % 28]).join('')}`;

/**
 * Issue 18, «Personal data (152-ФЗ)»: an administrator exports everything held about a person and, once the
 * person has left everywhere and withdrawn consent, depersonalises them. A person with a pair and a route:
 * afterwards the histories still verify (events hold ids only) and the name appears nowhere — not in the
 * API's answers, the exports, or any column of any table of the database.
 */
describe('export and depersonalisation of a person (152-ФЗ) through HTTP', () => {
  let system: TestSystem;
  let db: DataSource;
  const { timeZone } = places.samara;
  const today = () => localDateOf(new Date(), timeZone);
  // Facts dated relative to the run: consent given, the person dismissed, consent withdrawn.
  const consentDate = localDay(timeZone, -90);
  const dismissedFrom = localDay(timeZone, -2);
  const withdrawnOn = localDay(timeZone, -1);
  const person = {
    id: randomUUID(),
    surname: uniqueSurname(),
    firstName: 'Лилиана',
    patronymic: 'Рашидовна',
    email: `l.${randomBytes(4).toString('hex')}@school9.ru`,
    phone: `+7 927 ${String(randomBytes(2).readUInt16BE() % 1000).padStart(3, '0')}-11-22`,
  };
  const fullName = `${person.surname} ${person.firstName} ${person.patronymic}`;
  /** What must not survive: the surname (unique), the e-mail and the phone. */
  const traces = [person.surname, person.email, person.phone];
  const people = {
    admin: randomUUID(),
    director: randomUUID(),
    curator: randomUUID(),
    mentor: randomUUID(),
    tutor: randomUUID(),
    methodologist: randomUUID(),
  };
  let organisationId: string;
  let programmeId: string;
  let pairId: string;
  let routeId: string;
  let userId: string;
  let as: Record<'admin' | 'director' | 'curator' | 'tutor' | 'person', string>;

  const depersonalise = (token: string, body: unknown = { documentRef: 'Заявление об отзыве согласия № 15' }) =>
    system.request('POST', `/people/${person.id}/depersonalisation`, token, body);
  const exported = () => system.request('GET', `/people/${person.id}/export`, as.admin);

  /** Tables (and how many rows) where any of `texts` occurs: every row of every table, as text (all columns). */
  const tablesHolding = async (texts: readonly string[]): Promise<string[]> => {
    const tables = await db.query<{ schema: string; name: string }[]>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(
      expect.arrayContaining(['personal.persons', 'public.events', 'public.users']),
    );
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const [{ n }] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${schema}"."${name}" t WHERE t::text LIKE ANY($1::text[])`,
        [texts.map((text) => `%${text}%`)],
      );
      if (n > 0) found.push(`${schema}.${name}: ${n}`);
    }
    return found;
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    db = system.api.get(DataSource);
    await loadFixtureYearsAhead();
    as = { admin: system.token(people.admin, ['administrator']) } as typeof as;
    const registered = await registerOrganisation(system, as.admin, places.samara);
    expect(registered.status).toBe(201);
    organisationId = registered.body.organisationId as string;

    // The person's account (its subject is the person id) and their card in the directory. Sent under an
    // Idempotency-Key: the answer, name and all, is stored for retries, and depersonalisation erases it too.
    const account = await system.requestWith({ 'Idempotency-Key': randomUUID() }, 'POST', '/users', as.admin, {
      sub: person.id,
      fullName,
      email: person.email,
    });
    expect(account.status).toBe(201);
    userId = account.body.userId as string;
    const card = await system.request('POST', `/organisations/${organisationId}/people`, as.admin, {
      personId: person.id,
      surname: person.surname,
      firstName: person.firstName,
      patronymic: person.patronymic,
      birthDate: '1990-04-12',
      workEmail: person.email,
      personalPhone: person.phone,
      category: 'first',
      education: 'Высшее, СГСПУ, 2012',
      personnelKey: 'ТН-0042',
      positions: ['Учитель'],
      subjects: ['Физика'],
    });
    expect(card.status).toBe(201);
    const consent = await system.request('POST', `/people/${person.id}/consent`, as.admin, {
      date: consentDate,
      document: 'Согласие № 7',
    });
    expect(consent.status).toBeLessThan(300);
    // On the organisation's staff by id: a typed name is refused, so no hashed event holds it (issue 18).
    const staffed = (body: Record<string, unknown>) =>
      system.request('POST', `/organisations/${organisationId}/staff`, as.admin, body);
    expect((await staffed({ personId: person.id, role: 'commissionHead', fullName })).status).toBe(400);
    expect((await staffed({ personId: person.id, role: 'commissionHead' })).status).toBe(200);

    as.director = system.token(people.director, ['director'], [organisationId]);
    as.curator = system.token(people.curator, ['curator'], [organisationId]);
    as.tutor = system.token(people.tutor, ['tutor'], [organisationId]);
    as.person = system.token(person.id, ['mentee'], [organisationId]);
    system.token(people.methodologist, ['methodologist'], [organisationId]);
    system.token(people.mentor, ['mentor'], [organisationId]);

    // A pair where the person is the mentee, and the person's route (ИОМ).
    const programme = await startProgramme(system, organisationId, as.director, people.curator);
    programmeId = programme.programmeId;
    const candidates: string[] = [];
    for (const selected of await selectMentorAndMentee(system, programmeId, as.curator, people.mentor, person.id)) {
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    await participantsListed(system, programmeId, as.curator, 2);
    await approveCandidates(system, programmeId, as.curator, candidates);
    const pair = await formPair(system, programmeId, as.director, people.mentor, person.id);
    expect(pair.status).toBe(201);
    pairId = pair.body.state.pairId as string;
    const route = await createRoute(system, organisationId, as.tutor, {
      teacherId: person.id,
      methodologistId: people.methodologist,
      today: today(),
    });
    expect(route.status).toBe(201);
    routeId = route.body.state.routeId as string;
    expect((await recordDiagnostics(system, routeId, as.tutor, today())).status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.admin),
      (r) => r.status === 200 && r.body.stage === 'design',
    );
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.admin),
      (r) => r.status === 200,
    );
  });
  afterAll(() => system?.stop());

  it('exports everything held about the person to the administrator only', async () => {
    expect((await system.request('GET', `/people/${person.id}/export`, as.curator)).status).toBe(403);
    expect((await system.request('GET', `/people/${randomUUID()}/export`, as.admin)).status).toBe(404);
    // The person's own mail settings are theirs too (issue 21).
    const chosen = await system.request('PUT', '/me/notification-preferences', as.person, {
      preferences: [{ kind: 'TaskOverdue', delivery: 'off' }],
    });
    expect(chosen.status).toBe(200);
    const data = await exported();
    expect(data.status).toBe(200);
    expect(data.body).toMatchObject({
      personId: person.id,
      card: { surname: person.surname, firstName: person.firstName, birthDate: '1990-04-12', category: 'first' },
      consent: { date: consentDate, document: 'Согласие № 7' },
      depersonalised: false,
      employments: [{ organisationId, personnelKey: 'ТН-0042', status: 'working', positions: ['Учитель'] }],
      account: { userId, fullName, email: person.email },
      pairs: [expect.objectContaining({ pairId, role: 'mentee' })],
      routes: [expect.objectContaining({ routeId, role: 'teacher' })],
      participations: [expect.objectContaining({ programmeId, role: 'mentee' })],
      notificationPreferences: [expect.objectContaining({ kind: 'TaskOverdue', delivery: 'off' })],
    });
    expect(data.body.accountHistory.map((e: { type: string }) => e.type)).toContain('UserRegistered');
  });

  it('refuses to depersonalise a person still working who has not withdrawn consent, naming both; bad input is 400', async () => {
    const refused = await depersonalise(as.admin);
    expect(refused.status).toBe(422);
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual([
      'person.consent.notWithdrawn',
      'person.employment.notDismissed',
    ]);
    expect(refused.body.unmet[1].message).toContain(places.samara.name);
    const bad = await depersonalise(as.admin, { documentRef: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'documentRef' })]);
    expect((await depersonalise(as.director)).status).toBe(403);
    expect((await exported()).body.card.surname).toBe(person.surname);
  });

  it('depersonalises a person who left and withdrew consent: histories verify, and the name is nowhere', async () => {
    // The person leaves and withdraws consent, as the directory records them.
    const dismissed = await system.request('PUT', `/people/${person.id}/employments/${organisationId}`, as.admin, {
      positions: ['Учитель'],
      subjects: ['Физика'],
      status: 'dismissed',
      statusFrom: dismissedFrom,
    });
    expect(dismissed.status).toBeLessThan(300);
    const withdrawn = await system.request('POST', `/people/${person.id}/consent/withdrawal`, as.admin, {
      date: withdrawnOn,
    });
    expect(withdrawn.status).toBeLessThan(300);

    // The staff list names the person from the directory, and only the directory and the account hold the
    // name: not the events (the staff assignment's included), not a read model.
    const organisation = await system.request('GET', `/organisations/${organisationId}`, as.admin);
    expect(organisation.body.staff).toEqual([expect.objectContaining({ personId: person.id, fullName })]);
    // The database scan finds the person where the directory and the account keep them, and the stored answer.
    expect((await tablesHolding(traces)).sort()).toEqual([
      'personal.idempotency_keys: 1',
      'personal.persons: 1',
      'public.users: 1',
    ]);
    const done = await depersonalise(as.admin);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ personId: person.id, depersonalised: true, eventsWithName: [] });
    expect((await exported()).body.notificationPreferences).toEqual([]);
    expect((await depersonalise(as.admin)).body.unmet).toEqual([
      expect.objectContaining({ code: 'person.alreadyDepersonalised' }),
    ]);

    // The hash chains are intact: nothing hashed held the name.
    const verdict = await system.request('GET', `/pairs/${pairId}/history/verify`, as.admin);
    expect(verdict.body).toMatchObject({ valid: true });
    const store = system.api.get(EventStore);
    for (const stream of [routeStream(routeId), personStream(person.id), userStream(userId)])
      expect(await store.verifyStream(stream)).toMatchObject({ valid: true });
    const personHistory = await store.readStream(personStream(person.id));
    expect(personHistory.at(-1)).toMatchObject({ type: 'PersonDepersonalised', data: { personId: person.id } });

    // The API's answers and the exports.
    const raw = async (path: string, accept?: string) =>
      (
        await fetch(`${system.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${as.admin}`, ...(accept ? { accept } : {}) },
        })
      ).text();
    const answers = await Promise.all([
      raw(`/people/${person.id}/export`),
      raw(`/people/${person.id}`),
      raw(`/people/${person.id}/history`),
      raw(`/organisations/${organisationId}/people?q=${encodeURIComponent(person.surname.slice(0, 12))}`),
      raw(`/organisations/${organisationId}/people`),
      raw(`/users/${userId}`),
      raw('/users?limit=100'),
      raw(`/pairs/${pairId}`),
      raw(`/pairs/${pairId}/history`),
      raw(`/pairs/${pairId}/history?format=csv`),
      raw(`/routes/${routeId}`),
      raw(`/routes/${routeId}/history`),
      raw(`/routes?teacherId=${person.id}`),
      raw('/tasks?limit=100'),
      raw(`/programmes/${programmeId}/participants`),
      raw(`/organisations/${organisationId}`),
      raw(`/organisations/${organisationId}/reports/routes`, 'text/csv'),
      raw(`/organisations/${organisationId}/reports/monitoring`, 'text/csv'),
      system.request('GET', '/me', as.person).then((r) => JSON.stringify(r.body)),
    ]);
    for (const trace of traces) expect(answers.filter((text) => text.includes(trace))).toEqual([]);
    // No name left to flag: «Обезличено» in lists and pickers, without «нет согласия на обработку ПДн» (hasConsent).
    const depersonalisedIn = async (path: string, key: 'fullName' | 'name') => {
      const rows = (await system.request('GET', path, as.admin)).body as Record<string, unknown>[];
      const row = rows.find((r) => r.personId === person.id);
      expect(row).toMatchObject({ [key]: 'Обезличено' });
      expect(row).not.toHaveProperty('hasConsent');
    };
    await depersonalisedIn(`/organisations/${organisationId}/people`, 'fullName');
    await depersonalisedIn(`/programmes/${programmeId}/participants`, 'name');
    const after = await exported();
    expect(after.body).toMatchObject({
      card: { surname: 'Обезличено', firstName: 'Обезличено' },
      consent: null,
      depersonalised: true,
      account: { fullName: 'Обезличено', email: null },
      employments: [{ organisationId, status: 'dismissed', positions: [], subjects: [] }],
      pairs: [expect.objectContaining({ pairId })],
      routes: [expect.objectContaining({ routeId })],
    });
    expect(after.body.card).not.toHaveProperty('birthDate');
    expect(after.body.employments[0]).not.toHaveProperty('personnelKey');

    expect(await tablesHolding(traces)).toEqual([]);
  });
});
