import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { addDays, addYears } from '../support/dates';
import { downloadDocument } from '../support/documents';
import { freshIds } from '../support/ids';
import { organisationWith, places } from '../support/programme-setup';
import { courseRow, ictDeficit, mathsTeacherTitlePage, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { startWithOrganisation } from '../support/system-start';

/** Issue 28: an ИОМ road-map activity «изучение практики» links a published practice of the region's bank. */
describe('a road-map activity links a practice of the bank through HTTP', () => {
  let system: TestSystem;
  const { timeZone } = places.tolyatti;
  const [admin, tutor, methodologist, teacher, author, head, farAuthor, farHead] = freshIds(8);
  let as: Record<'tutor' | 'methodologist' | 'teacher' | 'author' | 'head', string>;
  let far: Record<'farAuthor' | 'farHead', string>;
  let organisationId: string;
  let farOrganisationId: string;
  let routeId: string;
  const today = () => localDateOf(new Date(), timeZone);

  const practice = async (token: string, organisation: string, title: string) => {
    const submitted = await system.request('POST', '/practices', token, {
      organisationId: organisation,
      title,
      form: 'teacherTeacher',
      problem: 'Трудная адаптация молодых специалистов',
      whatWasDone: 'Взаимопосещение уроков',
      results: 'Молодые педагоги остались в школе',
      evidence: 'Анкетирование',
      subject: 'Математика',
      level: 'organisation',
    });
    expect(submitted.status).toBe(201);
    return submitted.body.practiceId as string;
  };
  const published = async (token: string, practiceId: string, reader: string) => {
    expect((await system.request('POST', `/practices/${practiceId}/publish`, token, {})).status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/practices?status=published`, reader),
      (r) => r.body.some((p: { practiceId: string }) => p.practiceId === practiceId),
    );
    return practiceId;
  };
  const practiceRow = (practiceId: string) => ({
    ...courseRow(addDays(today(), 90)),
    rowId: 'row-p',
    activity: 'Изучить опыт коллег по адаптации молодых педагогов',
    activityKind: 'practiceStudy',
    hours: 4,
    practiceId,
  });
  const submitDraft = (rows: object[]) =>
    system.request('POST', `/routes/${routeId}/submit-draft`, as.methodologist, { rows });

  beforeAll(async () => {
    ({ system, organisationId, as } = await startWithOrganisation(
      places.tolyatti,
      { tutor, methodologist, teacher, author: [author, 'mentor'], head: [head, 'commissionHead'] },
      admin,
    ));
    ({ organisationId: farOrganisationId, as: far } = await organisationWith(
      system,
      places.vladivostok,
      { farAuthor: [farAuthor, 'mentor'], farHead: [farHead, 'commissionHead'] },
      admin,
    ));
    const start = today();
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, mathsTeacherTitlePage(start, addDays(addYears(start, 4), -1))),
    );
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId;
    const diagnostics = await system.request('POST', `/routes/${routeId}/record-diagnostics`, as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: ictDeficit(),
    });
    expect(diagnostics.status).toBe(200);
  }, 120_000);
  afterAll(() => system?.stop());

  it('refuses a practice not yet published, one of another region, and a practice on an activity of another kind', async () => {
    const draft = await practice(as.author, organisationId, 'Черновик практики');
    const unpublished = await submitDraft([practiceRow(draft)]);
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.unmet).toEqual([
      expect.objectContaining({ message: 'Строка 1 дорожной карты: практика ещё не опубликована в банке' }),
    ]);

    const farPractice = await published(
      far.farHead,
      await practice(far.farAuthor, farOrganisationId, 'Далёкая'),
      far.farAuthor,
    );
    const elsewhere = await submitDraft([practiceRow(farPractice)]);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.unmet).toEqual([
      expect.objectContaining({ message: 'Строка 1 дорожной карты: практика из банка другого региона' }),
    ]);

    const ownPractice = await published(as.head, await practice(as.author, organisationId, 'Другая'), as.author);
    const wrongKind = await submitDraft([{ ...practiceRow(ownPractice), activityKind: 'event' }]);
    expect(wrongKind.status).toBe(422);
    expect(JSON.stringify(wrongKind.body)).toContain('только для мероприятия вида «Изучение практики»');
  });

  it('links a published practice of the region: the teacher sees its title, the DOCX prints it', async () => {
    const practiceId = await published(
      as.head,
      await practice(as.author, organisationId, 'Школа молодого педагога'),
      as.author,
    );
    const submitted = await submitDraft([courseRow(addDays(today(), 60)), practiceRow(practiceId)]);
    expect(submitted.status).toBe(200);
    const shown = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.teacher),
      (r) => r.status === 200 && (r.body.practiceLinks ?? []).length === 1,
    );
    // The author has no card in the directory here (web-practices shows her full name): the directory's stand-in.
    expect(shown.body.practiceLinks).toEqual([
      { practiceId, title: 'Школа молодого педагога', authorName: expect.stringMatching(/^Пользователь /) },
    ]);
    expect(shown.body.draft?.rows ?? shown.body.roadMap?.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ rowId: 'row-p', practiceId })]),
    );
    const controlPoints = [{ controlPointId: 'cp-1', date: addDays(today(), 30), description: 'Практика изучена' }];
    const agreed = await system.request('POST', `/routes/${routeId}/agree-road-map`, as.tutor, { controlPoints });
    expect(agreed.status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) => r.status === 200 && r.body.roadMap !== undefined,
    );
    const document = await downloadDocument(system, `/routes/${routeId}/documents/route.docx`, as.tutor);
    expect(document.status).toBe(200);
    expect(document.text).toContain('Практика из банка: «Школа молодого педагога»');
  });
});
