import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { practiceDecider, practiceStream, type PracticeCommand } from '@mentorflow/domain';
import { addPerson } from '../support/people';
import { places, registerOrganisation } from '../support/programme-setup';
import { daysAgo, recordInThePast, regionReportDaysAgo } from '../support/past-history';
import { TestSystem } from '../support/system';

const DAY = 86_400_000;

/** A practice's content as the form sends it; the problem's text says «адаптация», the search asks «адаптации». */
const practiceContent = (overrides: Record<string, unknown> = {}) => ({
  title: 'Школа молодого педагога',
  form: 'teacherTeacher',
  problem: 'Трудная адаптация молодых специалистов в первый год работы',
  whatWasDone: 'Еженедельные встречи наставника и молодого педагога, взаимопосещение уроков',
  results: 'Все четыре молодых педагога остались в школе',
  evidence: 'Анкетирование, протоколы посещения уроков',
  subject: 'Математика',
  level: 'municipal',
  attachments: ['https://disk.example.ru/practice.pdf'],
  ...overrides,
});

const practiceBody = (organisationId: string, overrides: Record<string, unknown> = {}) => ({
  organisationId,
  ...practiceContent(overrides),
});

describe('bank of best practices through HTTP (issue 28)', () => {
  let system: TestSystem;
  // A region of this file's own: other files share the database and the region report counts by region.
  const region = `Область практик ${randomUUID().slice(0, 8)}`;
  const ids = { mentor: randomUUID(), head: randomUUID(), curator: randomUUID(), coordinator: randomUUID() };
  const as = {} as Record<'admin' | 'mentor' | 'head' | 'curator' | 'coordinator' | 'neighbour' | 'stranger', string>;
  let school: string;
  let neighbour: string;
  let practiceId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    as.admin = system.token(randomUUID(), ['administrator']);
    const register = async (place: typeof places.tolyatti) => {
      const response = await registerOrganisation(system, as.admin, place);
      expect(response.status).toBe(201);
      return response.body.organisationId as string;
    };
    school = await register({ ...places.tolyatti, region });
    neighbour = await register({ ...places.samara, name: 'МБОУ «Гимназия № 1»', region });
    const elsewhere = await register(places.vladivostok);
    as.curator = system.token(ids.curator, ['curator'], [school]);
    as.mentor = system.token(ids.mentor, ['mentor'], [school]);
    as.head = system.token(ids.head, ['commissionHead'], [school]);
    as.coordinator = system.token(ids.coordinator, ['regionalCoordinator'], [], { region });
    as.neighbour = system.token(randomUUID(), ['mentee'], [neighbour]);
    as.stranger = system.token(randomUUID(), ['mentor'], [elsewhere]);
    await addPerson(system, school, as.curator, 'Наставникова', { personId: ids.mentor, firstName: 'Анна' });
    // The region's readers reach its organisations through the organisations' projection.
    await system.eventually(
      () => system.request('GET', `/organisations/${school}`, as.coordinator),
      (r) => r.status === 200,
    );
  });
  afterAll(() => system?.stop());

  it('refuses a practice with a missing title or a non-https attachment, naming the field, and stores nothing', async () => {
    const untitled = await system.request('POST', '/practices', as.mentor, practiceBody(school, { title: '' }));
    expect(untitled.status).toBe(400);
    expect(untitled.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title' })]));
    const insecure = await system.request(
      'POST',
      '/practices',
      as.mentor,
      practiceBody(school, { attachments: ['http://disk.example.ru/a.pdf'] }),
    );
    expect(insecure.status).toBe(400);
    expect(insecure.body.errors[0]).toMatchObject({ field: 'attachments', constraint: 'isFileRef' });
    const list = await system.request('GET', `/practices?organisationId=${school}`, as.mentor);
    expect(list.body).toEqual([]);
  });

  it('a mentee cannot submit a practice; a mentor of another organisation cannot submit in this one', async () => {
    expect((await system.request('POST', '/practices', as.neighbour, practiceBody(neighbour))).status).toBe(403);
    expect((await system.request('POST', '/practices', as.stranger, practiceBody(school))).status).toBe(404);
  });

  it('runs submit → return with a comment → resubmit → publish, and the region finds it by a word form', async () => {
    const submitted = await system.request('POST', '/practices', as.mentor, practiceBody(school));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      statusLabel: 'На рассмотрении',
      authorName: expect.stringContaining('Наставникова'),
      organisationName: places.tolyatti.name,
      formLabel: 'Педагог – педагог',
      content: { title: 'Школа молодого педагога', attachments: ['https://disk.example.ru/practice.pdf'] },
    });
    practiceId = submitted.body.practiceId;

    // Not yet published: the neighbouring school does not see it.
    expect((await system.request('GET', `/practices/${practiceId}`, as.neighbour)).status).toBe(404);

    const noComment = await system.request('POST', `/practices/${practiceId}/return`, as.head, { comment: '' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0]).toMatchObject({ field: 'comment' });
    const returned = await system.request('POST', `/practices/${practiceId}/return`, as.head, {
      comment: 'Добавьте результаты анкетирования в цифрах',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returns: [{ comment: 'Добавьте результаты анкетирования в цифрах', returnedBy: ids.head }],
    });
    const early = await system.request('POST', `/practices/${practiceId}/publish`, as.coordinator, {});
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/возвращена автору/);

    const content = practiceContent({
      results: 'Все четыре молодых педагога остались в школе; 92 % отметили рост уверенности',
    });
    expect((await system.request('POST', `/practices/${practiceId}/resubmit`, as.head, content)).status).toBe(403);
    const resubmitted = await system.request('POST', `/practices/${practiceId}/resubmit`, as.mentor, content);
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', canResubmit: false });

    expect((await system.request('POST', `/practices/${practiceId}/publish`, as.mentor, {})).status).toBe(403);
    const published = await system.request('POST', `/practices/${practiceId}/publish`, as.coordinator, {});
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: ids.coordinator });
    const again = await system.request('POST', `/practices/${practiceId}/publish`, as.head, {});
    expect(again.status).toBe(409);

    // Russian full-text search: «адаптации» finds the text that says «адаптация».
    const found = await system.eventually(
      () =>
        system.request('GET', `/practices?q=${encodeURIComponent('адаптации')}&organisationId=${school}`, as.neighbour),
      (r) => r.status === 200 && r.body.length === 1,
    );
    expect(found.body[0]).toMatchObject({
      practiceId,
      status: 'published',
      authorName: expect.stringContaining('Наставникова'),
      organisationName: places.tolyatti.name,
    });
    for (const filter of ['form=teacherTeacher', 'level=municipal', `subject=${encodeURIComponent('матем')}`]) {
      const filtered = await system.request('GET', `/practices?${filter}&organisationId=${school}`, as.neighbour);
      expect({ filter, ids: filtered.body.map((p: { practiceId: string }) => p.practiceId) }).toEqual({
        filter,
        ids: [practiceId],
      });
    }
    for (const filter of ['form=headTeacher', 'level=regional', `q=${encodeURIComponent('олимпиада')}`]) {
      const filtered = await system.request('GET', `/practices?${filter}&organisationId=${school}`, as.neighbour);
      expect({ filter, count: filtered.body.length }).toEqual({ filter, count: 0 });
    }
    // Another region does not see it.
    expect((await system.request('GET', `/practices/${practiceId}`, as.stranger)).status).toBe(404);
    const foreign = await system.request('GET', `/practices?organisationId=${school}`, as.stranger);
    expect(foreign.body).toEqual([]);
  });

  it("keeps the practice's history: who submitted, returned, resubmitted and published it, named", async () => {
    const history = await system.request('GET', `/practices/${practiceId}/history`, as.mentor);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string; actorId: string }) => [e.type, e.actorId])).toEqual([
      ['PracticeSubmitted', ids.mentor],
      ['PracticeReturned', ids.head],
      ['PracticeResubmitted', ids.mentor],
      ['PracticePublished', ids.coordinator],
    ]);
    expect(history.body[0].actorName).toContain('Наставникова');
  });

  it('counts practices submitted and published per organisation in the region report, as of any date', async () => {
    const pending = await system.request(
      'POST',
      '/practices',
      as.mentor,
      practiceBody(school, { title: 'Наставничество в группе' }),
    );
    expect(pending.status).toBe(201);
    const row = (body: { organisations: { items: { organisationId: string }[] } }): any =>
      body.organisations.items.find((o) => o.organisationId === school);
    const today = await system.eventually(
      () => system.request('GET', `/reports/region?region=${encodeURIComponent(region)}`, as.coordinator),
      (r) => r.status === 200 && row(r.body)?.practicesSubmitted === 2,
      30_000,
    );
    expect(row(today.body)).toMatchObject({ practicesSubmitted: 2, practicesPublished: 1 });
    expect(today.body.totals).toMatchObject({ practicesSubmitted: 2, practicesPublished: 1 });
    const yesterday = localDateOf(new Date(Date.now() - DAY), places.tolyatti.timeZone);
    const before = await system.request(
      'GET',
      `/reports/region?region=${encodeURIComponent(region)}&asOf=${yesterday}`,
      as.coordinator,
    );
    expect(before.status).toBe(200);
    // The school was registered today: yesterday's region did not have it, nor its practices.
    expect(row(before.body)).toBeUndefined();
  });

  it('counts by when each step happened: a history recorded in the past reads as of each of its days', async () => {
    // A school registered 20 days ago whose practice was submitted 10 days ago and published 5 days ago.
    const name = 'МБОУ «Школа № 9»';
    const practiceId = randomUUID();
    await recordInThePast({ ...places.samara, name, region }, 20, ({ organisationId, admin, decide }) =>
      decide<PracticeCommand>(practiceStream(practiceId), practiceDecider, [
        {
          type: 'SubmitPractice',
          data: { practiceId, organisationId, ...practiceContent(), form: 'teacherTeacher', level: 'regional' },
          metadata: { actorId: randomUUID(), role: 'mentor', now: daysAgo(10) },
        },
        { type: 'PublishPractice', data: {}, metadata: { ...admin, now: daysAgo(5) } },
      ]),
    );
    const asOf = async (days: number) => {
      const report = await regionReportDaysAgo(system, as.coordinator, region, days, places.samara.timeZone);
      const school = report.organisations.items.find((o: { name: string }) => o.name === name);
      return { daysAgo: days, submitted: school?.practicesSubmitted, published: school?.practicesPublished };
    };
    // The projector catches up with the appended history first.
    await system.eventually(
      () => asOf(1),
      (r) => r.published === 1,
      30_000,
    );
    expect(await asOf(15)).toEqual({ daysAgo: 15, submitted: 0, published: 0 });
    expect(await asOf(7)).toEqual({ daysAgo: 7, submitted: 1, published: 0 });
    expect(await asOf(3)).toEqual({ daysAgo: 3, submitted: 1, published: 1 });
  });
});
