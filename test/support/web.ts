import { execFileSync } from 'node:child_process';
import type { UUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { OrganisationPlace, StaffMember } from './programme-setup';
import { TestSystem } from './system';
import { withOrganisation } from './system-start';

const root = path.resolve(__dirname, '../..');
const webRoot = path.join(root, 'apps/web');
const dist = path.join(webRoot, 'dist');
export const screenshotDir = path.join(root, 'docs/screenshots');

function newestSourceMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds apps/web when dist is missing or older than its sources, so the API serves what the test reads. */
export function ensureWebBuild(): void {
  const index = path.join(dist, 'index.html');
  const sources = Math.max(
    newestSourceMtime(path.join(webRoot, 'src')),
    statSync(path.join(webRoot, 'index.html')).mtimeMs,
    statSync(path.join(webRoot, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // Built aside and moved into place, so a server of another test file never sees a half-written dist.
  const aside = `${dist}.build-${process.pid}`;
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(webRoot, 'vite.config.ts'),
      '--outDir',
      aside,
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  rmSync(dist, { recursive: true, force: true });
  renameSync(aside, dist);
}

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=ru-RU',
    ],
  });
}

/** What a web journey runs on: the app built if stale, then the system and the browser started side by side. */
export async function startWebJourney(): Promise<{ system: TestSystem; browser: Browser }> {
  ensureWebBuild();
  const [system, browser] = await Promise.all([TestSystem.start(), launchBrowser()]);
  return { system, browser };
}

/**
 * A web journey started (startWebJourney), then withOrganisation()'s calendar and organisation at `place` with
 * `people`: the journey's system and browser, the organisation's id and the tokens.
 */
export async function startWebJourneyWithOrganisation<K extends string>(
  place: OrganisationPlace,
  people: { readonly [P in K]: StaffMember<P> },
  admin?: UUID,
) {
  return withOrganisation(await startWebJourney(), stopWebJourney, place, people, admin);
}

/** Closes what startWebJourney() started; either is missing when the start failed. */
export async function stopWebJourney({ system, browser }: { system?: TestSystem; browser?: Browser }): Promise<void> {
  await browser?.close();
  await system?.stop();
}

export const laptop = { width: 1280, height: 860 };
export const phone = { width: 390, height: 844 };

/**
 * A page already signed in with `token` (the app reads it from sessionStorage), in the given viewport, in a
 * browser speaking Russian unless `locale` says otherwise (the app's dates read дд.мм.гггг in any).
 */
export async function signedInPage(
  browser: Browser,
  token: string,
  viewport = laptop,
  locale = 'ru-RU',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'Europe/Moscow' });
  // Runs in the page (the test's tsconfig has no DOM types).
  await context.addInitScript((value) => (globalThis as any).sessionStorage.setItem('mentorflow.token', value), token);
  return { context, page: await context.newPage() };
}

/**
 * The menu's items, in their order, that the organisation's management (curator, director, administrator) has
 * after the items of each role's own.
 */
export const managementMenuItems = [
  'Импорт сотрудников',
  'Каталог программ ПК',
  'Региональные специалисты',
  'Банк практик',
  'Методическое объединение',
  'Поощрения',
  'Настройки уведомлений',
  'Бот в мессенджере',
];

/** The texts of the main menu's links, in order: what the signed-in role may open. */
export const menuLinks = (page: Page): Promise<string[]> =>
  page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link').allTextContents();

