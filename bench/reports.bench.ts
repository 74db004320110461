/**
 * Benchmark 15 (issue 24 §3): the regional and organisation reports as of a date over a federal-size store —
 * 1,000 organisations and ≈ 1,000,000 events built with the bulk path of issue 24 §2 (generateRegion and
 * onboardRegion, without Temporal: nothing here reads a workflow) and the read models caught up — through the
 * API: GET /reports/region?asOf=… for several dates across the year, an organisation's monitoring report as of
 * a date and the region as XLSX, against the raw read of the report_facts rows the region report reads for the
 * same date (the service's main query) in the same run, interleaved.
 *
 *   node -r @swc-node/register bench/reports.bench.ts [--smoke] [--organisations N] [--pairs N] [--routes N]
 *     [--requests N] [--xlsx N] [--explain] [--profile] [--strict]
 *
 * `--explain` logs the plan of the facts query (EXPLAIN ANALYZE, BUFFERS); `--profile` times the steps of the
 * region report (ReportsService.regionReport's own calls, in this process) for each date. See bench/README.md.
 */
import 'reflect-metadata';
import './support/env';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { endOfLocalDay } from '@mentorflow/calendar';
import { associationFiguresAsOf } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import {
  allProjections,
  loadRegionFactsAsOf,
  loadRegionFactsInMemory,
  loadOrganisationsInScope,
  loadTrainedMentors,
  Projector,
  regionAggregate,
  regionOrganisationRow,
  type FactRow,
  type RegionOrganisationRow,
} from '@mentorflow/projections';
import { regionSheets, municipalityRows } from '../apps/api/src/reports/report-sheets';
import { xlsxStream } from '../apps/api/src/reports/report-export';
import { UserDirectory } from '../apps/api/src/users/user-directory';
import { nextOrganisationCode } from '../scripts/region/append-region';
import { expectedRegionFigures } from '../scripts/region/expected-figures';
import { generateRegion } from '../scripts/region/generate-region';
import { onboardRegion } from '../scripts/region/onboard-region';
import { runApiBench } from './support/api-bench';
import { benchCli } from './support/cli';
import { int, ms, percentile, runMain } from './support/stats';

const cli = benchCli('bench:reports', {
  organisations: { type: 'string' },
  municipalities: { type: 'string' },
  pairs: { type: 'string' },
  routes: { type: 'string' },
  requests: { type: 'string' },
  xlsx: { type: 'string' },
  explain: { type: 'boolean' },
  profile: { type: 'boolean' },
});
const { args, smoke: SMOKE, num, check, unmet, log, verdict } = cli;
const ORGANISATIONS = num(args.organisations, 1_000, 4);
const MUNICIPALITIES = num(args.municipalities, 10, 2);
// ≈ 19 events a pair or route with its share of the organisations' and mentors' streams (measured: 1,000
// organisations, 10,000 pairs and 10,000 routes give ≈ 190,000 events), so 50,000 of each give ≈ 1,000,000.
const PAIRS = num(args.pairs, 50_000, 16);
const ROUTES = num(args.routes, 50_000, 12);
const REQUESTS = num(args.requests, 60, 6);
const XLSX_REQUESTS = num(args.xlsx, 10, 2);
/** Issue 24 §3: reports as of any date, p95 ≤ 300 ms through the API; the region's XLSX ≤ 2 s. */
const TARGET_P95_MS = 300;
const TARGET_XLSX_MS = 2_000;
/** The generated year ends here (the generator counts draft deadlines on the shipped calendar). */
const NOW = Date.parse('2026-11-30T09:00:00.000Z');
/** The dates the reports are asked for: across the generated year, the last one its last full day. */
const DATES = ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-09-30', '2026-11-29'];
const REGION_CODE = 96;

const FACTS_SQL = `SELECT f.subject_type, f.subject_id, f.organisation_id, f.facts
  FROM report_facts f
  JOIN unnest($1::text[], $2::timestamptz[]) AS o(organisation_id, at) ON o.organisation_id = f.organisation_id
  WHERE f.valid_from < o.at AND (f.valid_to IS NULL OR f.valid_to >= o.at)
  ORDER BY f.organisation_id, f.subject_type, f.subject_id`;

