import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import { formPair, places, registerOrganisation, startProgramme } from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';

/**
 * Who sees whose card (issue 18): name and work contacts to everyone who works with the person, the
 * sensitive fields to the organisation's curator and director and administrators, and every read from
 * outside the person's organisation or pair recorded for administrators.
 */
describe('people: who sees what, and the read log', () => {
  let system: TestSystem;
  let admin: string;
  let school: string;
  let otherSchool: string;
  const id = { mentor: randomUUID(), mentee: randomUUID(), teacher: randomUUID(), methodologist: randomUUID() };
  const as = {} as Record<'curator' | 'director' | 'head' | 'mentor' | 'mentee' | 'bystander' | 'outsider', string>;
  let regionalMethodologist: string;
  let tutor: string;
  let routeId: string;
  const sensitive = { birthDate: '1985-04-12', personalPhone: '+7 900 111-22-33', personalEmail: 'home@mail.ru' };

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = system.token(randomUUID(), ['administrator']);
    school = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId as string;
    otherSchool = (await registerOrganisation(system, admin, places.samara)).body.organisationId as string;
    const curatorId = randomUUID();
    as.curator = system.token(curatorId, ['curator'], [school]);
    as.director = system.token(randomUUID(), ['director'], [school]);
    as.head = system.token(randomUUID(), ['commissionHead'], [school]);
    as.mentor = system.token(id.mentor, ['mentor'], [school]);
    as.mentee = system.token(id.mentee, ['mentee'], [school]);
    as.bystander = system.token(randomUUID(), ['mentee'], [school]);
    as.outsider = system.token(randomUUID(), ['curator'], [otherSchool]);
    // A methodologist of another organisation (a regional centre's) assigned to a route of this school.
    regionalMethodologist = system.token(id.methodologist, ['methodologist'], [otherSchool]);
    for (const [personId, surname] of [
      [id.mentor, 'Наставникова'],
      [id.mentee, 'Молодцова'],
      [id.teacher, 'Учителева'],
    ] as const)
      await addPerson(system, school, as.curator, surname, { personId, ...sensitive });

    const { programmeId } = await startProgramme(system, school, as.director, curatorId);
    await selectParticipants(system, programmeId, as.curator, [
      { personId: id.mentor, role: 'mentor' },
      { personId: id.mentee, role: 'mentee' },
    ]);
    expect((await formPair(system, programmeId, as.director, id.mentor, id.mentee)).status).toBe(201);
    tutor = system.token(randomUUID(), ['tutor'], [school]);
    const today = localDateOf(new Date(), places.tolyatti.timeZone);
    const route = await createRoute(system, school, tutor, {
      teacherId: id.teacher,
      methodologistId: id.methodologist,
      today,
    });
    expect(route.status).toBe(201);
    routeId = route.body.state.routeId as string;
  });
  afterAll(() => system?.stop());

  const card = (token: string, personId: string) => system.request('GET', `/people/${personId}`, token);
  const reads = async (personId: string) =>
    (await system.request('GET', `/people/${personId}/reads`, admin)).body as { readerId: string; format: string }[];

  it("shows the sensitive fields to the organisation's curator and director only; name and work contacts to the commission head", async () => {
    for (const token of [as.curator, as.director]) {
      const seen = await card(token, id.teacher);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ fullName: 'Учителева Мария Петровна', ...sensitive });
    }
    const head = await card(as.head, id.teacher);
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ fullName: 'Учителева Мария Петровна', workEmail: 'staff@school.ru' });
    for (const field of Object.keys(sensitive)) expect(head.body).not.toHaveProperty(field);
    // Staff of the person's own organisation: nothing recorded.
    expect(await reads(id.teacher)).toEqual([]);
  });

  it('lets a mentor and a mentee of one pair see each other (without sensitive fields), and nobody else of the school', async () => {
    const mentee = await system.eventually(
      () => card(as.mentor, id.mentee),
      (r) => r.status === 200,
    );
    expect(mentee.body.fullName).toBe('Молодцова Мария Петровна');
    expect(mentee.body).not.toHaveProperty('birthDate');
    const mentor = await card(as.mentee, id.mentor);
    expect(mentor.status).toBe(200);
    expect(mentor.body).not.toHaveProperty('personalPhone');
    expect((await card(as.bystander, id.mentor)).status).toBe(404);
    expect((await card(as.outsider, id.mentor)).status).toBe(404);
    expect(await reads(id.mentee)).toEqual([]);
  });

  it("records every read from outside the person's organisation or pair: a route's methodologist of another organisation, an administrator", async () => {
    const seen = await system.eventually(
      () => card(regionalMethodologist, id.teacher),
      (r) => r.status === 200,
    );
    expect(seen.body).toMatchObject({ fullName: 'Учителева Мария Петровна' });
    expect(seen.body).not.toHaveProperty('birthDate');
    // An administrator sees everything; the read is recorded all the same.
    expect((await card(admin, id.teacher)).body).toMatchObject(sensitive);

    const recorded = await reads(id.teacher);
    expect(recorded).toEqual([
      expect.objectContaining({ readerId: id.methodologist, format: 'work', recordedAt: expect.any(String) }),
      expect.objectContaining({ format: 'full', roles: ['administrator'] }),
    ]);
    // Reading again within the minute is the same look at the data.
    await card(regionalMethodologist, id.teacher);
    expect(await reads(id.teacher)).toHaveLength(2);
    expect((await system.request('GET', `/people/${id.teacher}/reads`, as.curator)).status).toBe(403);
  });

  it('records consent, flags it in the list, and refuses a consent dated after today naming the date', async () => {
    const list = async () =>
      (await system.request('GET', `/organisations/${school}/people?q=${encodeURIComponent('учит')}`, as.curator))
        .body as { hasConsent: boolean }[];
    expect((await list())[0]?.hasConsent).toBe(false);
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const refused = await system.request('POST', `/people/${id.teacher}/consent`, as.curator, {
      date: future,
      document: 'Согласие № 1',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'date', message: expect.stringContaining('Дата согласия') });

    const today = localDateOf(new Date(), places.tolyatti.timeZone);
    const given = await system.request('POST', `/people/${id.teacher}/consent`, as.curator, {
      date: today,
      document: 'Согласие № 1',
    });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ consent: { date: today, document: 'Согласие № 1' }, hasConsent: true });
    expect((await list())[0]?.hasConsent).toBe(true);

    const withdrawn = await system.request('POST', `/people/${id.teacher}/consent/withdrawal`, as.curator, {
      date: today,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ consent: { withdrawnOn: today }, hasConsent: false });
    expect((await list())[0]?.hasConsent).toBe(false);
    expect(
      (await system.request('POST', `/people/${id.teacher}/consent`, as.head, { date: today, document: 'x' })).status,
    ).toBe(403);
  });

  it("names the route's people on its title page (003 §5.1), the birth date only for those allowed, and the teacher in the list", async () => {
    const asCurator = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.curator),
      (r) => r.status === 200,
    );
    expect(asCurator.body.titlePagePeople.teacher).toEqual({
      personId: id.teacher,
      fullName: 'Учителева Мария Петровна',
      shortName: 'Учителева М. П.',
      workEmail: 'staff@school.ru',
      workPhone: '+7 843 100-00-00',
      birthDate: sensitive.birthDate,
      hasConsent: false, // withdrawn above
    });
    expect(asCurator.body.titlePagePeople.methodologist).toMatchObject({
      personId: id.methodologist,
      fullName: `Пользователь ${id.methodologist.slice(0, 8)}`,
    });
    const asHead = await system.request('GET', `/routes/${routeId}`, as.head);
    expect(asHead.body.titlePagePeople.teacher).toMatchObject({ fullName: 'Учителева Мария Петровна' });
    expect(asHead.body.titlePagePeople.teacher).not.toHaveProperty('birthDate');
    const list = await system.request('GET', `/routes?teacherId=${id.teacher}`, as.curator);
    expect(list.body.map((r: { teacherName: string }) => r.teacherName)).toEqual(['Учителева Мария Петровна']);
  });

  it('titles a task with the name of the person it is about, and names its assignee', async () => {
    const methodologistId = randomUUID();
    const methodologist = system.token(methodologistId, ['methodologist'], [school]);
    await addPerson(system, school, as.curator, 'Методистова', { personId: methodologistId });
    const today = localDateOf(new Date(), places.tolyatti.timeZone);
    const route = await createRoute(system, school, tutor, { teacherId: id.mentee, methodologistId, today });
    expect((await recordDiagnostics(system, route.body.state.routeId, tutor, today)).status).toBe(200);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', methodologist),
      (r) => r.body?.length > 0 && r.body[0].displayTitle !== undefined,
    );
    expect(inbox.body[0]).toMatchObject({
      assigneeName: 'Методистова Мария Петровна',
      subjectNames: ['Молодцова М. П.'],
      // The name in the case the wording needs (genitive after «для»), right after the route's code.
      displayTitle: expect.stringMatching(
        /^Составить проект ИОМ \S+ для Молодцовой М\. П\. по результатам входной диагностики/,
      ),
    });
  });

  it('exports a «ФИО» column beside each person id (the CSV; the XLSX is written from the same sheets)', async () => {
    const csv = async () => {
      const response = await fetch(`${system.baseUrl}/organisations/${school}/reports/routes?format=csv`, {
        headers: { authorization: `Bearer ${as.curator}` },
      });
      return response.text();
    };
    const text = await system.eventually(csv, (body) => body.includes(id.teacher));
    // Russian Excel's CSV: `;` between cells.
    expect(text).toContain('Педагог (идентификатор);Педагог (ФИО);Методист (идентификатор);Методист (ФИО)');
    const row = text.split('\r\n').find((line) => line.includes(id.teacher));
    expect(row).toContain(
      `${id.teacher};Учителева Мария Петровна;${id.methodologist};Пользователь ${id.methodologist.slice(0, 8)}`,
    );
    expect(text).toContain('Методист (идентификатор);Методист (ФИО);Ожидалось проектов');
  });
});
