import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { competenceAreas, pairStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { documentDate } from '../../apps/api/src/documents/document-date';
import { addDays } from '../support/dates';
import { downloadDocument, writeDocumentSnapshot } from '../support/documents';
import { addPerson } from '../support/people';
import { selectParticipants } from '../support/participants';
import {
  approvePersonalProgramme,
  mentorReplacement,
  pairFormation,
  places,
  registerOrganisation,
  startProgramme,
} from '../support/programme-setup';
import { courseRow, mathsTeacherTitlePage, routeInImplementation } from '../support/route-setup';
import { TestSystem } from '../support/system';

/** Every expected passage is in the document's text: the failure lists the ones missing. */
const expectAll = (text: string, passages: readonly string[]) =>
  expect(passages.filter((passage) => !text.includes(passage))).toEqual([]);

/**
 * Issue 22: the statutory documents of a pair, generated from its record as DOCX and read back as text:
 * the names come from the personal directory, the dates are written as orders write them.
 */
describe('statutory documents of a pair (DOCX)', () => {
  let system: TestSystem;
  let as: { director: string; curator: string; mentee: string; otherDirector: string };
  let organisationId: string;
  let programmeId: string;
  const people: Record<string, string> = {};
  const pairIds: string[] = [];
  let curatorId: string;

  const names = {
    mentor: ['Иванова', 'Мария', 'Петровна'],
    mentee: ['Петров', 'Илья', 'Сергеевич'],
    mentor2: ['Сидорова', 'Анна', 'Викторовна'],
    mentee2: ['Кузнецова', 'Ольга', 'Игоревна'],
    newMentor: ['Смирнов', 'Павел', 'Андреевич'],
  } as const;
  const fullName = (who: keyof typeof names) => names[who].join(' ');

  /** Before the fact it rests on, the curator's download is refused with 409 and this problem code. */
  const expectConflict = async (path: string, code: string) => {
    const refused = await downloadDocument(system, path, as.curator);
    expect(refused.status).toBe(409);
    expect(refused.problem.code).toBe(code);
  };

  /** The document downloads (as `filename` when given), says every passage and is that kind's snapshot. */
  const expectDocument = async (
    path: string,
    token: string,
    passages: readonly string[],
    { snapshot, filename }: { snapshot: string; filename?: string },
  ) => {
    const document = await downloadDocument(system, path, token);
    expect(document.status).toBe(200);
    if (filename) expect(document.disposition).toBe(`attachment; filename="${filename}"`);
    expectAll(document.text, passages);
    writeDocumentSnapshot(snapshot, document.text);
    return document;
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    const admin = system.token(randomUUID(), ['administrator']);
    organisationId = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId;
    const other = (await registerOrganisation(system, admin, places.vladivostok)).body.organisationId;
    const director = system.token(randomUUID(), ['director'], [organisationId]);
    // The curator is in the directory: the documents she approves or signs name her.
    curatorId = await addPerson(system, organisationId, director, 'Кузнецова', {
      firstName: 'Светлана',
      patronymic: 'Олеговна',
    });
    as = {
      director,
      curator: system.token(curatorId, ['curator'], [organisationId]),
      mentee: '',
      otherDirector: system.token(randomUUID(), ['director'], [other]),
    };
    for (const [who, [surname, firstName, patronymic]] of Object.entries(names)) {
      people[who] = await addPerson(system, organisationId, as.curator, surname, { firstName, patronymic });
    }
    as.mentee = system.token(people.mentee!, ['mentee'], [organisationId]);
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curatorId));
    const regulation = await system.request('POST', `/programmes/${programmeId}/documents`, as.curator, {
      documentId: randomUUID(),
      kind: 'regulationApprovalOrder',
      number: '12-о',
      date: '2026-08-20',
      signedBy: 'Директор',
    });
    expect(regulation.status).toBe(200);
    await selectParticipants(system, programmeId, as.curator, [
      ...['mentor', 'mentor2', 'newMentor'].map((who) => ({ personId: people[who]!, role: 'mentor' as const })),
      ...['mentee', 'mentee2'].map((who) => ({ personId: people[who]!, role: 'mentee' as const })),
    ]);
    // Two pairs formed together: one order (15-к of 1 September 2026) assigns both.
    for (const [mentor, mentee, consent] of [
      ['mentor', 'mentee', '2026-08-28'],
      ['mentor2', 'mentee2', '2026-08-27'],
    ] as const) {
      const formed = await system.request(
        'POST',
        `/programmes/${programmeId}/pairs`,
        as.director,
        pairFormation(people[mentor]!, people[mentee]!, { mentorConsent: consent, menteeConsent: '2026-08-29' }),
      );
      expect(formed.status).toBe(201);
      pairIds.push(formed.body.state.pairId);
    }
  });
  afterAll(() => system?.stop());

  it('the assignment order lists every pair the same order assigned: names, forms, terms, consents, the regulation', async () => {
    // The other pair is found through the read model: wait until the order names it.
    let order = await downloadDocument(system, `/pairs/${pairIds[0]}/documents/assignment-order.docx`, as.curator);
    for (let i = 0; i < 50 && !order.text.includes(fullName('mentee2')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      order = await downloadDocument(system, `/pairs/${pairIds[0]}/documents/assignment-order.docx`, as.curator);
    }
    expect(order.status).toBe(200);
    expect(order.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(order.disposition).toBe(`attachment; filename="assignment-order-${pairIds[0]}.docx"`);
    const { text } = order;
    expectAll(text, [
      places.tolyatti.name,
      'ПРИКАЗ',
      '«01» сентября 2026 г.',
      '№ 15-к',
      'О закреплении наставнических пар (групп)',
      'статьёй 351.8 Трудового кодекса',
      'Положением об организации наставнической деятельности, утверждённым приказом от «20» августа 2026 г. № 12-о',
      ...(['mentor', 'mentee', 'mentor2', 'mentee2'] as const).map(fullName),
      'Педагог – педагог',
      'Традиционное наставничество («один на один»)',
      'с «01» сентября 2026 г. по «31» августа 2027 г.',
      `${fullName('mentor')}: «28» августа 2026 г.`,
      `${fullName('mentee')}: «29» августа 2026 г.`,
      `${fullName('mentor2')}: «27» августа 2026 г.`,
      'С приказом ознакомлены:',
    ]);
    // The pairs in the order they were formed.
    expect(text.indexOf(fullName('mentor'))).toBeLessThan(text.indexOf(fullName('mentor2')));
    writeDocumentSnapshot('assignment-order', text);

    // The same order from the other pair; a mentee of the pair may download it; another organisation may not.
    const fromOther = await downloadDocument(
      system,
      `/pairs/${pairIds[1]}/documents/assignment-order.docx`,
      as.curator,
    );
    expect(fromOther.text).toBe(text);
    expect(
      (await downloadDocument(system, `/pairs/${pairIds[0]}/documents/assignment-order.docx`, as.mentee)).status,
    ).toBe(200);
    expect(
      (await downloadDocument(system, `/pairs/${pairIds[0]}/documents/assignment-order.docx`, as.otherDirector)).status,
    ).toBe(404);
  });

  it('refuses the assignment order with 409 naming the pair while a consent is missing', async () => {
    // A pair recorded before consents were required: its stored formation lacks the mentee's consent.
    const pairId = randomUUID();
    const formation = pairFormation(people.mentor2!, people.mentee!);
    await system.api.get(EventStore).append(pairStream(pairId), 0, [
      {
        eventId: randomUUID(),
        type: 'PairFormed',
        data: {
          ...formation,
          consents: [formation.consents[0]],
          order: { number: '3-к', date: '2026-09-01', signedBy: 'Директор' },
          pairId,
          programmeId,
          organisationId,
          mentorEligibilityWarnings: [],
          status: 'formed',
          formedAt: '2026-09-01T06:00:00.000Z',
          formedBy: curatorId,
        },
        metadata: { actorId: curatorId, role: 'curator', organisationId },
      },
    ]);
    const refused = await downloadDocument(system, `/pairs/${pairId}/documents/assignment-order.docx`, as.curator);
    expect(refused.status).toBe(409);
    expect(refused.problem.code).toBe('document.assignmentOrder.consent.conflict');
    expect(refused.problem.unmet).toEqual([
      {
        code: `consent.${people.mentee}.missing`,
        message: `Пара ${fullName('mentor2')} — ${fullName('mentee')} (${pairId}): нет письменного согласия наставляемого ${fullName('mentee')}`,
      },
    ]);
  });

  it('the consent of the mentor (art. 351.8) and of the mentee, each prefilled for signature', async () => {
    const path = (who: string) => `/pairs/${pairIds[0]}/documents/consent.docx?personId=${people[who]}`;
    await expectDocument(
      path('mentor'),
      as.curator,
      [
        `Руководителю ${places.tolyatti.name}`,
        'от Ивановой Марии Петровны',
        'на выполнение работы по наставничеству',
        `Я, ${fullName('mentor')}, в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации`,
        `в отношении наставляемых: ${fullName('mentee')}`,
        'Педагог – педагог',
        'Срок наставничества: с «01» сентября 2026 г. по «31» августа 2027 г.',
        '«28» августа 2026 г.',
      ],
      { snapshot: 'consent-mentor' },
    );
    await expectDocument(
      path('mentee'),
      as.curator,
      [
        'на участие в наставничестве',
        `Я, ${fullName('mentee')}`,
        `в качестве наставляемого; наставник: ${fullName('mentor')}`,
        '«29» августа 2026 г.',
      ],
      { snapshot: 'consent-mentee' },
    );

    // Someone who is not in the pair has no consent here; a person id that is no id is bad input.
    expect((await downloadDocument(system, path('mentee2'), as.curator)).status).toBe(404);
    const bad = await downloadDocument(system, `/pairs/${pairIds[0]}/documents/consent.docx?personId=x`, as.curator);
    expect(bad.status).toBe(400);
    expect(bad.problem.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
  });

  it('the personalised programme: each version with its number and date, directions, difficulties, activities and control dates; 409 before approval', async () => {
    const path = `/pairs/${pairIds[0]}/documents/personal-programme.docx`;
    await expectConflict(path, 'document.personalProgramme.conflict');

    expect((await approvePersonalProgramme(system, pairIds[0]!, as.curator, curatorId)).status).toBe(200);
    const mentor = system.token(people.mentor!, ['mentor'], [organisationId]);
    const reason = 'По итогам промежуточного контроля: добавлен открытый урок';
    const proposed = await system.request('POST', `/pairs/${pairIds[0]}/personal-programme/corrections`, mentor, {
      reason,
      start: '2026-09-01',
      end: '2027-05-31',
      directions: ['Методическая поддержка', 'Работа с родителями'],
      activities: [
        { title: 'Посещение занятий наставника', plannedDate: '2026-10-15' },
        { title: 'Открытый урок наставляемого', plannedDate: '2027-02-10' },
      ],
      difficulties: ['Организация дисциплины', 'Взаимодействие с родителями'],
    });
    expect(proposed.status).toBe(200);
    const corrected = await system.request(
      'POST',
      `/pairs/${pairIds[0]}/personal-programme/corrections/decision`,
      as.curator,
      {
        correctionId: proposed.body.state.pendingCorrection.correctionId,
        decision: 'approved',
        comment: 'Согласовано',
      },
    );
    expect(corrected.status).toBe(200);
    const state = corrected.body.state;
    // The approval instants are now: their dates as the organisation's calendar (Samara) writes them.
    const dated = (instant: string) => documentDate(localDateOf(instant, places.tolyatti.timeZone));
    const [first, second] = state.personalProgrammeVersions;
    const dueOf = (taskId: string) => documentDate(state.tasks[taskId].dueLocalDate);

    await expectDocument(
      path,
      as.mentee,
      [
        places.tolyatti.name,
        'ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА',
        `Версия 2 от ${dated(second.approvedAt)}`,
        `Основание корректировки: ${reason}`,
        'Решение по корректировке: Согласовано',
        `Наставник: ${fullName('mentor')}`,
        `Наставляемые: ${fullName('mentee')}`,
        'Срок реализации программы: с «01» сентября 2026 г. по «31» мая 2027 г.',
        '1) Методическая поддержка',
        '2) Работа с родителями',
        '1) Организация дисциплины',
        '2) Взаимодействие с родителями',
        // The activities' rows: number, title, date.
        '1\n\nПосещение занятий наставника\n\n«15» октября 2026 г.',
        '2\n\nОткрытый урок наставляемого\n\n«10» февраля 2027 г.',
        `Промежуточный контроль\n\n${dueOf(state.controlPlan.interimTaskIds[0])}`,
        `Итоговый контроль\n\n${dueOf(state.controlPlan.finalTaskId)}`,
      ],
      { snapshot: 'personal-programme', filename: `personal-programme-${pairIds[0]}.docx` },
    );

    // The version before the correction, as first approved.
    const original = await downloadDocument(system, `${path}?version=1`, as.curator);
    expect(original.status).toBe(200);
    expect(original.disposition).toBe(`attachment; filename="personal-programme-${pairIds[0]}-v1.docx"`);
    expectAll(original.text, [
      `Версия 1 от ${dated(first.approvedAt)}`,
      '1\n\nПосещение занятий наставника\n\n«15» октября 2026 г.',
      '1) Организация дисциплины',
    ]);
    expect(original.text).not.toContain('Открытый урок наставляемого');
    expect(original.text).not.toContain('Основание корректировки');

    expect((await downloadDocument(system, `${path}?version=3`, as.curator)).status).toBe(404);
    const bad = await downloadDocument(system, `${path}?version=x`, as.curator);
    expect(bad.status).toBe(400);
    expect(new Set(bad.problem.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['version']));
    expect((await downloadDocument(system, path, as.otherDirector)).status).toBe(404);
  });

  it('the replacement order names the ground, the old and the new mentor and the date; 409 before any replacement', async () => {
    const path = `/pairs/${pairIds[0]}/documents/replacement-order.docx`;
    await expectConflict(path, 'document.replacementOrder.conflict');

    const replaced = await system.request(
      'POST',
      `/pairs/${pairIds[0]}/replace-mentor`,
      as.director,
      mentorReplacement(people.newMentor!, [people.mentee!]),
    );
    expect(replaced.status).toBe(202);
    await system.eventually(
      () => system.request('GET', `/pairs/${pairIds[0]}`, as.curator),
      (r) => r.body.mentorId === people.newMentor,
    );
    await expectDocument(
      path,
      as.curator,
      [
        'О замене наставника',
        '«01» октября 2026 г.',
        '№ 20-к',
        'пунктом 4.7 Положения об организации наставнической деятельности, утверждённого приказом от «20» августа 2026 г. № 12-о',
        'увольнение наставника',
        '1. Освободить Иванову Марию Петровну от обязанностей наставника с «01» октября 2026 г.',
        '2. Назначить наставником Смирнова Павла Андреевича с «01» октября 2026 г. до окончания срока наставничества «31» августа 2027 г.',
        // The table names each person as the directory does.
        ...(['mentor', 'newMentor', 'mentee'] as const).map(fullName),
      ],
      { snapshot: 'replacement-order' },
    );
  });

  it('the mentor’s final report: the conclusion on adaptation, the proposals, the pair and the term; 409 before it is submitted', async () => {
    const path = `/pairs/${pairIds[0]}/documents/final-report.docx`;
    await expectConflict(path, 'document.finalReport.conflict');

    // The mentor who replaced the first one reports.
    const pair = (await system.request('GET', `/pairs/${pairIds[0]}`, as.curator)).body;
    const submitted = await system.request(
      'POST',
      `/pairs/${pairIds[0]}/mentor-report`,
      system.token(people.newMentor!, ['mentor'], [organisationId]),
      {
        taskId: pair.controlPlan.mentorReportTaskId,
        conclusion: 'Адаптация пройдена: наставляемый самостоятельно ведёт уроки',
        proposals: 'Рекомендовать к аттестации на первую категорию',
      },
    );
    expect(submitted.status).toBe(200);
    const { submittedAt } = submitted.body.state.mentorFinalReport;

    await expectDocument(
      path,
      as.curator,
      [
        places.tolyatti.name,
        'ОТЧЁТ НАСТАВНИКА',
        'по итогам наставничества',
        `Наставник: ${fullName('newMentor')}`,
        `Наставляемые: ${fullName('mentee')}`,
        'Срок наставничества: с «01» сентября 2026 г. по «31» августа 2027 г.',
        'Срок реализации персонализированной программы: с «01» сентября 2026 г. по «31» мая 2027 г.',
        '1. Заключение о результатах адаптации наставляемого',
        'Адаптация пройдена: наставляемый самостоятельно ведёт уроки',
        '2. Предложения по дальнейшей работе',
        'Рекомендовать к аттестации на первую категорию',
        `Наставник, ${documentDate(localDateOf(submittedAt, places.tolyatti.timeZone))}`,
      ],
      { snapshot: 'final-report', filename: `final-report-${pairIds[0]}.docx` },
    );
  });

  it('the termination order names the reason, the pair and the order that assigned it; 409 while the pair runs', async () => {
    const path = `/pairs/${pairIds[1]}/documents/termination-order.docx`;
    expect((await downloadDocument(system, path, as.curator)).status).toBe(409);
    const terminated = await system.request('POST', `/pairs/${pairIds[1]}/terminate`, as.director, {
      reason: 'Увольнение наставляемого',
      order: { number: '31-к', date: '2026-11-02', signedBy: 'Директор' },
    });
    expect(terminated.status).toBe(200);
    await expectDocument(
      path,
      as.curator,
      [
        'О прекращении наставничества',
        '«02» ноября 2026 г.',
        '№ 31-к',
        'по причине: Увольнение наставляемого',
        `1. Прекратить досрочно с «02» ноября 2026 г. наставничество наставника Сидоровой Анны Викторовны в отношении наставляемых: ${fullName('mentee2')}, закреплённых приказом от «01» сентября 2026 г. № 15-к.`,
      ],
      { snapshot: 'termination-order' },
    );
  });
  it('the ИОМ: every field of the title page (003 §5.1), every column of the road map with the done marks (§5.2), the portfolio with the competence levels (§5.4)', async () => {
    const person = (surname: string, firstName: string, patronymic: string, extra: Record<string, unknown>) =>
      addPerson(system, organisationId, as.curator, surname, { firstName, patronymic, ...extra });
    const methodologist = await person('Орлова', 'Наталья', 'Викторовна', {
      positions: ['методист'],
      workEmail: 'orlova@school5.ru',
      workPhone: '+7 8482 20-00-01',
    });
    const tutor = await person('Белов', 'Андрей', 'Игоревич', {
      positions: ['тьютор'],
      workEmail: 'belov@school5.ru',
      workPhone: '+7 8482 20-00-02',
    });
    const teacher = await person('Смирнова', 'Елена', 'Павловна', {
      birthDate: '1988-04-12',
      workEmail: 'smirnova@school5.ru',
      workPhone: '+7 8482 55-00-00',
    });
    const tokens = {
      tutor: system.token(tutor, ['tutor'], [organisationId]),
      methodologist: system.token(methodologist, ['methodologist'], [organisationId]),
      teacher: system.token(teacher, ['teacher'], [organisationId]),
    };
    // Dates of the past only: the document says the same on every run.
    const routeId = await routeInImplementation(system, organisationId, tokens, {
      teacherId: teacher,
      methodologistId: methodologist,
      titlePage: {
        ...mathsTeacherTitlePage('2026-09-01', '2030-08-31'),
        lastAttestationDate: '2024-03-15',
        qualificationCategory: 'Первая',
      },
      rows: [
        { ...courseRow('2027-05-31'), chosenMark: true },
        {
          ...courseRow('2027-03-15'),
          rowId: 'row-2',
          activity: 'Открытый урок с цифровым тренажёром',
          activityKind: 'event',
          tasks: 'Представить опыт коллегам',
          hours: 2,
        },
      ],
      today: '2026-09-10',
    });
    const post = async (command: string, token: string, body: unknown = {}) => {
      const response = await system.request('POST', `/routes/${routeId}/${command}`, token, body);
      expect([command, response.status]).toEqual([command, 200]);
    };
    const result = 'Удостоверение о повышении квалификации № 123, 36 ч';
    await post('mark-activity-done', tokens.teacher, { rowId: 'row-1', doneOn: '2026-11-20', result });
    await post('confirm-activity-done', tokens.tutor, { rowId: 'row-1' });
    await post('record-portfolio-entry', tokens.teacher, {
      entryId: randomUUID(),
      rowId: 'row-1',
      date: '2026-11-25',
      product: 'Сценарий урока с цифровым тренажёром',
      selfAssessment: 'Применяю тренажёр на уроках',
    });
    const percents = (ict: number, methodical = 70) =>
      competenceAreas.map((area) => ({
        area,
        percent: area === 'ict' ? ict : area === 'methodical' ? methodical : 70,
      }));
    await post('record-repeated-diagnostics', tokens.tutor, {
      diagnosticsId: randomUUID(),
      date: '2026-11-27',
      nextDiagnosticsDate: '2027-09-10',
      results: percents(55),
    });
    await post('start-reflection', tokens.tutor);
    await post('record-control-diagnostics', tokens.tutor, {
      diagnosticsId: randomUUID(),
      date: '2026-11-30',
      results: percents(85, 45).map((r) => (r.area === 'methodical' ? { ...r, deficitLevel: 'minimal' } : r)),
    });
    const route = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.curator),
      (r) => r.body.controlDiagnostics !== undefined,
    );
    const path = `/routes/${routeId}/documents/route.docx`;
    const document = await expectDocument(
      path,
      as.curator,
      [
        places.tolyatti.name,
        'ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ',
        `Код ИОМ: ${route.body.code}`,
        // The title page, field by field (003 §5.1).
        'ФИО педагога\n\nСмирнова Елена Павловна',
        'Дата рождения\n\n«12» апреля 1988 г.',
        'Занимаемая должность\n\nУчитель математики',
        'Образование\n\nВысшее педагогическое, СГСПУ, 2012',
        'Контактный телефон\n\n+7 8482 55-00-00',
        'Электронная почта\n\nsmirnova@school5.ru',
        'Дата последней аттестации\n\n«15» марта 2024 г.',
        'Дата прохождения диагностики уровня сформированности профессиональных компетенций\n\n«10» сентября 2026 г. (входная)\n\n«27» ноября 2026 г. (повторная)\n\n«30» ноября 2026 г. (контрольная)',
        'Дата следующей диагностики\n\n«10» сентября 2027 г.',
        'Квалификационная категория\n\nПервая',
        'Педагогический стаж, лет\n\n12',
        'Тема по самообразованию\n\nФункциональная грамотность на уроках математики',
        `Персональный код ИОМ\n\n${route.body.code}`,
        'Цель ИОМ\n\nПреодолеть дефициты в области ИКТ',
        'Задачи ИОМ\n\n1) Освоить цифровые сервисы для уроков',
        'Дата разработки ИОМ\n\n«01» сентября 2026 г.',
        'Дата окончания ИОМ\n\n«31» августа 2030 г.',
        'Методист\n\nОрлова Наталья Викторовна\n\nдолжность: методист\n\nэлектронная почта: orlova@school5.ru\n\nтелефон: +7 8482 20-00-01',
        'Тьютор\n\nБелов Андрей Игоревич\n\nдолжность: тьютор\n\nэлектронная почта: belov@school5.ru\n\nтелефон: +7 8482 20-00-02',
        // The road map: every column of 003 §5.2, then each row with its done mark.
        '№\n\nПрофессиональные компетенции\n\nСодержание работы / мероприятия\n\nРешаемые задачи\n\nКоличество часов\n\nСроки исполнения\n\nОтметка выбора\n\nОтметка о выполнении / результат',
        `1\n\nИКТ-компетенции\n\nКурс «Цифровые инструменты учителя»\n\n(Программа повышения квалификации или переподготовки (федеральный реестр ДПП, курсы ИРО))\n\nОсвоить цифровые сервисы\n\n36\n\n«31» мая 2027 г.\n\nвыбрано\n\nВыполнено «20» ноября 2026 г.: ${result} (подтверждено тьютором)`,
        '2\n\nИКТ-компетенции\n\nОткрытый урок с цифровым тренажёром\n\n(Мероприятие по профессиональному развитию и обмену опытом)\n\nПредставить опыт коллегам\n\n2\n\n«15» марта 2027 г.',
        'Всего мероприятий: 2, из них выполнено: 1; всего часов: 38.',
        // The portfolio: each competence at each diagnostics, and the entries.
        'Компетенция\n\nДиагностика: входная, «10» сентября 2026 г.\n\nДиагностика: повторная, «27» ноября 2026 г.\n\nДиагностика: контрольная, «30» ноября 2026 г.',
        'ИКТ-компетенции\n\n35 % — Дефицитный (уровень дефицита не указан)\n\n55 % — Базовый\n\n85 % — Высокий',
        'Методические\n\n70 % — Базовый\n\n70 % — Базовый\n\n45 % — Дефицитный (уровень дефицита: минимальный)',
        'Результаты в портфолио: 1',
        '1\n\n«25» ноября 2026 г.\n\nИКТ-компетенции\n\nСценарий урока с цифровым тренажёром\n\nПрименяю тренажёр на уроках',
      ],
      { snapshot: 'route', filename: `route-${route.body.code}.docx` },
    );
    // The row not yet done leaves its mark blank: nothing between its date and the totals.
    expect(document.text).toMatch(/«15» марта 2027 г\.\n\n\n\n(\n\n)?Всего мероприятий/);

    // The same access as GET /routes/:id: the teacher reads it (her own birth date too); another organisation does not.
    const own = await downloadDocument(system, path, tokens.teacher);
    expect(own.text).toBe(document.text);
    expect((await downloadDocument(system, path, as.otherDirector)).status).toBe(404);
    expect((await downloadDocument(system, `/routes/${randomUUID()}/documents/route.docx`, as.curator)).status).toBe(
      404,
    );
    // The birth date is shown only to whom GET /routes/:id shows it: a methodologist gets the line for the hand.
    const byMethodologist = await downloadDocument(system, path, tokens.methodologist);
    expect(byMethodologist.text).not.toContain('1988');
    expect(byMethodologist.text).toContain('Дата рождения\n\n____');
  });

  it('the analytical report of the monitoring for a period: the figures of the reports in prose and tables; 400 for a bad period', async () => {
    const today = localDateOf(new Date().toISOString(), places.tolyatti.timeZone);
    const recorded = await system.request('POST', `/organisations/${organisationId}/monitoring-results`, as.curator, {
      indicator: 'studentsPassedNationalTestsShare',
      value: 87.5,
      periodStart: '2026-09-01',
      periodEnd: '2026-11-30',
      comment: 'ВПР, 5-е классы',
    });
    expect(recorded.status).toBe(201);
    // The report's figures, once its read model holds the terminated pair, the route and the result.
    const report = await system.eventually(
      () => system.request('GET', `/organisations/${organisationId}/reports/monitoring`, as.curator),
      (r) =>
        r.body.pairs?.byStatus?.find((s: { key: string }) => s.key === 'terminated')?.count === 1 &&
        r.body.monitoringResults?.length === 1,
    );
    const routes = await system.eventually(
      () => system.request('GET', `/organisations/${organisationId}/reports/routes`, as.curator),
      (r) => r.body.totals?.byStage?.find((s: { key: string }) => s.key === 'reflective')?.count === 1,
    );
    const { pairs, controls, processMonitoring } = report.body;
    const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count;
    expect(pairs.total).toBe(3);

    const path = `/organisations/${organisationId}/documents/monitoring-report.docx?from=2026-09-01&to=${today}`;
    await expectDocument(
      path,
      as.curator,
      [
        places.tolyatti.name,
        'АНАЛИТИЧЕСКАЯ СПРАВКА',
        'по итогам мониторинга реализации целевой модели наставничества',
        `за период с «01» сентября 2026 г. по ${documentDate(today)}`,
        // Everything of the organisation began within the period: nothing at its start.
        `Наставнических пар (групп) на конец периода — ${pairs.total}, на начало периода — 0; за период сформировано 3, досрочно прекращено 1.`,
        `Действующих пар на конец периода — ${processMonitoring.activePairs}.`,
        `Состояние пары\n\nНа начало периода\n\nНа конец периода`,
        `Прекращена досрочно\n\n0\n\n1`,
        `Форма наставничества (пары, не прекращённые досрочно)\n\nНа начало периода\n\nНа конец периода\n\nПедагог – педагог\n\n0\n\n${count(pairs.byForm, 'teacherTeacher')}`,
        `Промежуточный контроль\n\nНа начало периода\n\nНа конец периода`,
        `Не проведён\n\n0\n\n${count(controls.interim, 'pending')}`,
        'Промежуточный контроль проведён у 0 из них (успешно — 0 % пар с программой), итоговый контроль — у 0.',
        `На конец периода ИОМ — ${routes.body.totals.routes}, на начало периода — 0; за период начато 1, завершено 0.`,
        'Рефлексивный\n\n0\n\n1',
        'ИКТ-компетенции\n\n35\n\n1\n\n85\n\n0',
        'Записей в портфолио достижений — 1',
        'За период внесено результатов мониторинга — 1.',
        'Мониторинг процесса',
        'Доля обучающихся наставляемого, успешно прошедших ВПР/ГИА/демонстрационный экзамен, %',
        '87,5 %',
        'с «01» сентября 2026 г. по «30» ноября 2026 г.',
        'ВПР, 5-е классы',
        'Программа «Программа»: на конец периода — подготовительный этап (0 дн. на этапе); куратор — Кузнецова Светлана Олеговна.',
        // The curator who signs it, by name.
        'Куратор программы наставничества\t_______________\tКузнецова Светлана Олеговна',
        'Приказ об утверждении положения о системе наставничества\n\nимеется',
      ],
      { snapshot: 'monitoring-report', filename: `monitoring-report-2026-09-01-${today}.docx` },
    );

    // The reports' access: a regional coordinator of the region reads it; another organisation's director does not.
    const coordinator = system.token(randomUUID(), ['regionalCoordinator'], [], { region: places.tolyatti.region });
    const byCoordinator = await downloadDocument(system, path, coordinator);
    expect(byCoordinator.status).toBe(200);
    // The figures, not the staff's names: those are for the organisation's own staff, as in the reports.
    expect(byCoordinator.text).toContain(`Наставнических пар (групп) на конец периода — ${pairs.total}`);
    expect(byCoordinator.text).not.toContain('Кузнецова Светлана Олеговна');
    expect((await downloadDocument(system, path, as.otherDirector)).status).toBe(404);
    expect((await downloadDocument(system, path, as.mentee)).status).toBe(403);

    // A bad period: 400 naming the field, in Russian.
    const base = `/organisations/${organisationId}/documents/monitoring-report.docx`;
    const badField = async (query: string) => {
      const refused = await downloadDocument(system, `${base}?${query}`, as.curator);
      expect([query, refused.status]).toEqual([query, 400]);
      return refused.problem.errors.map((e: { field: string; message: string }) => [e.field, e.message]);
    };
    expect(await badField(`from=${today}&to=2026-09-01`)).toEqual([
      ['to', 'Конец периода не может быть раньше его начала'],
    ]);
    expect(await badField('from=01.09.2026&to=2026-11-30')).toEqual([
      ['from', 'Должна быть дата в формате ГГГГ-ММ-ДД'],
    ]);
    expect(await badField('from=2026-09-01')).toEqual([['to', expect.any(String)]]);
    expect(await badField(`from=2026-09-01&to=${addDays(today, 30)}`)).toEqual([
      ['to', 'Конец периода не может быть в будущем'],
    ]);
  });
});
