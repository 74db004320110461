import { randomUUID } from 'node:crypto';
import { personStream } from '@mentorflow/domain';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';
import { addPerson, personBody } from '../support/people';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/** The staff directory (issue 18): cards, search as you type, changes recorded by field name. */
describe('people directory', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: string;
  let school: string;
  let otherSchool: string;
  let curator: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    admin = system.token(randomUUID(), ['administrator']);
    school = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId as string;
    otherSchool = (await registerOrganisation(system, admin, places.samara)).body.organisationId as string;
    curator = system.token(randomUUID(), ['curator'], [school]);
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  it('creates a person, finds her by surname whatever the case and ё/е, lists and shows her card', async () => {
    const personId = await addPerson(system, school, curator, 'Елкина', {
      personnelKey: 'T-001',
      category: 'first',
      birthDate: '1985-04-12',
      teachingExperienceYears: 12,
      subjectExperienceYears: 8,
    });
    await addPerson(system, school, curator, 'Абрамова');
    await addPerson(system, school, curator, 'Ёжикова');

    const found = await system.request(
      'GET',
      `/organisations/${school}/people?q=${encodeURIComponent('ёлкина')}`,
      curator,
    );
    expect(found.status).toBe(200);
    expect(found.body).toEqual([
      {
        personId,
        fullName: 'Елкина Мария Петровна',
        shortName: 'Елкина М. П.',
        positions: ['учитель математики'],
        subjects: ['Математика'],
        category: 'first',
        status: 'working',
        workEmail: 'staff@school.ru',
        workPhone: '+7 843 100-00-00',
        hasConsent: false,
      },
    ]);
    const upper = await system.request(
      'GET',
      `/organisations/${school}/people?q=${encodeURIComponent('ЕЖИК')}`,
      curator,
    );
    expect(upper.body.map((p: { fullName: string }) => p.fullName)).toEqual(['Ёжикова Мария Петровна']);

    const all = await system.request('GET', `/organisations/${school}/people?limit=2`, curator);
    expect(all.body.map((p: { shortName: string }) => p.shortName)).toEqual(['Абрамова М. П.', 'Ёжикова М. П.']);
    const next = await system.request('GET', `/organisations/${school}/people?limit=2&offset=2`, curator);
    expect(next.body.map((p: { shortName: string }) => p.shortName)).toEqual(['Елкина М. П.']);

    const card = await system.request('GET', `/people/${personId}`, curator);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      personId,
      surname: 'Елкина',
      fullName: 'Елкина Мария Петровна',
      birthDate: '1985-04-12',
      teachingExperienceYears: 12,
      employments: [
        {
          organisationId: school,
          organisationName: places.tolyatti.name,
          personnelKey: 'T-001',
          positions: ['учитель математики'],
          status: 'working',
        },
      ],
      depersonalised: false,
    });
  });

  it('records a card change by field name, never by value, and shows who changed it', async () => {
    const personId = await addPerson(system, school, curator, 'Петрова');
    const patched = await system.request('PATCH', `/people/${personId}`, curator, {
      category: 'highest',
      workEmail: 'petrova@school.ru',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.changedFields.sort()).toEqual(['category', 'workEmail']);
    expect((await system.request('GET', `/people/${personId}`, curator)).body).toMatchObject({
      category: 'highest',
      workEmail: 'petrova@school.ru',
    });

    const history = await system.request('GET', `/people/${personId}/history`, curator);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['PersonRegistered', 'PersonCardChanged']);
    expect(history.body[1]).toMatchObject({ data: { personId, fields: ['workEmail', 'category'] }, role: 'curator' });
    expect(history.body[1].actorName).toEqual(expect.any(String));

    const stored = await db.query<{ data: unknown }[]>('SELECT data FROM events WHERE stream_id = $1', [
      personStream(personId),
    ]);
    expect(JSON.stringify(stored)).not.toContain('Петрова');
    expect(JSON.stringify(stored)).not.toContain('petrova@school.ru');

    const employment = await system.request('PUT', `/people/${personId}/employments/${school}`, curator, {
      positions: ['учитель физики'],
      subjects: ['Физика'],
      status: 'parentalLeave',
      statusFrom: '2026-01-10',
    });
    expect(employment.status).toBe(200);
    expect(employment.body.changedFields).toEqual(['positions', 'subjects', 'status', 'statusFrom']);
  });

  it('refuses bad input with 400 naming the field in Russian and stores nothing', async () => {
    const before = await system.request(
      'GET',
      `/organisations/${school}/people?q=${encodeURIComponent('Неверная')}`,
      curator,
    );
    const cases: [Record<string, unknown>, string][] = [
      [personBody('', {}), 'surname'],
      [personBody('Неверная', { birthDate: '1985-02-30' }), 'birthDate'],
      [personBody('Неверная', { category: 'вторая' }), 'category'],
      [personBody('Неверная', { teachingExperienceYears: 3, subjectExperienceYears: 5 }), 'subjectExperienceYears'],
      [personBody('Неверная', { workEmail: 'не почта' }), 'workEmail'],
    ];
    for (const [body, field] of cases) {
      const response = await system.request('POST', `/organisations/${school}/people`, curator, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      const error = response.body.errors.find((e: { field: string }) => e.field === field);
      expect(error?.message).toMatch(/[А-Яа-яЁё]/);
    }
    expect(
      (await system.request('GET', `/organisations/${school}/people?q=${encodeURIComponent('Неверная')}`, curator))
        .body,
    ).toEqual(before.body);
  });

  it('answers 404 for a person of another organisation and 409 for a personnel key already taken', async () => {
    const stranger = await addPerson(system, otherSchool, admin, 'Чужая');
    expect((await system.request('GET', `/people/${stranger}`, curator)).status).toBe(404);
    expect((await system.request('PATCH', `/people/${stranger}`, curator, { category: 'first' })).status).toBe(404);
    expect((await system.request('GET', `/organisations/${otherSchool}/people`, curator)).status).toBe(404);

    await addPerson(system, school, curator, 'Первая', { personnelKey: 'K-77' });
    const duplicate = await system.request(
      'POST',
      `/organisations/${school}/people`,
      curator,
      personBody('Вторая', { personnelKey: 'K-77' }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('табельный номер');
  });
});
