/**
 * Benchmark 12 (issue 22): generating the order assigning 30 pairs formed together, against the order of
 * one pair measured in the same run (the fixed cost of any DOCX: its parts, styles and the zip); and the ИОМ
 * of a full route (`--rows` road-map rows and as many portfolio entries), reported beside it.
 *
 *   node -r @swc-node/register bench/documents.bench.ts [--smoke] [--rounds N] [--pairs N] [--rows N] [--strict]
 *
 * Pure generation in this process (the kit of apps/api/src/documents on pairs folded from fixture events):
 * no server is started, the API's reads are not measured. The markdown report goes to stdout, progress to
 * stderr. See bench/README.md.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import {
  evolvePair,
  evolveRoute,
  initialPairState,
  initialRouteState,
  type CreatedRoute,
  type FormedPair,
  type RouteEvent,
} from '@mentorflow/domain';
import { formed } from '@mentorflow/domain/pair/pair.fixtures';
import { created, diagnosticsRecorded, draftSubmitted, goalFixed, row1 } from '@mentorflow/domain/route/route.fixtures';
import { renderDocx } from '../apps/api/src/documents/document-kit';
import { assignmentOrder, type PairDocumentContext } from '../apps/api/src/documents/pair-documents';
import { routeDocument, type RouteDocumentContext } from '../apps/api/src/documents/route-document';
import { finishReport, hostLine, median, ms, percentile, reportHeading, runMain } from './support/stats';
import { loadavg } from 'node:os';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    pairs: { type: 'string' },
    rows: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
});
const SMOKE = args.smoke === true;
const ROUNDS = args.rounds !== undefined ? Number(args.rounds) : SMOKE ? 3 : 50;
const PAIRS = args.pairs !== undefined ? Number(args.pairs) : 30;
/** A four-year route: a road-map row a month or so, and a portfolio entry for each. */
const ROWS = args.rows !== undefined ? Number(args.rows) : 40;
/** Issue 22: "well under a second". */
const TARGET_MS = 250;

const log = (message: string) => process.stderr.write(`[bench:documents] ${message}\n`);

/** `n` pairs of one order, each with its own mentor and mentee named in the directory. */
function pairsOfOneOrder(n: number): { pairs: FormedPair[]; context: PairDocumentContext } {
  const names = new Map<string, string>();
  const pairs = Array.from({ length: n }, (_, i) => {
    const [mentorId, menteeId] = [`mentor-${i}`, `mentee-${i}`];
    names.set(mentorId, `Наставникова${i} Мария Петровна`);
    names.set(menteeId, `Наставляемов${i} Илья Сергеевич`);
    const event = formed({
      pairId: `pair-${i}`,
      mentorId,
      menteeIds: [menteeId],
      consents: [
        { personId: mentorId, date: '2026-08-25' },
        { personId: menteeId, date: '2026-08-26' },
      ],
    });
    return evolvePair(initialPairState(), event) as FormedPair;
  });
  const context: PairDocumentContext = {
    organisation: { name: 'МБОУ «Школа № 5»', municipality: 'г. Тольятти', region: 'Самарская область' },
    timeZone: 'Europe/Samara',
    names,
    regulation: { number: '12-о', date: '2026-08-20' },
  };
  return { pairs, context };
}

/** `ROUNDS` timings of `render` after a warm-up, and its last document. */
async function timed(render: () => Promise<Buffer>): Promise<{ samples: number[]; last: Buffer }> {
  let last = await render(); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    last = await render();
    samples.push(performance.now() - started);
  }
  return { samples, last };
}

function timings(n: number): Promise<{ samples: number[]; last: Buffer }> {
  const { pairs, context } = pairsOfOneOrder(n);
  return timed(() => renderDocx(assignmentOrder(pairs, context)));
}

