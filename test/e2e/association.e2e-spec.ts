import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { addDays, localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/** The mentors' methodical association through HTTP (issue 28; 002 §9.1.2, §11; 004 slide 31). */
describe('mentors’ methodical association through HTTP (issue 28)', () => {
  let system: TestSystem;
  const region = `Область МО ${randomUUID().slice(0, 8)}`;
  const as = {} as Record<
    'admin' | 'curator' | 'mentorA' | 'mentorB' | 'otherCurator' | 'coordinator' | 'centreDirector',
    string
  >;
  const ids = { curator: randomUUID(), coordinator: randomUUID() };
  let school: string;
  let neighbour: string;
  let centre: string;
  let mentorA: string;
  let mentorB: string;
  let outsider: string;
  let associationId: string;
  const zone = places.tolyatti.timeZone;

  beforeAll(async () => {
    system = await TestSystem.start();
    as.admin = system.token(randomUUID(), ['administrator']);
    const register = async (place: Parameters<typeof registerOrganisation>[2]) => {
      const response = await registerOrganisation(system, as.admin, place);
      expect(response.status).toBe(201);
      return response.body.organisationId as string;
    };
    school = await register({ ...places.tolyatti, region });
    neighbour = await register({ ...places.tolyatti, name: 'МБОУ «Гимназия № 3»', region });
    centre = await register({
      ...places.tolyatti,
      name: 'МБУ «Центр методического сопровождения»',
      kind: 'municipalMethodCentre',
      region,
    });
    as.curator = system.token(ids.curator, ['curator'], [school]);
    as.otherCurator = system.token(randomUUID(), ['curator'], [neighbour]);
    as.coordinator = system.token(ids.coordinator, ['regionalCoordinator'], [], { region });
    as.centreDirector = system.token(randomUUID(), ['director'], [centre]);
    mentorA = await addPerson(system, school, as.curator, 'Ласточкина', { firstName: 'Анна' });
    mentorB = await addPerson(system, school, as.curator, 'Воробьёв', { firstName: 'Борис' });
    outsider = await addPerson(system, neighbour, as.otherCurator, 'Синицына');
    as.mentorA = system.token(mentorA, ['mentor'], [school]);
    as.mentorB = system.token(mentorB, ['mentor'], [school]);
    // The coordinator reaches the region's organisations through the organisations' projection.
    await system.eventually(
      () => system.request('GET', `/organisations/${centre}`, as.coordinator),
      (r) => r.status === 200,
    );
  }, 120_000);
  afterAll(() => system?.stop());

  it('refuses bad input with 400 naming the fields, and creates nothing', async () => {
    const bad = await system.request('POST', '/associations', as.curator, {
      name: '',
      level: 'district',
      organisationId: 'school-5',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['name', 'level', 'organisationId']),
    );
    const list = await system.request('GET', `/associations?organisationId=${school}`, as.curator);
    expect(list.body).toEqual([]);
  });

  it('a mentor may not create the association; a curator creates it', async () => {
    const body = { name: 'МО наставников школы № 5', level: 'organisation', organisationId: school };
    expect((await system.request('POST', '/associations', as.mentorA, body)).status).toBe(403);
    const created = await system.request('POST', '/associations', as.curator, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'МО наставников школы № 5',
      levelLabel: 'Образовательная организация',
      organisationName: places.tolyatti.name,
      members: [],
      plan: [],
      meetings: [],
      canManage: true,
    });
    associationId = created.body.associationId;
  });

  it('adds two mentors by person; a person of another organisation is refused with the reason', async () => {
    for (const personId of [mentorA, mentorB]) {
      const added = await system.request('POST', `/associations/${associationId}/members`, as.curator, { personId });
      expect(added.status).toBe(200);
    }
    const twice = await system.request('POST', `/associations/${associationId}/members`, as.curator, {
      personId: mentorA,
    });
    expect(twice.status).toBe(409);
    const foreign = await system.request('POST', `/associations/${associationId}/members`, as.curator, {
      personId: outsider,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail).toContain('только её работники');
    const shown = await system.request('GET', `/associations/${associationId}`, as.curator);
    expect(shown.body.members.map((m: { fullName: string }) => m.fullName)).toEqual([
      expect.stringContaining('Ласточкина Анна'),
      expect.stringContaining('Воробьёв Борис'),
    ]);
  });

  it('another organisation’s curator does not find it (404); a member reads it but may not keep it (403)', async () => {
    expect((await system.request('GET', `/associations/${associationId}`, as.otherCurator)).status).toBe(404);
    expect(
      (await system.request('POST', `/associations/${associationId}/members`, as.otherCurator, { personId: outsider }))
        .status,
    ).toBe(404);
    const read = await system.request('GET', `/associations/${associationId}`, as.mentorB);
    expect(read.status).toBe(200);
    expect(read.body.canManage).toBe(false);
    const listed = await system.request('GET', '/associations', as.mentorB);
    expect(listed.body.map((a: { associationId: string }) => a.associationId)).toContain(associationId);
    expect(
      (
        await system.request('POST', `/associations/${associationId}/plan`, as.mentorB, {
          title: 'Семинар',
          date: localDay(zone, 30),
          responsibleId: mentorB,
        })
      ).status,
    ).toBe(403);
  });

  it('a plan item becomes the responsible mentor’s task due on its date; marking it done completes the item', async () => {
    const date = localDay(zone, 30);
    const bad = await system.request('POST', `/associations/${associationId}/plan`, as.curator, {
      title: '',
      date: '30.12.2026',
      responsibleId: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['title', 'date', 'responsibleId']);
    const notMember = await system.request('POST', `/associations/${associationId}/plan`, as.curator, {
      title: 'Семинар',
      date,
      responsibleId: outsider,
    });
    expect(notMember.status).toBe(422);
    const added = await system.request('POST', `/associations/${associationId}/plan`, as.curator, {
      title: 'Семинар «Адаптация молодого педагога»',
      date,
      responsibleId: mentorA,
    });
    expect(added.status).toBe(200);
    expect(added.body.plan).toEqual([
      expect.objectContaining({
        title: 'Семинар «Адаптация молодого педагога»',
        date,
        responsibleName: expect.stringContaining('Ласточкина'),
        status: 'open',
      }),
    ]);
    const itemId = added.body.plan[0].itemId as string;

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.mentorA),
      (r) => Array.isArray(r.body) && r.body.some((t: { taskId: string }) => t.taskId === itemId),
    );
    const task = inbox.body.find((t: { taskId: string }) => t.taskId === itemId);
    expect(task).toMatchObject({
      kind: 'associationPlanItem',
      dueLocalDate: date,
      title: expect.stringContaining('Семинар «Адаптация молодого педагога»'),
    });
    const others = await system.request('GET', '/tasks', as.mentorB);
    expect(others.body.map((t: { taskId: string }) => t.taskId)).not.toContain(itemId);

    const done = await system.request('POST', `/tasks/${itemId}/complete`, as.mentorA, { result: 'Проведён' });
    expect(done.status).toBe(200);
    const after = await system.request('GET', `/associations/${associationId}`, as.curator);
    expect(after.body.plan[0]).toMatchObject({ status: 'done' });
  });

  it('records a meeting with minutes; a meeting after today is refused naming the date', async () => {
    const held = localDay(zone, -2);
    const bad = await system.request('POST', `/associations/${associationId}/meetings`, as.curator, {
      date: '',
      minutesNumber: '',
      agenda: '',
      decisions: '',
      attendeeIds: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['date', 'minutesNumber', 'agenda', 'decisions', 'attendeeIds']),
    );
    const minutes = {
      date: held,
      minutesNumber: '1',
      agenda: 'Утверждение плана работы на учебный год',
      decisions: 'План работы утвердить',
      attendeeIds: [mentorA, mentorB],
    };
    const future = await system.request('POST', `/associations/${associationId}/meetings`, as.curator, {
      ...minutes,
      date: addDays(localDay(zone), 3),
    });
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body)).toContain('Дата заседания');
    const recorded = await system.request('POST', `/associations/${associationId}/meetings`, as.curator, minutes);
    expect(recorded.status).toBe(200);
    expect(recorded.body.meetings).toEqual([
      expect.objectContaining({
        date: held,
        minutesNumber: '1',
        agenda: 'Утверждение плана работы на учебный год',
        decisions: 'План работы утвердить',
        attendees: [
          expect.objectContaining({ fullName: expect.stringContaining('Ласточкина') }),
          expect.objectContaining({ fullName: expect.stringContaining('Воробьёв') }),
        ],
      }),
    ]);
  });

  it('removes a member, and the history names who did what', async () => {
    const removed = await system.request('POST', `/associations/${associationId}/members/remove`, as.curator, {
      personId: mentorB,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toHaveLength(1);
    const history = await system.request('GET', `/associations/${associationId}/history?limit=50`, as.curator);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'AssociationCreated',
      'AssociationMemberAdded',
      'AssociationMemberAdded',
      'AssociationPlanItemAdded',
      'TaskRaised',
      'TaskCompleted',
      'AssociationMeetingHeld',
      'AssociationMemberRemoved',
    ]);
  });

  it('a municipality’s association lives at its methodical centre and takes mentors of the municipality’s schools', async () => {
    const body = { name: 'Городское МО наставников', level: 'municipality', organisationId: centre };
    const atSchool = await system.request('POST', '/associations', as.curator, { ...body, organisationId: school });
    expect(atSchool.status).toBe(422);
    const created = await system.request('POST', '/associations', as.coordinator, body);
    expect(created.status).toBe(201);
    const id = created.body.associationId as string;
    const added = await system.request('POST', `/associations/${id}/members`, as.centreDirector, {
      personId: outsider,
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([
      expect.objectContaining({
        fullName: expect.stringContaining('Синицына'),
        organisationName: 'МБОУ «Гимназия № 3»',
      }),
    ]);
  });

  it('the organisation’s and the region’s report downloads (CSV and XLSX) count the associations with Russian headings', async () => {
    // A second plan item, still open: the school's МО has one done, one open, one member, one meeting.
    const open = await system.request('POST', `/associations/${associationId}/plan`, as.curator, {
      title: 'Открытый урок наставника',
      date: localDay(zone, 40),
      responsibleId: mentorA,
    });
    expect(open.status).toBe(200);
    const download = async (path: string, format: 'csv' | 'xlsx') => {
      const response = await fetch(`${system.baseUrl}${path}${path.includes('?') ? '&' : '?'}format=${format}`, {
        headers: { authorization: `Bearer ${as.coordinator}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const csvRows = (bytes: Buffer) => {
      // Russian Excel's CSV: a byte-order mark, `;` between cells.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return bytes.toString('utf8').slice(1).split('\r\n');
    };
    const sheetRows = async (bytes: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as never);
      const sheet = workbook.getWorksheet('МО наставников');
      expect(sheet).toBeDefined();
      const rows: string[] = [];
      sheet?.eachRow((row) => rows.push(`${String(row.getCell(1).value)};${String(row.getCell(2).value)}`));
      return rows;
    };
    const expected = (associations: number, members: number) => [
      'Показатель;Значение',
      `Методических объединений наставников;${associations}`,
      `Участников методических объединений;${members}`,
      'Заседаний проведено;1',
      'Пунктов плана работы выполнено;1',
      'Пунктов плана работы не выполнено;1',
    ];
    // Both the JSON and the downloads read the read model: wait until it has the new item.
    const organisationReport = `/organisations/${school}/reports/monitoring`;
    await system.eventually(
      () => system.request('GET', organisationReport, as.coordinator),
      (r) => r.status === 200 && r.body.associations?.planItemsOpen === 1,
    );
    const schoolCsv = csvRows(await download(organisationReport, 'csv'));
    expect(schoolCsv).toContain('Методические объединения наставников');
    expect(schoolCsv).toEqual(expect.arrayContaining(expected(1, 1)));
    await expect(sheetRows(await download(organisationReport, 'xlsx'))).resolves.toEqual(expected(1, 1));

    // The region counts the school's МО and the municipality's (Синицына its one member).
    const regionReport = `/reports/region?region=${encodeURIComponent(region)}`;
    const regionJson = await system.request('GET', regionReport, as.coordinator);
    expect(regionJson.body.associations).toEqual({
      associations: 2,
      members: 2,
      meetingsHeld: 1,
      planItemsDone: 1,
      planItemsOpen: 1,
    });
    expect(csvRows(await download(regionReport, 'csv'))).toEqual(expect.arrayContaining(expected(2, 2)));
    await expect(sheetRows(await download(regionReport, 'xlsx'))).resolves.toEqual(expected(2, 2));
  });

  it('a member’s person history names the association she joined, her plan items and the meetings she attended', async () => {
    const name = 'МО наставников школы № 5';
    const history = async (personId: string) => {
      const response = await system.request('GET', `/people/${personId}/history?limit=50`, as.curator);
      expect(response.status).toBe(200);
      return (response.body as { type: string; association?: { name: string }; actorName?: string }[]).filter(
        (e) => e.association !== undefined,
      );
    };
    const mine = await history(mentorA);
    expect(mine.map((e) => e.type)).toEqual([
      'AssociationMemberAdded',
      'AssociationPlanItemAdded',
      'AssociationMeetingHeld',
      'AssociationPlanItemAdded',
    ]);
    expect(mine.every((e) => e.association?.name === name)).toBe(true);
    expect(mine[0]?.actorName).toBeDefined();
    // Воробьёв attended the meeting and left; he was responsible for nothing.
    expect((await history(mentorB)).map((e) => e.type)).toEqual([
      'AssociationMemberAdded',
      'AssociationMeetingHeld',
      'AssociationMemberRemoved',
    ]);
    // Синицына's history knows only the municipality's association.
    const outsiders = await system.request('GET', `/people/${outsider}/history?limit=50`, as.otherCurator);
    expect(
      outsiders.body.flatMap((e: { association?: { name: string } }) => (e.association ? [e.association.name] : [])),
    ).toEqual(['Городское МО наставников']);
  });
});