/** Opens a screen from the main menu, unfolding it first where it is folded under «Меню» (a phone). */
export async function openFromMenu(page: Page, item: string): Promise<void> {
  // The screen the app landed on first (a redirect would fold the menu again).
  await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
  const nav = page.getByRole('navigation', { name: 'Основное меню' });
  const toggle = nav.getByRole('button', { name: 'Меню' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await nav.getByRole('link', { name: item, exact: true }).click();
}

/**
 * Opens a pair's page as its people reach it: from the inbox, the screen `menu` of the main menu («Мои пары»,
 * «Моя пара», «Пары под контролем»), then the link whose name matches `pairName`, until the page «Пара: …» is up.
 */
export async function openPairFromMenu(page: Page, baseUrl: string, menu: string, pairName: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/app/tasks`);
  await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
  // On a phone the menu is folded under «Меню»: openFromMenu unfolds it.
  await openFromMenu(page, menu);
  await page.getByRole('heading', { name: menu, level: 1 }).waitFor();
  await page.getByRole('link', { name: pairName }).click();
  await page.getByRole('heading', { name: new RegExp(`^Пара: ${pairName.source}`), level: 1 }).waitFor();
}

/** Saves a full-page screenshot under docs/screenshots (committed, shown in the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export interface AccessibilityAudit {
  lang: string;
  /** Form controls and buttons without an accessible name (label, aria-label, aria-labelledby or text). */
  unnamed: string[];
  controls: number;
  h1: number;
  /** Headings that skip a level after the previous one (h2 → h4). */
  skipped: number[];
}

/**
 * A quick automated check of the page as a screen reader meets it, with every collapsed form opened first so
 * its controls count too. Not a full WCAG audit: names, language and heading structure only.
 */
export async function accessibilityAudit(page: Page): Promise<AccessibilityAudit> {
  // Runs in the page (the test's tsconfig has no DOM types).
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    doc.querySelectorAll('details').forEach((d: any) => (d.open = true));
    const name = (el: any): string =>
      (el.getAttribute('aria-label') ?? '').trim() ||
      (el.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id: string) => doc.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim() ||
      [...(el.labels ?? [])]
        .map((l: any) => l.textContent)
        .join(' ')
        .trim() ||
      (el.tagName === 'BUTTON' ? el.textContent.trim() : '');
    const controls = [...doc.querySelectorAll('input, select, textarea, button')].filter(
      (el: any) => el.type !== 'hidden',
    );
    const headings = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h: any) => Number(h.tagName[1]));
    return {
      lang: doc.documentElement.lang,
      unnamed: controls.filter((el: any) => !name(el)).map((el: any) => el.outerHTML.slice(0, 120)),
      controls: controls.length,
      h1: headings.filter((h: number) => h === 1).length,
      skipped: headings.filter((h: number, i: number) => i > 0 && h > headings[i - 1] + 1),
    };
  });
}

/** How much wider the page is than its viewport, in pixels (≤ 0: nothing is cut off horizontally). */
/** What every journey asserts of a screen it checks: Russian, every control named, one h1, no heading level skipped. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityAudit(page)).toMatchObject({ lang: 'ru', unnamed: [], h1: 1, skipped: [] });
}

export const horizontalOverflow = (page: Page): Promise<number> =>
  // Runs in the page (the test's tsconfig has no DOM types).
  page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

/** Nothing on the page is cut off or scrolls sideways: it fits the width of the screen (a phone's, say). */
export async function expectFitsWidth(page: Page): Promise<void> {
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

/**
 * The screen the page shows, reloaded on a phone: once `heading` is back it is photographed as `name` and nothing
 * on it is cut off horizontally (one column).
 */
export async function expectFitsPhone(page: Page, heading: string, name: string): Promise<void> {
  await page.setViewportSize(phone);
  await page.reload();
  await page.getByRole('heading', { name: heading }).waitFor();
  await screenshot(page, name);
  await expectFitsWidth(page);
}

/** The administrator opens a pair's content on the audit screen: the reason she gives is recorded with the read. */
export async function openPairHistoryWithReason(page: Page, reason = 'Плановая проверка'): Promise<void> {
  const form = page.getByRole('form', { name: 'Причина просмотра' });
  await form.getByLabel('Причина просмотра').fill(reason);
  await form.getByRole('button', { name: 'Открыть историю' }).click();
}

/** On the audit screen: the pairs a search finds, as their result lines read. */
export async function auditSearch(page: Page, q: string): Promise<Locator> {
  await page.getByLabel('Поиск пары: организация, ФИО наставника или наставляемого, номер приказа').fill(q);
  const results = page.getByTestId('pair-search-results').getByRole('link');
  await results.first().waitFor();
  return results;
}

/**
 * Enters a date into a date field of the web app. Journeys give ISO dates (YYYY-MM-DD); this is the one place
 * that knows how the app's date field takes them: typed as a person types it, дд.мм.гггг, then the field is left
 * (its calendar closes) and must show the date typed — a date outside the field's bounds is not taken.
 */
export async function fillDate(field: Locator, isoDate: string): Promise<void> {
  const typed = isoDate.split('-').reverse().join('.');
  await field.fill(typed);
  await field.blur();
  // A screen may keep the date elsewhere (the URL) and hand it back a moment later: wait for it, bounded.
  let shown = await field.inputValue();
  for (let waited = 0; shown !== typed && waited < 5000; waited += 100) {
    await field.page().waitForTimeout(100);
    shown = await field.inputValue();
  }
  if (shown !== typed) throw new Error(`The date field did not take ${typed} (it shows «${shown}»)`);
}

/** The date a date field of the web app shows (дд.мм.гггг), as an ISO date (YYYY-MM-DD); empty for none. */
export async function dateIn(field: Locator): Promise<string> {
  return (await field.inputValue()).split('.').reverse().join('-');
}

/**
 * Chooses a person in a PersonPicker labelled `label` by typing `typed` and choosing the option `line`
 * («Фамилия Имя Отчество — должность») with the mouse or Enter; the box then shows the name.
 */
export async function pickPerson(
  scope: Page | Locator,
  label: string,
  typed: string,
  line: string,
  by: 'mouse' | 'keyboard' = 'mouse',
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  const option = page.getByRole('option', { name: line });
  await option.waitFor();
  if (by === 'mouse') await option.click();
  else await box.press('Enter');
  await page.getByRole('option').first().waitFor({ state: 'hidden' });
  const shown = await box.inputValue();
  if (shown !== line.split(' — ')[0]) throw new Error(`The picker shows «${shown}» after choosing «${line}»`);
}

/**
 * Opens one of a programme's screens (issue 26: «Обзор», «Документы», «Подготовка», «Участники», «Пары и группы»,
 * «Мониторинг») from its bar of screens, as a user does, and waits until it is the current one.
 */
export async function openProgrammeScreen(page: Page, screen: string): Promise<void> {
  const screens = page.getByRole('navigation', { name: 'Разделы программы' });
  await screens.getByRole('link', { name: screen, exact: true }).click();
  await screens.locator('a[aria-current="page"]').filter({ hasText: screen }).waitFor();
}

/** Unfolds a form folded under its action (a <details> whose summary is `summary`), unless it is already open. */
export async function unfold(scope: Page | Locator, summary: string): Promise<void> {
  const toggle = scope.locator('details > summary').filter({ hasText: summary }).first();
  if (!(await toggle.evaluate((el: any) => el.parentElement.open as boolean))) await toggle.click();
}
