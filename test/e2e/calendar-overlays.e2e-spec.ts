import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { localDateOf, type ProductionCalendar } from '@mentorflow/calendar';
import { productionCalendarStream } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { countEvents, openTestDataSource } from '../support/database';
import { TestSystem } from '../support/system';

/**
 * A region's own non-working days over the federal calendar, through the API. Loading and refusing use a
 * Tatarstan overlay for 2027 (shipped). Working days are counted from today, so the counting checks use
 * a Bashkortostan overlay for NEXT year (shipped or a fixture year this spec loads), on days that are
 * federal working days that year: its days are always ahead, whatever the date the suite runs.
 */
describe('regional non-working days (calendar overlays) through the API', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: string;
  let calendar: ProductionCalendar;
  const adminId = randomUUID();
  const TATARSTAN = 'Республика Татарстан';
  const MOSCOW = 'Europe/Moscow';
  const shipped2027 = readFileSync(join(__dirname, '..', '..', 'libs', 'calendar', 'data', '2027.xml'), 'utf8');

  const overlayXml = (
    days: string,
    { year = '2027', region = `region="${TATARSTAN}"` } = {},
  ): string => `<?xml version="1.0" encoding="UTF-8"?>
<calendar year="${year}" lang="ru" country="ru" ${region}>
    <holidays>
        <holiday id="1" title="Ураза-байрам"/>
        <holiday id="2" title="Курбан-байрам"/>
        <holiday id="3" title="День Республики Татарстан"/>
        <holiday id="4" title="День Конституции Республики Татарстан"/>
    </holidays>
    <days>
        ${days}
    </days>
</calendar>`;
  const tatarstan2027 = overlayXml(`<day d="03.10" t="1" h="1"/>
        <day d="05.16" t="1" h="2"/>
        <day d="08.30" t="1" h="3"/>
        <day d="11.06" t="1" h="4"/>`);

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    admin = system.token(adminId, ['administrator']);
    calendar = await loadFixtureYearsAhead();
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const calendarEvents = () => countEvents(db, productionCalendarStream);
  const load = (xml: string, token = admin) => system.request('POST', '/calendar/overlays', token, { xml });
  const list = async (token = admin) => {
    const response = await system.request('GET', '/calendar/overlays?limit=100', token);
    expect(response.status).toBe(200);
    return response.body as { region: string; year: number; days: number; loadedAt: string; loadedBy: string }[];
  };
  const workingDays = async (dates: string[], region?: string) => {
    const query = new URLSearchParams({
      timeZone: MOSCOW,
      dates: dates.join(','),
      ...(region === undefined ? {} : { region }),
    });
    const response = await system.request('GET', `/calendar/working-days?${query}`, admin);
    expect(response.status).toBe(200);
    return response.body as {
      today: string;
      region: string | null;
      days: Record<string, number | null>;
      missingYears: number[];
    };
  };

  it.each([
    [
      'an unknown region',
      overlayXml('<day d="08.30" t="1" h="3"/>', { region: 'region="Татарстания"' }),
      'calendarOverlay',
      'Неизвестный субъект Российской Федерации «Татарстания» (атрибут region)',
    ],
    [
      'no region attribute',
      overlayXml('<day d="08.30" t="1" h="3"/>', { region: '' }),
      'calendarOverlay',
      'Не указан регион (атрибут region элемента <calendar>)',
    ],
    ['a federal year file', shipped2027, 'calendarOverlay', 'Не указан регион'],
    [
      'an impossible date',
      overlayXml('<day d="02.30" t="1" h="1"/>'),
      'calendarOverlay',
      'Неверная дата 02.30 в календаре 2027 года',
    ],
    [
      'broken XML',
      overlayXml('<day d="08.30" t="1"'),
      'calendarOverlay',
      'Повреждённый XML производственного календаря',
    ],
    [
      'a year without a federal calendar',
      overlayXml('<day d="08.30" t="1" h="3"/>', { year: '2089' }),
      'federalCalendarYear',
      'Нет федерального производственного календаря на 2089 год: сначала загрузите его',
    ],
  ])(
    'refuses %s with 400 and a Russian message naming the problem, storing nothing',
    async (_, xml, constraint, message) => {
      const before = await calendarEvents();
      const listed = await list();
      const response = await load(xml);
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain(message);
      expect(response.body.errors).toEqual([{ field: 'xml', constraint, message: response.body.detail }]);
      expect(await calendarEvents()).toBe(before);
      expect(await list()).toEqual(listed);
    },
  );

  it('refuses a regional file loaded as a federal year: it would replace the whole country’s 2027', async () => {
    const before = await calendarEvents();
    const response = await system.request('POST', '/calendar/years', admin, { xml: tatarstan2027 });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain(
      'Календарь относится к региону "Республика Татарстан": загрузите его как региональный календарь',
    );
    expect(await calendarEvents()).toBe(before);
  });

  it('loads only for an administrator: anyone else gets 403 and nothing is stored', async () => {
    const before = await calendarEvents();
    for (const role of ['curator', 'director', 'methodologist'] as const) {
      expect((await load(tatarstan2027, system.token(randomUUID(), [role], [randomUUID()]))).status).toBe(403);
    }
    expect(
      (await system.request('GET', '/calendar/overlays', system.token(randomUUID(), ['mentor'], [randomUUID()])))
        .status,
    ).toBe(403);
    expect(await calendarEvents()).toBe(before);
  });

  it('pages the list like every list: limit over 100 is refused naming "limit"', async () => {
    const tooMany = await system.request('GET', '/calendar/overlays?limit=101', admin);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'limit', constraint: 'max' })]),
    );
    expect((await system.request('GET', '/calendar/overlays?limit=1&offset=0', admin)).status).toBe(200);
  });

  it('loads a Tatarstan overlay as administrator and lists it to those who read the calendar', async () => {
    const before = await calendarEvents();
    const loaded = await load(tatarstan2027.replace(`region="${TATARSTAN}"`, 'region="Татарстан"'));
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ region: TATARSTAN, year: 2027, days: 4, loadedBy: adminId });
    expect(await calendarEvents()).toBe(before + 1);

    const row = { region: TATARSTAN, year: 2027, days: 4, loadedAt: loaded.body.loadedAt, loadedBy: adminId };
    expect((await list()).filter((o) => o.region === TATARSTAN)).toEqual([row]);
    const curator = system.token(randomUUID(), ['curator'], [randomUUID()]);
    expect((await list(curator)).filter((o) => o.region === TATARSTAN)).toEqual([row]);
    // The federal years are as they were: an overlay is not a year.
    const years = await system.request('GET', '/calendar/years', admin);
    expect(years.body).toEqual(expect.arrayContaining([expect.objectContaining({ year: 2027 })]));
  });

  const BASHKORTOSTAN = 'Республика Башкортостан';
  const nextYear = () => Number(localDateOf(new Date(), MOSCOW).slice(0, 4)) + 1;
  /** The first federal working day on or after `date` (MM.DD of next year), as the overlay's d="MM.DD". */
  const workingDayFrom = (monthDay: string): string => {
    let cursor = new Date(`${nextYear()}-${monthDay.replace('.', '-')}T00:00:00Z`);
    while (!calendar.isWorkingDay(cursor.toISOString().slice(0, 10))) cursor = new Date(cursor.getTime() + 86_400_000);
    return cursor.toISOString().slice(5, 10).replace('-', '.');
  };
  const bashkortostanXml = (monthDays: string[]) =>
    overlayXml(monthDays.map((d) => `<day d="${d}" t="1" h="1"/>`).join(''), {
      year: String(nextYear()),
      region: `region="${BASHKORTOSTAN}"`,
    });

  it('counts working days with the region’s own days off when the region is given, and without them when not', async () => {
    const [spring, summer] = [workingDayFrom('03.10'), workingDayFrom('08.30')];
    expect((await load(bashkortostanXml([spring, summer]))).status).toBe(201);
    // Before the first regional day nothing regional has happened; by 15 September both days are off.
    const dates = [`${nextYear()}-03-01`, `${nextYear()}-09-15`] as const;
    const federal = await workingDays([...dates]);
    const regional = await workingDays([...dates], 'Башкортостан');
    expect(federal.region).toBeNull();
    expect(regional.region).toBe(BASHKORTOSTAN);
    expect(regional.today).toBe(localDateOf(new Date(), MOSCOW));
    expect(federal.missingYears).toEqual([]);
    expect(regional.days[dates[0]]).toBe(federal.days[dates[0]]);
    expect(regional.days[dates[1]]).toBe((federal.days[dates[1]] as number) - 2);
    // Another region, or one that is no subject of the Russian Federation: the federal count.
    for (const region of ['Самарская область', 'Атлантида']) {
      const other = await workingDays([...dates], region);
      expect(other.region).toBeNull();
      expect(other.days).toEqual(federal.days);
    }
  });

  it('a later overlay of the same region and year replaces the earlier one', async () => {
    const summer = workingDayFrom('08.30');
    const corrected = await load(bashkortostanXml([summer]));
    expect(corrected.status).toBe(201);
    expect((await list()).filter((o) => o.region === BASHKORTOSTAN)).toEqual([
      { region: BASHKORTOSTAN, year: nextYear(), days: 1, loadedAt: corrected.body.loadedAt, loadedBy: adminId },
    ]);
    const date = `${nextYear()}-09-15`;
    const federal = await workingDays([date]);
    const regional = await workingDays([date], BASHKORTOSTAN);
    expect(regional.days[date]).toBe((federal.days[date] as number) - 1);
  });
});
