import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { pairStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { documentDate } from '../../apps/api/src/documents/document-date';
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
  const curatorId = randomUUID();

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
    as = {
      director: system.token(randomUUID(), ['director'], [organisationId]),
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
});
