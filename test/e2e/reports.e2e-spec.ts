import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { endOfLocalDay } from '@mentorflow/calendar';
import { EventStore } from '@mentorflow/event-store';
import { appendRegion, registerRouteCodes } from '../../scripts/region/append-region';
import { expectedRegionFigures, type ExpectedRegionFigures } from '../../scripts/region/expected-figures';
import { openTestDataSource } from '../support/database';
import { testRegion } from '../support/region';
import { TestSystem } from '../support/system';

const DAY = 86_400_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The API's JSON totals in the shape of the generator's expected figures (a reshaping only). */
function figuresOfJson(body: any): ExpectedRegionFigures {
  return {
    organisations: body.totals.organisations,
    implementing: body.totals.implementing,
    withCurator: body.totals.withCurator,
    documents: Object.fromEntries(
      body.totals.documents.map((d: any) => [d.key, d.count]),
    ) as ExpectedRegionFigures['documents'],
    forms: Object.fromEntries(body.totals.forms.filter((f: any) => f.count > 0).map((f: any) => [f.key, f.count])),
    draftsDecided: body.totals.draftsDecided,
    draftsOnTime: body.totals.draftsOnTime,
    municipalities: Object.fromEntries(
      body.municipalities.map((m: any) => [
        m.municipality,
        { organisations: m.organisations, implementing: m.implementing, withCurator: m.withCurator },
      ]),
    ),
  };
}