/** A route with `n` road-map rows within its period, each marked done, and `n` portfolio entries. */
function fullRoute(n: number): { route: CreatedRoute; context: RouteDocumentContext } {
  const rows = Array.from({ length: n }, (_, i) => ({
    ...row1,
    rowId: `row-${i}`,
    activity: `${row1.activity}, модуль ${i + 1}`,
    deadline: `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`,
  }));
  const routeId = created.data.routeId;
  const marks: RouteEvent[] = rows.flatMap((row, i) => [
    {
      type: 'ActivityDoneMarked',
      data: {
        routeId,
        rowId: row.rowId,
        doneOn: row.deadline,
        result: `Сертификат № ${i}`,
        markedAt: `${row.deadline}T10:00:00.000Z`,
        markedBy: 'teacher-1',
      },
    },
    {
      type: 'PortfolioEntryRecorded',
      data: {
        routeId,
        entryId: `entry-${i}`,
        rowId: row.rowId,
        competence: row.competence,
        date: row.deadline,
        product: `Методическая разработка ${i + 1}`,
        selfAssessment: 'Применяю на уроках',
        recordedAt: `${row.deadline}T11:00:00.000Z`,
        recordedBy: 'teacher-1',
      },
    },
  ]);
  const route = [created, goalFixed(), diagnosticsRecorded, draftSubmitted(undefined, true, rows), ...marks].reduce(
    evolveRoute,
    initialRouteState(),
  ) as CreatedRoute;
  const person = (fullName: string) => ({ fullName, workEmail: 'staff@school5.ru', workPhone: '+7 8482 20-00-00' });
  return {
    route,
    context: {
      organisation: { name: 'МБОУ «Школа № 5»', municipality: 'г. Тольятти', region: 'Самарская область' },
      teacher: person('Смирнова Елена Павловна'),
      methodologist: { ...person('Орлова Наталья Викторовна'), positions: ['методист'] },
      tutor: { ...person('Белов Андрей Игоревич'), positions: ['тьютор'] },
    },
  };
}

function routeTimings(n: number): Promise<{ samples: number[]; last: Buffer }> {
  const { route, context } = fullRoute(n);
  return timed(() => renderDocx(routeDocument(route, context)));
}

async function main(): Promise<number> {
  const started = new Date();
  const loadBefore = loadavg();
  const problems: string[] = [];
  const unmet: string[] = [];
  log(`${ROUNDS} rounds of 1 and of ${PAIRS} pairs`);
  const one = await timings(1);
  const many = await timings(PAIRS);
  // Sanity: the big order names every pair's mentee.
  const xml = await (await JSZip.loadAsync(many.last)).file('word/document.xml')!.async('string');
  const named = Array.from({ length: PAIRS }, (_, i) => xml.includes(`Наставляемов${i} Илья Сергеевич`));
  if (named.some((ok) => !ok)) problems.push(`the order of ${PAIRS} pairs does not name every mentee`);
  log(`${ROUNDS} rounds of the ИОМ of ${ROWS} rows`);
  const route = await routeTimings(ROWS);
  const routeXml = await (await JSZip.loadAsync(route.last)).file('word/document.xml')!.async('string');
  if (!routeXml.includes(`Сертификат № ${ROWS - 1}`)) problems.push(`the ИОМ does not show every row's done mark`);
  const p99 = percentile(many.samples, 99);
  if (!SMOKE && p99 >= TARGET_MS) unmet.push(`order of ${PAIRS} pairs p99 ${ms(p99)} ≥ ${TARGET_MS} ms`);
  const row = (label: string, s: number[]) =>
    `| ${label} | ${ms(median(s))} | ${ms(percentile(s, 99))} | ${(median(s) / median(one.samples)).toFixed(2)}× |`;
  return finishReport({
    heading: reportHeading('Benchmark 12: the assignment order as DOCX', started, SMOKE),
    context: [hostLine(loadBefore), `${ROUNDS} rounds each after a warm-up; target p99 < ${TARGET_MS} ms`],
    sections: [
      {
        title: `Order of ${PAIRS} pairs vs of 1 pair (same run)`,
        lines: [
          '| order | p50 | p99 | × one pair |',
          '|---|---|---|---|',
          row('1 pair (baseline)', one.samples),
          row(`${PAIRS} pairs`, many.samples),
          '',
          `DOCX size: ${one.last.length.toLocaleString('en-US')} B (1 pair), ${many.last.length.toLocaleString('en-US')} B (${PAIRS} pairs).`,
          SMOKE ? 'Verdict: n/a (smoke).' : `Verdict: ${unmet.length ? 'target missed' : 'target met'}.`,
        ],
      },
      {
        title: `The ИОМ of a full route: ${ROWS} road-map rows marked done, ${ROWS} portfolio entries (no target)`,
        lines: [
          '| document | p50 | p99 | × one pair |',
          '|---|---|---|---|',
          row(`ИОМ, ${ROWS} rows`, route.samples),
          '',
          `DOCX size: ${route.last.length.toLocaleString('en-US')} B.`,
        ],
      },
    ],
    problems,
    unmet,
    strict: args.strict === true,
    log,
  });
}

runMain(main, log);