async function main(): Promise<number> {
  return runApiBench({
    title: 'Regional reports benchmark',
    ...cli,
    measure: async ({ api, baseUrl, databaseUrl }, sections) => {
      const pool = new Pool({ connectionString: databaseUrl, max: 2 });
      const db = api.get(DataSource);
      const store = new EventStore(db);
      const query = (sql: string, parameters?: unknown[]) => db.query(sql, parameters);

      // The region, built as seed:region builds it: the deciders, then the bulk append without workflows.
      const t0 = performance.now();
      const region = generateRegion({
        firstOrganisationCode: await nextOrganisationCode(query, REGION_CODE),
        municipalities: MUNICIPALITIES,
        organisations: ORGANISATIONS,
        pairs: PAIRS,
        routes: ROUTES,
        // Not benchmark 9's seed: the seed makes the ids, and smoke runs share one database.
        seed: 15,
        region: `Бенчмарк-область ${randomUUID().slice(0, 8)}`,
        regionCode: REGION_CODE,
        now: NOW,
      });
      const generateMs = performance.now() - t0;
      const events = region.streams.reduce((t, s) => t + s.events.length, 0);
      log(`generated ${int(region.streams.length)} streams, ${int(events)} events in ${ms(generateMs)}`);
      const onboarded = await onboardRegion({ store, query }, region);
      log(`appended ${int(onboarded.events)} events in ${ms(onboarded.appendMs)}`);
      const t1 = performance.now();
      const projector = new Projector(db);
      for (const projection of allProjections) await projector.catchUp(projection);
      const projectMs = performance.now() - t1;
      log(`read models caught up in ${ms(projectMs)}`);
      // As autovacuum leaves the tables within its minute after a bulk load: statistics and the visibility map.
      await pool.query('VACUUM (ANALYZE) report_facts');
      const [counts] = (
        await pool.query<{ facts: number; events: number; bytes: string }>(
          `SELECT (SELECT count(*)::int FROM report_facts f JOIN unnest($1::text[]) o(id) ON o.id = f.organisation_id) AS facts,
                  (SELECT count(*)::int FROM events) AS events,
                  pg_total_relation_size('report_facts') AS bytes`,
          [region.ledger.map((o) => o.organisationId)],
        )
      ).rows;
      check(onboarded.events === events, `${onboarded.events} events appended, expected ${events}`);

      const coordinator = randomUUID();
      await new UserDirectory(db).ensure(coordinator, 'Координатор', [
        { role: 'regionalCoordinator', region: region.region },
      ]);
      const token = api.get(JwtService).sign({ sub: coordinator });
      const headers = { authorization: `Bearer ${token}` };

      const instants = (asOf: string) => {
        const orgs = region.ledger;
        return [orgs.map((o) => o.organisationId), orgs.map((o) => endOfLocalDay(asOf, o.timeZone))];
      };
      let date = 0;
      const nextDate = () => DATES[date++ % DATES.length] as string;

      const regionJson = async (asOf: string) => {
        const t = performance.now();
        const response = await fetch(`${baseUrl}/reports/region?asOf=${asOf}`, { headers });
        const body = (await response.json()) as {
          totals?: { organisations: number; implementing: number; withCurator: number };
          detail?: string;
        };
        const elapsed = performance.now() - t;
        check(response.status === 200, `region ${asOf}: status ${response.status} ${body.detail ?? ''}`);
        const expected = expectedRegionFigures(region, asOf);
        const got = body.totals;
        check(
          got?.organisations === expected.organisations &&
            got.implementing === expected.implementing &&
            got.withCurator === expected.withCurator,
          `region ${asOf}: totals ${JSON.stringify(got && [got.organisations, got.implementing, got.withCurator])}, expected ${JSON.stringify([expected.organisations, expected.implementing, expected.withCurator])}`,
        );
        return elapsed;
      };
      const raw = async (asOf: string) => {
        const t = performance.now();
        const result = await pool.query(FACTS_SQL, instants(asOf));
        const elapsed = performance.now() - t;
        // Early in the year a small region may have registered nobody yet; by its last day every organisation has.
        check(asOf !== DATES[DATES.length - 1] || (result.rowCount ?? 0) > 0, `raw ${asOf}: no facts`);
        return { elapsed, rows: result.rowCount ?? 0 };
      };
      let org = 0;
      const organisationReport = async (asOf: string) => {
        const organisationId = region.ledger[(org++ * 37) % region.ledger.length]?.organisationId as string;
        const t = performance.now();
        const response = await fetch(`${baseUrl}/organisations/${organisationId}/reports/monitoring?asOf=${asOf}`, {
          headers,
        });
        await response.arrayBuffer();
        const elapsed = performance.now() - t;
        // 404: the organisation had not been registered yet on that day.
        check(response.status === 200 || response.status === 404, `organisation ${asOf}: status ${response.status}`);
        return elapsed;
      };
      const xlsx = async (asOf: string) => {
        const t = performance.now();
        const response = await fetch(`${baseUrl}/reports/region?asOf=${asOf}&format=xlsx`, { headers });
        const bytes = (await response.arrayBuffer()).byteLength;
        const elapsed = performance.now() - t;
        check(response.status === 200, `xlsx ${asOf}: status ${response.status}`);
        check(response.headers.get('content-type')?.includes('spreadsheetml') === true, 'xlsx: content type');
        return { elapsed, bytes };
      };

      for (const asOf of DATES.slice(0, 2)) {
        await regionJson(asOf);
        await raw(asOf);
        await organisationReport(asOf);
      }
      const regionTimes: number[] = [];
      const rawTimes: number[] = [];
      const rawRows: number[] = [];
      const orgTimes: number[] = [];
      // Interleaved, so all see the same moments of the machine; the dates cycle through the year.
      for (let i = 0; i < REQUESTS; i++) {
        const asOf = nextDate();
        regionTimes.push(await regionJson(asOf));
        const r = await raw(asOf);
        rawTimes.push(r.elapsed);
        rawRows.push(r.rows);
        orgTimes.push(await organisationReport(asOf));
      }
      const xlsxTimes: number[] = [];
      const xlsxBytes: number[] = [];
      const xlsxRaw: number[] = [];
      for (let i = 0; i < XLSX_REQUESTS; i++) {
        const asOf = DATES[DATES.length - 1 - (i % DATES.length)] as string;
        const x = await xlsx(asOf);
        xlsxTimes.push(x.elapsed);
        xlsxBytes.push(x.bytes);
        xlsxRaw.push((await raw(asOf)).elapsed);
      }

      const profile: string[] = [];
      if (args.profile) {
        // ReportsService.regionReport's steps, called as it calls them, with a timer around each.
        const steps = new Map<string, number[]>();
        const time = async <T>(name: string, step: () => Promise<T> | T): Promise<T> => {
          const t = performance.now();
          const result = await step();
          steps.set(name, [...(steps.get(name) ?? []), performance.now() - t]);
          return result;
        };
        for (let i = 0; i < Math.max(DATES.length, Math.min(REQUESTS, 3 * DATES.length)); i++) {
          const asOf = DATES[i % DATES.length] as string;
          const organisations = await time('1. loadOrganisationsInScope', () =>
            loadOrganisationsInScope(db, { region: region.region }),
          );
          const at = organisations.map((o) => {
            const end = endOfLocalDay(asOf, o.facts.timeZone);
            return { organisationId: o.organisationId, at: end, atMs: Date.parse(end) };
          });
          const facts = await time('2. loadRegionFactsInMemory (the facts, numerous subjects counted in SQL)', () =>
            loadRegionFactsInMemory(db, at),
          );
          const byOrganisation = await time('3. group the facts by organisation', () => {
            const map = new Map<string, FactRow[]>();
            for (const row of facts) {
              const rows = map.get(row.organisationId);
              if (rows) rows.push(row);
              else map.set(row.organisationId, [row]);
            }
            return map;
          });
          const trained = await time('4. loadTrainedMentors', () => loadTrainedMentors(db, at));
          const rows = await time('5. regionOrganisationRow × organisations', () =>
            at
              .map((o) =>
                regionOrganisationRow(o.organisationId, byOrganisation.get(o.organisationId) ?? [], Date.parse(o.at)),
              )
              .filter((r): r is RegionOrganisationRow => r !== undefined)
              .map((r) => ({ ...r, trainedMentors: trained.get(r.organisationId) ?? 0 })),
          );
          const totals = await time('6. regionAggregate, municipalityRows', () => regionAggregate(rows));
          const municipalities = municipalityRows(rows);
          await time('7. associations_view', () =>
            db.query('SELECT state FROM associations_view WHERE region = $1', [region.region]),
          );
          await time('8. (XLSX only) sheets and the workbook written', async () => {
            const none = associationFiguresAsOf([], new Date(NOW).toISOString(), asOf);
            const sheets = regionSheets('t', totals, municipalities, rows, none);
            for await (const chunk of xlsxStream(sheets)) void chunk;
          });
        }
        profile.push(
          '',
          `Profile (\`--profile\`): the region report's steps timed in this process, ${steps.get('1. loadOrganisationsInScope')?.length} runs over the ${DATES.length} dates:`,
          '',
          '| step | p50 | max |',
          '|---|---:|---:|',
          ...[...steps].map(([name, xs]) => `| ${name} | ${ms(percentile(xs, 50))} | ${ms(Math.max(...xs))} |`),
        );
      }
      if (args.explain) {
        const plan = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${FACTS_SQL}`,
          instants(DATES[DATES.length - 1] as string),
        );
        log(`facts query:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        // The service's own queries, explained as it sends them (an executor that asks for the plan instead),
        // with the service's work_mem.
        const last = DATES[DATES.length - 1] as string;
        const client = await pool.connect();
        await client.query(`SET work_mem = '32MB'`);
        await loadRegionFactsAsOf(
          {
            query: async (sql: string, parameters?: unknown[]) => {
              const explained = await client.query<{ 'QUERY PLAN': string }>(
                `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
                parameters,
              );
              log(`region facts query:\n${explained.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
              return [];
            },
          } as never,
          region.ledger.map((o) => {
            const at = endOfLocalDay(last, o.timeZone);
            return { organisationId: o.organisationId, at, atMs: Date.parse(at) };
          }),
        );
        client.release(true);
      }
      await pool.end();

      const p = (xs: number[], q: number) => percentile(xs, q);
      const regionMet = p(regionTimes, 95) <= TARGET_P95_MS;
      const orgMet = p(orgTimes, 95) <= TARGET_P95_MS;
      const xlsxMet = p(xlsxTimes, 95) <= TARGET_XLSX_MS;
      const at = `${int(ORGANISATIONS)} organisations, ${int(events)} events`;
      if (!SMOKE && !regionMet) unmet.push(`15. region report p95 ${ms(p(regionTimes, 95))} at ${at}`);
      if (!SMOKE && !orgMet) unmet.push(`15. organisation report p95 ${ms(p(orgTimes, 95))} at ${at}`);
      if (!SMOKE && !xlsxMet) unmet.push(`15. region XLSX p95 ${ms(p(xlsxTimes, 95))} at ${at}`);
      const row = (name: string, xs: number[], target: string, met?: boolean) =>
        `| ${name} | ${ms(p(xs, 50))} | ${ms(p(xs, 95))} | ${ms(p(xs, 99))} | ${(p(xs, 95) / p(rawTimes, 95)).toFixed(1)} | ${target} | ${met === undefined ? '' : verdict(met)} |`;
      sections.push({
        title: `15. Regional reports as of a date — ${at} (bulk path)`,
        lines: [
          `The store: ${int(ORGANISATIONS)} organisations in ${MUNICIPALITIES} municipalities, ${int(PAIRS)} pairs, ${int(ROUTES)} routes generated through the deciders in ${ms(generateMs)} (${int(region.streams.length)} streams, ${int(events)} events), appended by onboardRegion without Temporal in ${ms(onboarded.appendMs)}; all ${allProjections.length} projections caught up in ${ms(projectMs)}. ${int(counts?.facts ?? 0)} report_facts rows of the region (${int(Number(counts?.bytes ?? 0) / 1_048_576)} MB with indexes; ${int(counts?.events ?? 0)} events in the store). The region's facts as of a date: ${int(Math.min(...rawRows))}–${int(Math.max(...rawRows))} rows.`,
          '',
          `${REQUESTS} sequential requests each, interleaved, as a regional coordinator; the date cycles through ${DATES.join(', ')}; client-side wall time. XLSX: ${XLSX_REQUESTS} requests, each followed by a raw read.`,
          '',
          '| figure | p50 | p95 | p99 | ratio p95 to raw | target | met |',
          '|---|---:|---:|---:|---:|---|---|',
          row(
            "raw SELECT of the region's report_facts rows as of the date (the service's facts query; baseline)",
            rawTimes,
            '',
          ),
          row(
            'GET /reports/region?asOf=… (JSON: totals, municipalities, first page of organisations)',
            regionTimes,
            `p95 ≤ ${TARGET_P95_MS} ms`,
            regionMet,
          ),
          row('GET /organisations/:id/reports/monitoring?asOf=…', orgTimes, `p95 ≤ ${TARGET_P95_MS} ms`, orgMet),
          row(
            `GET /reports/region?asOf=…&format=xlsx (${int(p(xlsxBytes, 50) / 1024)} KB)`,
            xlsxTimes,
            `≤ ${TARGET_XLSX_MS} ms`,
            xlsxMet,
          ),
          `| raw SELECT, interleaved with the XLSX requests | ${ms(p(xlsxRaw, 50))} | ${ms(p(xlsxRaw, 95))} | ${ms(p(xlsxRaw, 99))} | | | |`,
          ...profile,
        ],
      });
    },
  });
}

runMain(main, log);