describe('reports and monitoring through HTTP (generated region, real PostgreSQL and Temporal)', () => {
  let system: TestSystem;
  let dataSource: DataSource;
  const region = testRegion({ seed: 11, region: `Область ${randomUUID().slice(0, 8)}`, regionCode: 98 });
  const asOf = new Date(region.now - 120 * DAY).toISOString().slice(0, 10);
  const [firstMunicipality] = region.municipalities as [string];
  const organisation = region.ledger[0] as (typeof region.ledger)[number];
  let coordinator: string;

  const raw = (path: string, token: string, accept?: string) =>
    fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) } });

  beforeAll(async () => {
    system = await TestSystem.start();
    dataSource = await openTestDataSource();
    await appendRegion(new EventStore(dataSource), region);
    // Routes created through the API in other files of this run must not be given the generated codes.
    await registerRouteCodes((sql, p) => dataSource.query(sql, p), region);
    coordinator = system.token(randomUUID(), ['regionalCoordinator'], [], { region: region.region });
    // The worker's projector builds the report facts from the appended history.
    const ready = await system.eventually(
      () => system.request('GET', `/reports/region?region=${encodeURIComponent(region.region)}`, coordinator),
      (r) =>
        r.status === 200 &&
        r.body.totals.organisations === 8 &&
        r.body.totals.draftsDecided === expectedRegionFigures(region).draftsDecided,
      60_000,
    );
    expect(ready.status).toBe(200);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await system?.stop();
  });

  it('shows the region as the generated history says: target model, documents, curators, forms, drafts on time', async () => {
    const today = await system.request('GET', '/reports/region', coordinator);
    expect(today.status).toBe(200);
    expect(today.body.scope).toEqual({ region: region.region });
    expect(figuresOfJson(today.body)).toEqual(expectedRegionFigures(region));
    expect(today.body.totals.implementingShare).toBeCloseTo(today.body.totals.implementing / 8, 4);
    expect(today.body.organisations).toMatchObject({ total: 8, limit: 50, offset: 0 });
  });

  it('as of a past date shows that day, which differs from today by exactly the later events', async () => {
    const past = await system.request('GET', `/reports/region?asOf=${asOf}`, coordinator);
    const today = await system.request('GET', '/reports/region', coordinator);
    expect(past.status).toBe(200);
    expect(past.body.asOf).toBe(asOf);
    expect(figuresOfJson(past.body)).toEqual(expectedRegionFigures(region, asOf));
    expect(figuresOfJson(past.body)).not.toEqual(figuresOfJson(today.body));
  });

  it('limits a municipal coordinator to their municipality and hides other regions', async () => {
    const municipal = system.token(randomUUID(), ['regionalCoordinator'], [], {
      region: region.region,
      municipality: firstMunicipality,
    });
    const own = await system.request('GET', '/reports/region', municipal);
    expect(own.status).toBe(200);
    expect(figuresOfJson(own.body)).toEqual(expectedRegionFigures(region, undefined, firstMunicipality));
    expect(own.body.municipalities.map((m: any) => m.municipality)).toEqual([firstMunicipality]);
    expect(
      (await system.request('GET', `/reports/region?municipality=${encodeURIComponent('Другой район')}`, municipal))
        .status,
    ).toBe(404);
    expect(
      (await system.request('GET', `/reports/region?region=${encodeURIComponent('Другая область')}`, coordinator))
        .status,
    ).toBe(404);
    const otherRegion = system.token(randomUUID(), ['regionalCoordinator'], [], { region: 'Другая область' });
    expect(
      (await system.request('GET', `/organisations/${organisation.organisationId}/reports/monitoring`, otherRegion))
        .status,
    ).toBe(404);
    expect(
      (
        await system.request(
          'GET',
          '/reports/region',
          system.token(randomUUID(), ['curator'], [organisation.organisationId]),
        )
      ).status,
    ).toBe(403);
  });

  it('exports the region to XLSX whose cells match the JSON, and to CSV', async () => {
    const json = (await system.request('GET', `/reports/region?asOf=${asOf}`, coordinator)).body;
    const response = await raw(`/reports/region?asOf=${asOf}&format=xlsx`, coordinator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const summary = workbook.getWorksheet('Сводка');
    expect(summary).toBeDefined();
    const cell = (label: string) => summary?.getColumn(1).values.indexOf(label) ?? -1;
    const value = (label: string) => summary?.getRow(cell(label)).getCell(2).value;
    expect(value('Образовательных организаций')).toBe(json.totals.organisations);
    expect(value('Реализуют целевую модель наставничества')).toBe(json.totals.implementing);
    expect(value('Доля реализующих ЦМН')).toBe(json.totals.implementingShare);
    expect(value('Организаций с куратором')).toBe(json.totals.withCurator);
    expect(value('Доля проектов ИОМ, представленных в срок')).toBe(json.totals.draftsOnTimeShare);
    expect(summary?.getRow(1).font?.bold).toBe(true);
    expect(summary?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const documents = workbook.getWorksheet('Документы');
    expect(documents?.getColumn(2).values.slice(2)).toEqual(json.totals.documents.map((d: any) => d.count));
    expect(documents?.getColumn(3).numFmt).toBe('0.0%');
    const organisations = workbook.getWorksheet('Организации');
    // The export holds every organisation, not one page.
    expect((organisations?.rowCount ?? 0) - 1).toBe(json.organisations.total);

    const csv = await raw('/reports/region', coordinator, 'text/csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark, so that spreadsheet programs read the Cyrillic as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    // Russian Excel: `;` between cells.
    expect(text).toContain('Показатель;Значение');
    expect(text).toContain(`Образовательных организаций;${json.totals.organisations}`);
  });

  it('paginates the organisations at most 100 at a time', async () => {
    const page = await system.request('GET', '/reports/region?limit=3&offset=3', coordinator);
    expect(page.body.organisations.items).toHaveLength(3);
    expect(page.body.organisations).toMatchObject({ total: 8, limit: 3, offset: 3 });
    const tooMany = await system.request('GET', '/reports/region?limit=101', coordinator);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'limit' });
  });

  it('refuses a malformed or future date with a field and a Russian message', async () => {
    const bad = await system.request('GET', '/reports/region?asOf=2026-02-30', coordinator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'asOf' });
    const future = await system.request(
      'GET',
      `/reports/region?asOf=${new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10)}`,
      coordinator,
    );
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'asOf', message: 'Дата отчёта не может быть в будущем' });
  });

  it('gives the organisation its monitoring: pairs, controls, programme stage and the routes report', async () => {
    const admin = system.token(randomUUID(), ['administrator']);
    const report = await system.request(
      'GET',
      `/organisations/${organisation.organisationId}/reports/monitoring`,
      admin,
    );
    expect(report.status).toBe(200);
    const live = organisation.pairs.filter((p) => p.terminatedAt === undefined);
    expect(report.body.pairs.total).toBe(organisation.pairs.length);
    expect(report.body.pairs.byForm.reduce((t: number, r: any) => t + r.count, 0)).toBe(live.length);
    expect(report.body.programmes).toHaveLength(1);
    expect(report.body.programmes[0].daysInStage).toBeGreaterThanOrEqual(0);
    const expectedOne = expectedRegionFigures({ ...region, ledger: [organisation] });
    expect(report.body.targetModel.implementsTargetModel).toBe(expectedOne.implementing === 1);
    expect(report.body.targetModel.hasCurator).toBe(expectedOne.withCurator === 1);

    // As of a past date: the pairs formed and terminated by the end of that day in the organisation's zone.
    const limit = Date.parse(endOfLocalDay(asOf, organisation.timeZone));
    const past = await system.request(
      'GET',
      `/organisations/${organisation.organisationId}/reports/monitoring?asOf=${asOf}`,
      admin,
    );
    expect(past.status).toBe(200);
    expect(past.body.pairs.total).toBe(organisation.pairs.filter((p) => p.formedAt < limit).length);
    expect(past.body.pairs.byStatus.find((r: any) => r.key === 'terminated').count).toBe(
      organisation.pairs.filter((p) => p.terminatedAt !== undefined && p.terminatedAt < limit).length,
    );
    // Days in stage are counted to the end of the asked day, not to today (unless the stage changed since).
    if (past.body.programmes[0].stage === report.body.programmes[0].stage) {
      expect(report.body.programmes[0].daysInStage - past.body.programmes[0].daysInStage).toBeGreaterThanOrEqual(118);
    }

    const routes = await system.request(
      'GET',
      `/organisations/${organisation.organisationId}/reports/routes?limit=2`,
      admin,
    );
    expect(routes.status).toBe(200);
    expect(routes.body.competences).toHaveLength(9);
    expect(routes.body.routes.items.length).toBeLessThanOrEqual(2);
    const delivered = routes.body.methodologists.reduce((t: number, m: any) => t + m.onTime, 0);
    expect(delivered).toBe(organisation.drafts.filter((d) => d.onTime).length);

    for (const area of routes.body.competences)
      expect(area.initialHigh + area.initialBasic + area.initialDeficits).toBe(area.diagnosed);
    const routesXlsx = new ExcelJS.Workbook();
    await routesXlsx.xlsx.load(
      Buffer.from(
        await (
          await raw(`/organisations/${organisation.organisationId}/reports/routes?format=xlsx`, admin)
        ).arrayBuffer(),
      ) as never,
    );
    const competences = routesXlsx.getWorksheet('Компетенции');
    expect(competences?.getColumn(2).values.slice(2)).toEqual(routes.body.competences.map((c: any) => c.diagnosed));
    expect(routesXlsx.getWorksheet('Маршруты')?.rowCount).toBe(routes.body.routes.total + 1);

    const xlsx = await raw(`/organisations/${organisation.organisationId}/reports/monitoring`, admin, XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const pairsSheet = workbook.getWorksheet('Пары');
    const statusCounts = pairsSheet?.getColumn(3).values.slice(2, 6);
    expect(statusCounts).toEqual(report.body.pairs.byStatus.map((r: any) => r.count));
  });

  it('records a monitoring result of 002 §10 and shows it in the report; bad input stores nothing', async () => {
    const id = organisation.organisationId;
    const curator = system.token(randomUUID(), ['curator'], [id]);
    const before = await system.request('GET', `/organisations/${id}/monitoring-results`, curator);
    const body = {
      indicator: 'studentsPassedNationalTestsShare',
      value: 87.5,
      periodStart: '2025-09-01',
      periodEnd: '2026-05-31',
      comment: 'ВПР, 5-е классы',
    };
    const created = await system.request('POST', `/organisations/${id}/monitoring-results`, curator, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      indicator: 'studentsPassedNationalTestsShare',
      stage: 'process',
      value: 87.5,
    });

    const outOfRange = await system.request('POST', `/organisations/${id}/monitoring-results`, curator, {
      ...body,
      value: 150,
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors[0]).toMatchObject({ field: 'value', message: 'Значение в процентах — от 0 до 100' });
    const unknown = await system.request('POST', `/organisations/${id}/monitoring-results`, curator, {
      ...body,
      indicator: 'happiness',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'indicator' });
    const backwards = await system.request('POST', `/organisations/${id}/monitoring-results`, curator, {
      ...body,
      periodStart: '2026-06-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.unmet).toEqual([
      { code: 'period.endBeforeStart', message: 'Конец периода раньше его начала' },
    ]);
    const outsider = system.token(randomUUID(), ['curator'], [randomUUID()]);
    expect((await system.request('POST', `/organisations/${id}/monitoring-results`, outsider, body)).status).toBe(404);
    expect(
      (
        await system.request(
          'POST',
          `/organisations/${id}/monitoring-results`,
          system.token(randomUUID(), ['mentor'], [id]),
          body,
        )
      ).status,
    ).toBe(403);

    const after = await system.eventually(
      () => system.request('GET', `/organisations/${id}/monitoring-results?limit=100`, curator),
      (r) => r.body.total === before.body.total + 1,
    );
    expect(after.body.items.find((r: any) => r.resultId === created.body.resultId)).toMatchObject({
      value: 87.5,
      indicatorLabel: 'Доля обучающихся наставляемого, успешно прошедших ВПР/ГИА/демонстрационный экзамен, %',
    });
    // Recorded today: absent from yesterday's report.
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const past = await system.request(
      'GET',
      `/organisations/${id}/monitoring-results?asOf=${yesterday}&limit=100`,
      curator,
    );
    expect(past.body.items.some((r: any) => r.resultId === created.body.resultId)).toBe(false);
  });
});
