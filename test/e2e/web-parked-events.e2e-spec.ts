import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { Projector } from '@mentorflow/projections';
import { registeredPoison } from '../support/poison-projection';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/** Issue 23: the administrator sees a parked event on «Сбойные события» and retries it once its handler is fixed. */
describe('web application: the administrator retries a parked event', () => {
  let system: TestSystem;
  let browser: Browser;
  beforeAll(async () => ({ system, browser } = await web.startWebJourney()));
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('lists the parked event with its type, error and failure times, and «Повторить» applies it', async () => {
    const poison = await registeredPoison(system);
    const [, failing] = await poison.append('TestFine', 'TestPoison');
    await new Projector(poison.db, 500, 1).catchUp(poison.projection);

    const { context, page } = await web.signedInPage(browser, system.token(randomUUID(), ['administrator']));
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('link', { name: 'Сбойные события' }).click();
    await page.getByRole('heading', { name: 'Сбойные события', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: poison.projection.name });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual([
      poison.projection.name,
      'TestPoison',
      `TypeError: Cannot read properties of undefined (reading 'stage') at ${failing}`,
    ]);
    expect(cells[3]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(МСК\)$/);
    expect(cells[4]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(МСК\)$/);
    await web.expectAccessible(page);

    poison.control.broken = false;
    await row.getByRole('button', { name: 'Повторить событие TestPoison' }).click();

    await page.getByRole('status').filter({ hasText: 'Сбойных событий нет' }).waitFor();
    expect(await poison.applied()).toEqual(expect.arrayContaining([failing]));
    await context.close();
  });
});
