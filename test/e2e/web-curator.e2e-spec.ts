import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { approveCandidates } from '../support/participants';
import { localDay as localDayIn } from '../support/dates';
import {
  approvedProblemAnalysis,
  organisationWith,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';
import { russianDate } from '@mentorflow/domain';

/** A date in the organisation's zone (Samara) relative to today. */
const localDay = (days: number) => localDayIn('Europe/Samara', days);

/** Journey 1: a curator is refused at the preparatory gate, fixes what is missing from the checklist, and advances. */
describe('web application: the curator advances a programme after fixing a refused gate', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin, director, curator] = freshIds(3);
  const [mentor, mentee] = [randomUUID(), randomUUID()];
  let organisationId: string;
  let programmeId: string;
  let curatorToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    let as: Record<'director' | 'curator', string>;
    ({ organisationId, as } = await organisationWith(
      system,
      {
        name: 'МБОУ «Гимназия № 3»',
        municipality: 'г. Самара',
        region: 'Самарская область',
        timeZone: 'Europe/Samara',
      },
      { director, curator },
      admin,
    ));
    curatorToken = as.curator;
    ({ programmeId } = await startProgramme(
      system,
      organisationId,
      as.director,
      curator,
      'Программа наставничества 2026/27',
    ));
    // Everything but the order approving the regulation is already in place.
    await system.request('POST', `/programmes/${programmeId}/documents`, curatorToken, {
      documentId: randomUUID(),
      kind: 'implementationAct',
      number: '45-од',
      date: '2026-09-01',
      signedBy: 'Директор И. И. Петров',
    });
    const candidates: string[] = [];
    for (const [personId, role, extra] of [
      [mentor, 'mentor', {}],
      [mentee, 'mentee', { menteeCategory: 'newSpecialist' }],
    ] as const) {
      const proposed = await selectParticipant(system, programmeId, curatorToken, personId, role, {
        position: 'Учитель математики',
        subject: 'Математика',
        teachingExperienceYears: role === 'mentor' ? 14 : 0,
        subjectExperienceYears: role === 'mentor' ? 10 : 0,
        ...extra,
      });
      candidates.push(proposed.body.participantId);
    }
    // The programme gate counts only candidates the commission approved (002 §4.4).
    await approveCandidates(system, programmeId, curatorToken, candidates);
    await approvedProblemAnalysis(system, programmeId, curatorToken, as.director);
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, curatorToken),
      (r) => r.body.nextStageChecklist?.length === 1,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('serves the app under /app/ with a strict policy, and sends / and deep links there', async () => {
    const rootResponse = await fetch(`${system.baseUrl}/`, { redirect: 'manual' });
    expect(rootResponse.status).toBe(302);
    expect(rootResponse.headers.get('location')).toBe('/app/');
    const deep = await fetch(`${system.baseUrl}/app/programmes/${programmeId}`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root"></div>');
    const policy = deep.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    // The API's own routes are untouched by the app.
    expect((await fetch(`${system.baseUrl}/programmes/${programmeId}`)).status).toBe(401);
  });

  it('shows the refusal with what is missing, lets the curator fix it from the checklist, then advances', async () => {
    const context = await browser.newContext({ viewport: web.laptop, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByLabel('Токен доступа (JWT)').fill(curatorToken);
    await web.screenshot(page, 'signin');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();

    // The curator lands on her home page, the programme's title a link to it; the menu offers only what a
    // curator may open.
    await page.getByRole('heading', { name: 'Главная', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Программа наставничества 2026/27' }).click();
    await expect(web.menuLinks(page)).resolves.toEqual([
      'Главная',
      'Мои задачи',
      'Показатели',
      'Программы',
      'ИОМ',
      'Сотрудники',
      'Аудит пар',
      ...web.managementMenuItems,
    ]);
    await page.getByRole('heading', { name: 'Условия перехода к следующему этапу' }).waitFor();
    const current = page.locator('.stage-track [aria-current="step"]');
    await expect(current.textContent()).resolves.toContain('Подготовительный');

    await page.getByRole('button', { name: 'Завершить этап и перейти к следующему' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Переход отклонён' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      'Не зарегистрирован документ «Приказ об утверждении положения о системе наставничества»',
    );
    await web.screenshot(page, 'curator-programme-refused');

    // The checklist's link takes the curator to the documents screen, its form open with the missing kind chosen.
    await page.getByRole('button', { name: 'Зарегистрировать документ' }).first().click();
    await expect(page.getByLabel('Вид документа').inputValue()).resolves.toBe('regulationApprovalOrder');
    // An empty form is refused field by field, next to each field, and records nothing.
    await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
    await page.locator('.field-invalid').first().waitFor();
    await expect(page.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Номер', 'Дата документа', 'Кем подписан']),
    );
    expect(
      Object.keys((await system.request('GET', `/programmes/${programmeId}`, curatorToken)).body.documents),
    ).toHaveLength(1);

    await page.getByLabel('Номер', { exact: true }).fill('46-од');
    await web.fillDate(page.getByLabel('Дата документа'), '2026-09-02');
    await page.getByLabel('Кем подписан', { exact: true }).fill('Директор И. И. Петров');
    await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
    await page
      .locator('section[aria-labelledby="documents-title"] table')
      .first()
      .getByText('Приказ об утверждении положения о системе наставничества')
      .waitFor();
    await web.openProgrammeScreen(page, 'Обзор');
    await page.getByText('Все условия выполнены: этап можно завершить.').waitFor();

    await page.getByRole('button', { name: 'Завершить этап и перейти к следующему' }).click();
    await page.getByText('Программа переведена на этап «Проектировочный»').waitFor();
    await expect(current.textContent()).resolves.toContain('Проектировочный');
    await expect(page.locator('.stage-track .stage-done').count()).resolves.toBe(1);
    const stored = await system.request('GET', `/programmes/${programmeId}`, curatorToken);
    expect(stored.body.stage).toBe('design');
    await web.screenshot(page, 'curator-programme');

    // The same screen on a phone: one column, nothing cut off horizontally.
    await web.expectFitsPhone(page, 'Этапы программы', 'phone-curator-programme');
    await context.close();
  });

  it('forms a pair from the checklist (refused without a consent, then formed) and approves its personal programme', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    const checklist = page.locator('.checklist');
    await checklist.getByText('Ни одна наставническая пара/группа не закреплена').waitFor();

    // The checklist's item opens the pair form with the mentor field focused.
    await checklist.getByRole('button', { name: 'Сформировать пару или группу' }).click();
    const form = page.getByRole('form', { name: 'Сформировать пару или группу' });
    await form.waitFor();
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.tagName === 'SELECT');
    await form.getByLabel('Наставник', { exact: true }).selectOption(mentor);
    // The mentor's load is shown before anything is sent.
    await form.getByTestId('mentor-load').filter({ hasText: 'Нагрузка наставника: 0 из 2' }).waitFor();
    await form.getByRole('checkbox', { name: new RegExp(mentee.slice(0, 8)) }).check();
    await web.fillDate(form.getByLabel(`Дата согласия наставника ${mentor.slice(0, 8)}`), '2026-09-01');
    await form.getByLabel('Номер приказа').fill('17-к');
    await web.fillDate(form.getByLabel('Дата приказа'), '2026-09-03');
    await form.getByLabel('Кем подписан приказ').fill('Директор И. И. Петров');
    await web.fillDate(form.getByLabel('Начало', { exact: true }), '2026-09-03');
    await web.fillDate(form.getByLabel('Окончание', { exact: true }), '2027-09-30');
    await form.getByRole('button', { name: 'Закрепить приказом' }).click();
    // The mentee's consent is missing: refused with the unmet condition naming them, nothing formed.
    const refusal = form.getByRole('alert').filter({ hasText: 'Закрепление отклонено' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(`Нет письменного согласия наставляемого (${mentee})`);
    expect((await system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken)).body).toEqual([]);

    await web.fillDate(form.getByLabel(`Дата согласия наставляемого ${mentee.slice(0, 8)}`), '2026-09-02');
    await form.getByRole('button', { name: 'Закрепить приказом' }).click();
    await form.getByText('Пара закреплена приказом № 17-к').waitFor();
    const row = page.locator('section[aria-labelledby="pairs-title"] tbody tr');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Закреплена приказом');
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist.getByText('Не для всех закреплённых пар/групп утверждена персонализированная программа').waitFor();

    // The next checklist item opens the approval form on that pair.
    await checklist.getByRole('button', { name: 'Утвердить персонализированную программу' }).click();
    const approve = page.getByRole('form', { name: 'Утвердить персонализированную программу' });
    await approve.waitFor({ state: 'visible' });
    await approve.getByRole('button', { name: 'Утвердить программу' }).click();
    // Blank fields are refused next to each field.
    await approve.locator('.field-invalid').first().waitFor();
    await expect(approve.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Окончание программы']),
    );
    await web.fillDate(approve.getByLabel('Окончание программы'), '2027-05-31');
    await approve
      .getByLabel('Направления работы (по одному в строке)')
      .fill('Методическая поддержка\nАдаптация в коллективе');
    await approve
      .getByLabel('Профессиональные затруднения наставляемого (по одному в строке)')
      .fill('Дисциплина на уроке');
    await approve.getByLabel('Название мероприятия').fill('Посещение уроков наставника');
    await web.fillDate(approve.getByLabel('Плановая дата'), '2026-10-15');
    await approve.getByRole('button', { name: 'Утвердить программу' }).click();
    await page.getByText('Персонализированная программа утверждена').waitFor();
    await row.getByText('Реализует программу').waitFor();
    await web.openProgrammeScreen(page, 'Обзор');
    // The checklist reloads after the approval: wait for its line to go rather than reading it at once.
    await checklist.getByText(/персонализированная программа/).waitFor({ state: 'detached' });
    await expect(checklist.textContent()).resolves.not.toContain('персонализированная программа');
    const pair = (await system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken)).body[0];
    expect(pair).toMatchObject({
      status: 'active',
      mentorId: mentor,
      menteeIds: [mentee],
      controlPlan: { controller: { personId: curator, role: 'curator' } },
    });
    // The mentor's periodic report (002 §6.1.9) arrives through the API (no mentor screens yet).
    const mentorToken = system.token(mentor, ['mentor'], [organisationId]);
    const listed = await system.eventually(
      () => system.request('GET', `/pairs/${pair.pairId}/periodic-reports`, curatorToken),
      (r) => (r.body.reports ?? []).some((x: { role: string }) => x.role === 'mentor'),
    );
    const report = listed.body.reports.find((x: { role: string }) => x.role === 'mentor');
    const sent = await system.request('POST', `/pairs/${pair.pairId}/periodic-reports`, mentorToken, {
      taskId: report.taskId,
      text: 'Проведены два совместных занятия',
    });
    expect(sent.status).toBe(200);

    // The interim control the approval planned: its task in the inbox opens the control form on the pair
    // (the outcome is chosen there, never read from a free text).
    await system.eventually(
      () => system.request('GET', '/tasks', curatorToken),
      (r) => r.body.some((t: { kind: string }) => t.kind === 'interimControl'),
    );
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    const interimTask = page.locator('li.task').filter({ hasText: 'Промежуточный контроль' });
    await interimTask.waitFor();
    await expect(interimTask.getByRole('button', { name: 'Отметить выполненной' }).count()).resolves.toBe(0);
    await interimTask.getByRole('link', { name: 'Провести промежуточный контроль' }).click();
    const interim = page.getByRole('form', { name: 'Провести промежуточный контроль' });
    await interim.waitFor(); // open, not folded in its <details>
    await interim.getByLabel('Комментарий контролирующего').fill('План выполняется');
    await interim.getByRole('button', { name: 'Записать результат' }).click();
    await page.getByText('Промежуточный контроль записан').waitFor();
    // Final control before the mentor's final report: the domain's refusal (422) is shown in Russian, nothing changes.
    await page.locator('details[data-action="final"] summary').click();
    const final = page.getByRole('form', { name: 'Провести итоговый контроль' });
    await final.getByLabel('Заключение наставника об адаптации').fill('Адаптация пройдена');
    await final.getByRole('button', { name: 'Завершить итоговый контроль' }).click();
    const finalRefusal = final.getByRole('alert').filter({ hasText: 'Итоговый контроль не принят' });
    await finalRefusal.waitFor();
    await expect(finalRefusal.textContent()).resolves.toContain(
      'Наставник ещё не представил отчёт по итогам наставничества',
    );
    expect((await system.request('GET', `/pairs/${pair.pairId}`, curatorToken)).body.status).toBe('active');
    // The curator sees the submitted report on the pair's panel and accepts it.
    const submitted = page
      .getByTestId('periodic-report-submitted')
      .filter({ hasText: 'Проведены два совместных занятия' });
    await submitted.waitFor();
    await submitted.getByRole('button', { name: 'Принять отчёт' }).click();
    await page.getByText('Отчёт принят').waitFor();
    const decided = await system.request('GET', `/pairs/${pair.pairId}/periodic-reports`, curatorToken);
    expect(decided.body.reports.find((x: { taskId: string }) => x.taskId === report.taskId)).toMatchObject({
      status: 'accepted',
      decidedBy: curator,
    });
    await web.screenshot(page, 'curator-pair-forms');

    // Her home page counts the pairs by status; the count opens the pairs screen filtered by that status.
    await web.openFromMenu(page, 'Главная');
    const active = page
      .getByRole('table', { name: 'Пары и группы по статусу' })
      .locator('tbody tr')
      .filter({ hasText: 'Реализует программу' });
    await expect(active.locator('td').nth(1).textContent()).resolves.toBe('1');
    await active.getByRole('link', { name: 'Реализует программу' }).click();
    await expect(
      page.getByLabel('Статус', { exact: true }).first().locator('option:checked').textContent(),
    ).resolves.toBe('Реализует программу');
    await row.getByText('Реализует программу').waitFor();
    await context.close();
  });

  it('records the commission meeting on a proposed candidate (002 §4.4), then withdraws the participant', async () => {
    const candidate = randomUUID();
    system.token(candidate, ['mentee'], [organisationId]);
    const proposed = await system.request('POST', `/programmes/${programmeId}/participants`, curatorToken, {
      personId: candidate,
      role: 'mentee',
      position: 'Учитель информатики',
      teachingExperienceYears: 0,
      subjectExperienceYears: 0,
      menteeCategory: 'newSpecialist',
    });
    expect(proposed.status).toBe(201);
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}/participants`, curatorToken),
      (r) => r.body.some((p: { participantId: string }) => p.participantId === proposed.body.participantId),
    );
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Участники');
    const row = page
      .locator('section[aria-labelledby="participants-title"] tbody tr')
      .filter({ hasText: candidate.slice(0, 8) });
    await row.getByText('На рассмотрении комиссии').waitFor();

    const meeting = page.getByRole('form', { name: 'Заседание комиссии по кандидатам' });
    await web.fillDate(
      meeting.getByLabel('Дата заседания'),
      new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    );
    await meeting.getByLabel('Номер протокола').fill('4');
    await meeting.getByLabel('Присутствовали (по одному в строке)').fill('Иванова М. П.\nПетров И. С.');
    await meeting.getByLabel(/^Решение: Наставляемый/).selectOption('approved');
    await meeting.getByRole('button', { name: 'Внести решения комиссии' }).click();
    // What lasts is the candidate's row (the notice may already be gone once the list reloads under load).
    await row.getByText('Отобран', { exact: true }).waitFor();
    await expect(row.textContent()).resolves.toContain('Методическая комиссия, протокол № 4');

    await row.getByRole('button', { name: /^Исключить/ }).click();
    await row.getByLabel('Причина выбытия').fill('Перевод в другую организацию');
    await row.getByRole('button', { name: 'Исключить из программы' }).click();
    await row.getByText('Выбыл', { exact: true }).waitFor();

    // One role at a time: only the mentors — the candidate (a mentee) leaves the table, every row is a mentor's.
    const shownRole = page.getByLabel('Показать', { exact: true });
    await shownRole.selectOption({ label: 'Только наставников' });
    await row.waitFor({ state: 'detached' });
    const roles = await page
      .locator('section[aria-labelledby="participants-title"] tbody tr td:nth-child(2)')
      .allTextContents();
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.filter((role) => !role.startsWith('Наставник'))).toEqual([]);
    await shownRole.selectOption({ label: 'Только наставляемых' });
    await row.getByText('Выбыл', { exact: true }).waitFor();
    await context.close();
  });

  it('records a monitoring result of the organisation on the programme page, refusing a period that has not ended', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Мониторинг');
    const section = page.locator('section[aria-labelledby="monitoring-title"]');
    await section.getByText('Результаты мониторинга не внесены.').waitFor();
    const form = page.getByRole('form', { name: 'Внести результат мониторинга' });
    await form
      .getByLabel('Показатель')
      .selectOption({ label: 'Число педагогов, планирующих стать наставниками в ближайшем будущем' });
    await form.getByLabel('Значение').fill('3');
    await web.fillDate(form.getByLabel('Начало периода'), localDay(-60));
    await web.fillDate(form.getByLabel('Конец периода'), localDay(1));
    await form.getByRole('button', { name: 'Внести результат' }).click();
    const refusal = form.getByRole('alert').filter({ hasText: 'Результат не внесён' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      `Конец периода мониторинга не может быть позже сегодняшнего дня (${russianDate(localDay(0))})`,
    );

    await web.fillDate(form.getByLabel('Конец периода'), localDay(0));
    await form.getByRole('button', { name: 'Внести результат' }).click();
    await form.getByRole('status').filter({ hasText: 'внесён' }).waitFor();
    await section.locator('tbody tr').filter({ hasText: 'Мониторинг влияния' }).waitFor();
    await expect(section.locator('tbody tr').first().textContent()).resolves.toContain(
      'Число педагогов, планирующих стать наставниками в ближайшем будущем',
    );
    await context.close();
  });

  it('is usable by keyboard and screen reader: lang, skip link, visible focus, labelled controls, heading order', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByRole('heading', { name: 'Пары и группы' }).waitFor();
    await page.locator('section[aria-labelledby="pairs-title"] tbody tr').waitFor();
    // With a pair chosen, so its action forms are checked too.
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });
    await page.locator('details[data-action="final"]').waitFor();
    const audit = await web.accessibilityAudit(page);
    expect(audit.lang).toBe('ru');
    expect(audit.controls).toBeGreaterThan(20);
    expect(audit.unnamed).toEqual([]);
    expect(audit.h1).toBe(1);
    expect(audit.skipped).toEqual([]);

    await web.openProgrammeScreen(page, 'Обзор');
    await page.reload();
    await page.getByRole('heading', { name: 'Условия перехода к следующему этапу' }).waitFor();
    // On the overview, freshly loaded: the first Tab reaches the skip link, which is visible when focused and moves focus to the content.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      const style = (globalThis as any).getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, left: el.getBoundingClientRect().left };
    });
    expect(focused).toMatchObject({ text: 'Перейти к содержанию', outline: 'solid' });
    expect(focused.left).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.id)).resolves.toBe('main');
    // Keyboard alone reaches the advance button.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached =
        (await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)) ===
        'Завершить этап и перейти к следующему';
    }
    expect(reached).toBe(true);
    await context.close();
  });
});
