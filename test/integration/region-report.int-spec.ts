import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '@mentorflow/event-store';
import { Projector, reportFactsProjection } from '@mentorflow/projections';
import { appendRegion } from '../../scripts/region/append-region';
import { expectedRegionFigures } from '../../scripts/region/expected-figures';
import { openTestDataSource } from '../support/database';
import { figuresOf, regionRows, testRegion } from '../support/region';

const DAY = 86_400_000;

describe('regional report facts from a generated region (PostgreSQL, report-facts projection)', () => {
  let dataSource: DataSource;
  let projector: Projector;
  const region = testRegion({ seed: 7, region: `Тестовая область ${randomUUID().slice(0, 8)}`, regionCode: 97 });
  const asOf = new Date(region.now - 150 * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    projector = new Projector(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('generates streams that run forward in time within the past year, each accepted by its decider', () => {
    for (const stream of region.streams) {
      const times = stream.events.map((e) => e.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((t) => t >= region.from && t < region.now)).toBe(true);
    }
    const types = new Set(region.streams.flatMap((s) => s.events.map((e) => e.type)));
    for (const type of [
      'StageAdvanced',
      'PersonalProgrammeApproved',
      'PairTerminated',
      'TaskOverdue',
      'RouteDraftSubmitted',
      'ControlDiagnosticsRecorded',
      'MonitoringResultRecorded',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('as of a past date shows exactly what the events up to that day show, and today adds exactly the later ones', async () => {
    const store = new EventStore(dataSource);
    // First only the history up to the end of the date, in each organisation's zone: that day's truth.
    const firstHalf = await appendRegion(store, region, { until: asOf });
    await projector.catchUp(reportFactsProjection);
    // Tasks count as overdue by the end of that day, as the report as of that day counts them.
    const thatDay = await regionRows(dataSource, region.region, asOf, { currentFacts: true });

    const rest = await appendRegion(store, region, { from: firstHalf.appended });
    expect(firstHalf.events).toBeGreaterThan(0);
    expect(rest.events).toBeGreaterThan(0);
    await projector.catchUp(reportFactsProjection);

    const asOfRows = await regionRows(dataSource, region.region, asOf);
    expect(asOfRows).toEqual(thatDay);
    const today = await regionRows(dataSource, region.region);
    expect(today).not.toEqual(asOfRows);

    // Against figures counted straight from what the generator did, not from the projection.
    expect(figuresOf(today)).toEqual(expectedRegionFigures(region));
    expect(figuresOf(asOfRows)).toEqual(expectedRegionFigures(region, asOf));
    expect(figuresOf(today).organisations).toBe(8);
    expect(figuresOf(today).implementing).toBeGreaterThan(figuresOf(asOfRows).implementing);
  });

  it("counts in PostgreSQL what the region report shows: the same rows as folded from every fact's document", async () => {
    // Every month-end of the generated year, and now (open tasks judged overdue at each instant).
    const dates = Array.from({ length: 12 }, (_, i) =>
      new Date(region.now - (11 - i) * 30 * DAY).toISOString().slice(0, 10),
    );
    for (const date of [...dates, undefined]) {
      const grouped = await regionRows(dataSource, region.region, date, { grouped: true });
      expect(grouped).toEqual(await regionRows(dataSource, region.region, date));
    }
    const today = await regionRows(dataSource, region.region, undefined, { grouped: true });
    expect(today.reduce((n, r) => n + r.pairs, 0)).toBeGreaterThan(0);
    expect(today.reduce((n, r) => n + r.overdueTasks, 0)).toBeGreaterThan(0);
  });

  it('is rebuildable: replaying the store from the start gives the same intervals and figures', async () => {
    const intervals = () =>
      dataSource.query(
        `SELECT subject_type, subject_id, valid_from, valid_to, facts FROM report_facts
         WHERE organisation_id = ANY($1::text[]) ORDER BY subject_type, subject_id, valid_from`,
        [region.ledger.map((o) => o.organisationId)],
      );
    const before = await intervals();
    expect(before.length).toBeGreaterThan(0);
    await projector.rebuild(reportFactsProjection);
    expect(await intervals()).toEqual(before);
    expect(figuresOf(await regionRows(dataSource, region.region, asOf))).toEqual(expectedRegionFigures(region, asOf));
  });
});
