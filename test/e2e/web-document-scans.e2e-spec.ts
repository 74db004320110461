import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { namedPairListed, places, programmeWithCurator } from '../support/programme-setup';
import { scanFixtures, sha256 } from '../support/scans';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const files = mkdtempSync(join(tmpdir(), 'web-scans-files-'));
/** A file the user picks, under the name they gave it. */
const picked = (name: string, bytes: Buffer) => {
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
};

/** The bytes the «Скачать скан» button inside `scope` makes the browser download. */
async function downloaded(page: Page, button: ReturnType<Page['getByRole']>) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { fileName: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** Issue 22: the curator attaches the signed scan of a registered document, sees it listed, and downloads it. */
describe('web application: the curator keeps signed scans of documents', () => {
  let system: TestSystem;
  let browser: Browser;
  let curatorToken: string;
  let programmeId: string;

  beforeAll(async () => {
    process.env.SCAN_STORAGE_DIR = mkdtempSync(join(tmpdir(), 'web-scans-storage-'));
    ({ system, browser } = await web.startWebJourney());
    const programme = await programmeWithCurator(system, places.samara);
    ({ programmeId, curator: curatorToken } = programme);
    const recorded = await system.request('POST', `/programmes/${programmeId}/documents`, curatorToken, {
      documentId: randomUUID(),
      kind: 'implementationAct',
      number: '7-од',
      date: '2026-08-20',
      signedBy: 'Директор',
    });
    expect(recorded.status).toBe(200);
    await namedPairListed(system, programme);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('attaches the scan of the implementation act, sees its hash and date, downloads the same file', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Документы');
    const row = page.getByRole('row', { name: /Распорядительный акт о внедрении/ });
    await row.getByText('Скан не прикреплён').waitFor();

    // A program renamed scan.pdf is refused by its content, in Russian.
    await row
      .getByLabel(/^Прикрепить скан \(PDF, JPEG, PNG до 20 МБ\)/)
      .setInputFiles(picked('scan.pdf', scanFixtures.exe));
    await row.getByRole('alert').filter({ hasText: 'Скан не принят' }).waitFor();
    await row.getByText(/только в формате PDF, JPEG или PNG/).waitFor();

    const file = scanFixtures.pdf('акт 7-од');
    await row.getByLabel(/^Прикрепить скан \(PDF, JPEG, PNG до 20 МБ\)/).setInputFiles(picked('Акт 7-од.pdf', file));
    await row.getByText('Скан прикреплён').waitFor();
    await row.getByText(sha256(file).slice(0, 12)).waitFor();
    await row.getByText(/Скан от \d{2}\.\d{2}\.\d{4}/).waitFor();

    const saved = await downloaded(page, row.getByRole('button', { name: /^Скачать скан/ }));
    expect(saved.fileName).toBe('implementationAct-2026-08-20.pdf');
    expect(sha256(saved.bytes)).toBe(sha256(file));
    await web.expectAccessible(page);
    await context.close();
  });

  it('attaches the signed assignment order on the pair’s panel, on a phone too', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken, web.phone);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });
    const scans = page.getByRole('region', { name: 'Подписанные экземпляры (сканы)' });
    const order = scans.getByRole('listitem').filter({ hasText: 'Приказ о закреплении № 15-к' });
    await order.getByText('Скан не прикреплён').waitFor();
    await scans
      .getByRole('listitem')
      .filter({ hasText: /Согласие наставляемого Петров И\. С\./ })
      .waitFor();

    const file = scanFixtures.png;
    await order.getByLabel(/^Прикрепить скан/).setInputFiles(picked('приказ.png', file));
    await order.getByText(sha256(file).slice(0, 12)).waitFor();
    const saved = await downloaded(page, order.getByRole('button', { name: /^Скачать скан/ }));
    expect(saved.fileName).toBe('assignment-order.png');
    expect(sha256(saved.bytes)).toBe(sha256(file));
    await web.expectFitsWidth(page);
    await web.expectAccessible(page);
    await context.close();
  });
});
