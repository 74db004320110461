import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import { organisationStream } from '@mentorflow/domain';
import { selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import { formPair, places, registerOrganisation, startProgramme } from '../support/programme-setup';
import { fourYearsLessADay, recordDiagnostics, titlePage } from '../support/route-setup';
import { TestSystem } from '../support/system';

/**
 * Issue 18, «names everywhere» while «events keep ids, not names»: a staff assignment stores the person's id
 * only and the staff list names them from the directory; tasks name their person in the case the title's
 * wording needs; the JSON reports and a pair's mentee routes name people beside their ids — to those who see
 * the organisation's staff by name, and no one else.
 */
describe('people named from the directory, never from events (issue 18)', () => {
  let system: TestSystem;
  let db: DataSource;
  let school: string;
  let pairId: string;
  let routeId: string;
  /** A surname no other spec uses, so finding it in the events table is this assignment's trace. */
  const headSurname = `Завучева${[...randomBytes(6)].map((b) => 'абвгдежзиклмнопрстуфхцчшщэюя'[b % 28]).join('')}`;
  const id = {
    head: randomUUID(),
    curator: randomUUID(),
    mentor: randomUUID(),
    mentee: randomUUID(),
    methodologist: randomUUID(),
    tutor: randomUUID(),
  };
  const as = {} as Record<
    'admin' | 'director' | 'curator' | 'mentee' | 'methodologist' | 'tutor' | 'coordinator',
    string
  >;
  const today = () => localDateOf(new Date(), places.tolyatti.timeZone);

  beforeAll(async () => {
    system = await TestSystem.start();
    db = system.api.get(DataSource);
    as.admin = system.token(randomUUID(), ['administrator']);
    school = (await registerOrganisation(system, as.admin, places.tolyatti)).body.organisationId as string;
    as.director = system.token(randomUUID(), ['director'], [school]);
    as.curator = system.token(id.curator, ['curator'], [school]);
    as.mentee = system.token(id.mentee, ['mentee'], [school]);
    as.methodologist = system.token(id.methodologist, ['methodologist'], [school]);
    as.tutor = system.token(id.tutor, ['tutor'], [school]);
    // The region's coordinator reads the school's reports (its region), not its staff by name.
    as.coordinator = system.token(randomUUID(), ['regionalCoordinator']);
    system.token(id.mentor, ['mentor'], [school]);
    await addPerson(system, school, as.curator, headSurname, { personId: id.head });
    await addPerson(system, school, as.curator, 'Наставникова', { personId: id.mentor });
    await addPerson(system, school, as.curator, 'Молодцов', {
      personId: id.mentee,
      firstName: 'Иван',
      patronymic: 'Сергеевич',
    });
    await addPerson(system, school, as.curator, 'Методистова', { personId: id.methodologist });
    await addPerson(system, school, as.curator, 'Тьюторова', { personId: id.tutor });

    const { programmeId } = await startProgramme(system, school, as.director, id.curator);
    await selectParticipants(system, programmeId, as.curator, [
      { personId: id.mentor, role: 'mentor' },
      { personId: id.mentee, role: 'mentee' },
    ]);
    const formed = await formPair(system, programmeId, as.director, id.mentor, id.mentee);
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId as string;
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.curator),
      (r) => r.status === 200,
    );
    const route = await system.request('POST', `/organisations/${school}/routes`, as.tutor, {
      teacherId: id.mentee,
      methodologistId: id.methodologist,
      regionCode: '63',
      titlePage: titlePage(today(), fourYearsLessADay(today())),
      pairId,
    });
    expect(route.status).toBe(201);
    routeId = route.body.state.routeId as string;
  });
  afterAll(() => system?.stop());

  it('assigns staff by id only: a body with a name is 400 naming the field, the event store holds no name, the staff list names the person from the directory', async () => {
    const assign = (body: Record<string, unknown>) =>
      system.request('POST', `/organisations/${school}/staff`, as.admin, body);
    const named = await assign({
      personId: id.head,
      role: 'commissionHead',
      fullName: `${headSurname} Мария Петровна`,
    });
    expect(named.status).toBe(400);
    expect(named.body.errors).toEqual([
      expect.objectContaining({ field: 'fullName', constraint: 'whitelistValidation' }),
    ]);
    expect((await system.request('GET', `/organisations/${school}`, as.curator)).body.staff).toEqual([]);

    expect((await assign({ personId: id.head, role: 'commissionHead' })).status).toBe(200);
    const [stored] = await db.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM events WHERE stream_id = $1 AND type = 'StaffAssigned'`,
      [organisationStream(school)],
    );
    expect(stored?.data).toMatchObject({ personId: id.head, role: 'commissionHead' });
    expect(stored?.data).not.toHaveProperty('fullName');
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE data::text LIKE $1 OR metadata::text LIKE $1`,
      [`%${headSurname}%`],
    );
    expect(n).toBe(0);

    const entry = { personId: id.head, role: 'commissionHead', assignedAt: expect.any(String) };
    const asCurator = await system.request('GET', `/organisations/${school}`, as.curator);
    expect(asCurator.body.staff).toEqual([
      { ...entry, fullName: `${headSurname} Мария Петровна`, shortName: `${headSurname} М. П.`, hasConsent: false },
    ]);
    const listed = await system.eventually(
      () => system.request('GET', '/organisations', as.curator),
      (r) => r.body?.[0]?.staff?.length === 1,
    );
    expect(listed.body[0].staff[0]).toMatchObject({ personId: id.head, fullName: `${headSurname} Мария Петровна` });
    // A mentee reads the organisation, not its staff's names.
    expect((await system.request('GET', `/organisations/${school}`, as.mentee)).body.staff).toEqual([entry]);
  });

  it("titles the methodologist's task with the teacher in the genitive: «для Молодцова И. С.»", async () => {
    expect((await recordDiagnostics(system, routeId, as.tutor, today())).status).toBe(200);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => r.body?.[0]?.displayTitle !== undefined,
    );
    expect(inbox.body[0]).toMatchObject({
      kind: 'draftRoute',
      subjectNames: ['Молодцов И. С.'],
      displayTitle: expect.stringMatching(/^Составить проект ИОМ \S+ для Молодцова И\. С\. по результатам/),
    });
  });

  it("names the teacher of each of a pair's mentee routes beside the id", async () => {
    const pair = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.curator),
      (r) => r.body?.menteeRoutes?.length === 1,
    );
    expect(pair.body.menteeRoutes[0]).toMatchObject({
      routeId,
      teacherId: id.mentee,
      teacherName: 'Молодцов Иван Сергеевич',
      teacherShortName: 'Молодцов И. С.',
    });
  });

  it("names people beside their ids in the JSON reports for the school's staff; the regional coordinator reads ids", async () => {
    const routes = (token: string) => system.request('GET', `/organisations/${school}/reports/routes`, token);
    const asCurator = await system.eventually(
      () => routes(as.curator),
      // The report's facts follow the events: the route, and its methodologist's awaited draft (the diagnostics above).
      (r) =>
        r.body?.routes?.items?.some((item: { routeId: string }) => item.routeId === routeId) &&
        r.body.methodologists?.length === 1,
    );
    expect(asCurator.body.routes.items.find((item: { routeId: string }) => item.routeId === routeId)).toMatchObject({
      teacherId: id.mentee,
      teacherName: 'Молодцов Иван Сергеевич',
      teacherShortName: 'Молодцов И. С.',
      methodologistName: 'Методистова Мария Петровна',
      tutorShortName: 'Тьюторова М. П.',
    });
    expect(asCurator.body.methodologists).toEqual([
      expect.objectContaining({ methodologistId: id.methodologist, methodologistName: 'Методистова Мария Петровна' }),
    ]);
    const asTutor = await routes(as.tutor);
    expect(asTutor.body.routes.items[0]).toMatchObject({ teacherName: 'Молодцов Иван Сергеевич' });

    const monitoring = (token: string) => system.request('GET', `/organisations/${school}/reports/monitoring`, token);
    const load = await system.eventually(
      () => monitoring(as.curator),
      (r) => r.body?.mentorLoad?.length === 1,
    );
    expect(load.body.mentorLoad[0]).toMatchObject({
      mentorId: id.mentor,
      mentorName: 'Наставникова Мария Петровна',
      mentorShortName: 'Наставникова М. П.',
    });
    expect(load.body.programmes[0]).toMatchObject({ curatorId: id.curator, curatorName: expect.any(String) });

    const asCoordinator = await monitoring(as.coordinator);
    expect(asCoordinator.status).toBe(200);
    expect(asCoordinator.body.mentorLoad[0]).toEqual({ mentorId: id.mentor, activePairs: 1, mentees: 1 });
    const routesAsCoordinator = await routes(as.coordinator);
    expect(routesAsCoordinator.status).toBe(200);
    expect(JSON.stringify(routesAsCoordinator.body)).not.toContain('Молодцов');
  });

  it('names people in the CSV and XLSX exports to the same readers as the JSON: the regional coordinator reads ids', async () => {
    /** An export as text: the CSV as it is, the XLSX's every cell. */
    const exported = async (report: 'monitoring' | 'routes', format: 'csv' | 'xlsx', token: string) => {
      const response = await fetch(`${system.baseUrl}/organisations/${school}/reports/${report}?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      if (format === 'csv') return response.text();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
      return cells.join('\n');
    };
    for (const format of ['csv', 'xlsx'] as const) {
      const monitoring = await exported('monitoring', format, as.curator);
      expect(monitoring).toContain(id.mentor);
      expect(monitoring).toContain('Наставникова Мария Петровна');
      const routes = await exported('routes', format, as.curator);
      expect(routes).toContain('Молодцов Иван Сергеевич');

      const monitoringAsCoordinator = await exported('monitoring', format, as.coordinator);
      expect(monitoringAsCoordinator).toContain(id.mentor);
      expect(monitoringAsCoordinator).not.toContain('Наставникова');
      const routesAsCoordinator = await exported('routes', format, as.coordinator);
      expect(routesAsCoordinator).toContain(id.mentee);
      for (const surname of ['Молодцов', 'Методистова', 'Тьюторова'])
        expect(routesAsCoordinator).not.toContain(surname);
    }
  });

  it("names a school's regional specialists to those who see its staff by name; a mentee reads their ids", async () => {
    const centre = (
      await registerOrganisation(system, as.admin, {
        ...places.tolyatti,
        name: 'ЦНППМ Самарской области',
        kind: 'professionalExcellenceCentre',
      })
    ).body.organisationId as string;
    const specialist = randomUUID();
    system.token(specialist, ['tutor'], [centre]);
    await addPerson(system, centre, as.admin, 'Регионова', { personId: specialist });
    const assigned = await system.request('POST', `/organisations/${school}/regional-specialists`, as.admin, {
      personId: specialist,
      role: 'tutor',
      regionalOrganisationId: centre,
    });
    expect(assigned.status).toBe(200);

    const specialists = (token: string) =>
      system.request('GET', `/organisations/${school}/regional-specialists`, token);
    const asCurator = await specialists(as.curator);
    expect(asCurator.body).toEqual([
      expect.objectContaining({ personId: specialist, role: 'tutor', name: 'Регионова Мария Петровна' }),
    ]);
    const asMentee = await specialists(as.mentee);
    expect(asMentee.status).toBe(200);
    expect(asMentee.body).toEqual([
      expect.objectContaining({ personId: specialist, role: 'tutor', regionalOrganisationId: centre }),
    ]);
    expect(asMentee.body[0]).not.toHaveProperty('name');
  });
});
