import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { productionCalendarStream } from '@mentorflow/domain';
import { fixtureCalendarXml } from '../support/calendar-fixture';
import { countEvents, openTestDataSource } from '../support/database';
import { TestSystem } from '../support/system';

describe('loading a production calendar year through the API', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: string;
  const shipped2026 = readFileSync(join(__dirname, '..', '..', 'libs', 'calendar', 'data', '2026.xml'), 'utf8');

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    admin = system.token(randomUUID(), ['administrator']);
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const calendarEvents = () => countEvents(db, productionCalendarStream);
  const load = (xml: string, token = admin) => system.request('POST', '/calendar/years', token, { xml });

  it('refuses bad XML and impossible dates with 400 in Russian, changing nothing', async () => {
    const before = await calendarEvents();
    const broken = await load('<calendar year="2027"><days><day d="01.01"');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ field: 'xml' });
    const impossible = await load(shipped2026.replace('year="2026"', 'year="2027"').replace('d="01.01"', 'd="02.30"'));
    expect(impossible.status).toBe(400);
    expect(impossible.body.detail).toMatch(/02\.30/);
    expect((await load(shipped2026, system.token(randomUUID(), ['curator'], [randomUUID()]))).status).toBe(403);
    expect(await calendarEvents()).toBe(before);
  });

  it('adds a year the shipped data lacks, so deadlines in it can be computed', async () => {
    // A fixture year far beyond the shipped data and any year another test of this run loads; the shipped
    // years stay as they are for the other specs sharing this database.
    const loaded = await load(fixtureCalendarXml(2090));
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ year: 2090, source: 'loaded' });

    const years = await system.request('GET', '/calendar/years', admin);
    expect(years.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ year: 2027, source: 'shipped' }),
        expect.objectContaining({ year: 2090, source: 'loaded' }),
      ]),
    );
  });
});
