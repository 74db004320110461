/**
 * Worker benchmarks (issue #11, 7 and 8) against a Temporal dev server and a durable embedded PostgreSQL:
 *
 * - memory: one worker process (bench/support/idle-worker.ts, the real worker with
 *   WORKER_MAX_CACHED_WORKFLOWS raised) holding N open pair workflows idle on their task timers, its RSS
 *   against the same process's RSS when empty;
 * - replay: the longest run each workflow (pair, programme, route) reaches before it continues-as-new
 *   (built here by repeating one update until the run hands over), replayed cold in a fresh process,
 *   against a 3-event history of the pair workflow.
 *
 *   node -r @swc-node/register bench/worker.bench.ts [--smoke] [--only memory,replay] [--workflows 10000,50000]
 *        [--heap-mb N] [--rounds N] [--max-updates N] [--strict]
 */
import 'reflect-metadata';
import './support/env';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { competenceAreas, pairWorkflowId, programmeWorkflowId } from '@mentorflow/domain';
import { pairFormedUpdate, recordDiaryEntryUpdate } from '@mentorflow/workflows/pair/pair.messages';
import { pairWorkflow } from '@mentorflow/workflows/pair/pair.workflow';
import { programmeStartedUpdate, recordDocumentUpdate } from '@mentorflow/workflows/programme/programme.messages';
import { programmeWorkflow } from '@mentorflow/workflows/programme/programme.workflow';
import {
  agreeRoadMapUpdate,
  recordDiagnosticsUpdate,
  recordPortfolioEntryUpdate,
  routeCreatedUpdate,
  submitDraftUpdate,
} from '@mentorflow/workflows/route/route.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import { courseRow, mathsTeacherTitlePage } from '../test/support/route-setup';
import { routeFor, routeStartOperation } from '../test/support/route-start';
import { cachedWorkflowBundle } from './support/bundle';
import { inParallel, int, median, ms, runMain, sleep, type Section } from './support/stats';
import { beginReport, runOnBenchSystem, startBenchSystem, type BenchSystem } from './support/system';
import { benchCli } from './support/cli';

const cli = benchCli('bench:worker', {
  only: { type: 'string' },
  workflows: { type: 'string' },
  'heap-mb': { type: 'string' },
  'start-concurrency': { type: 'string' },
  rounds: { type: 'string' },
  'max-updates': { type: 'string' },
});
const { args, smoke: SMOKE, problems, unmet, log, verdict } = cli;
const ONLY = new Set((args.only ?? 'memory,replay').split(',').map((s) => s.trim()));
const SIZES = (args.workflows ?? (SMOKE ? '20' : '10000,50000'))
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const HEAP_MB = Number(args['heap-mb'] ?? 8192);
const START_CONCURRENCY = Number(args['start-concurrency'] ?? (SMOKE ? 8 : 48));
const ROUNDS = Number(args.rounds ?? (SMOKE ? 1 : 5));
const MAX_UPDATES = Number(args['max-updates'] ?? (SMOKE ? 3 : 3000));
const root = join(__dirname, '..');

const MB = 1024 * 1024;

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A pair formation as the API would send it (fresh mentor: capacity is per mentor). */
function formation() {
  const pairId = randomUUID();
  const mentorId = randomUUID();
  const menteeId = randomUUID();
  const signed = isoDate(Date.now() - 31 * DAY);
  return {
    pairId,
    mentorId,
    formation: {
      pairId,
      programmeId: randomUUID(),
      organisationId: randomUUID(),
      form: 'teacherTeacher',
      kind: 'traditional',
      mentorId,
      menteeIds: [menteeId],
      consents: [
        { personId: mentorId, date: signed },
        { personId: menteeId, date: signed },
      ],
      order: { number: '1-к', date: signed, signedBy: 'Директор' },
      term: { start: isoDate(Date.now() - 30 * DAY), end: isoDate(Date.now() + 340 * DAY) },
    },
  };
}

async function formPair(bench: BenchSystem, taskQueue: string) {
  const f = formation();
  const start = new WithStartWorkflowOperation(pairWorkflow, {
    workflowId: pairWorkflowId(f.pairId),
    taskQueue,
    workflowIdConflictPolicy: 'FAIL',
    // The same history cap the API passes (workflows/shared/history-limit.ts): benchmark 8 replays the longest run it allows.
    args: [
      {
        formation: f.formation,
        timeZone: 'Europe/Samara',
        continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
        metadata: { actorId: randomUUID(), role: 'director', now: new Date().toISOString() },
      },
    ],
  } as never);
  const view = (await bench.client.workflow.executeUpdateWithStart(pairFormedUpdate, {
    startWorkflowOperation: start,
  })) as { state?: { status?: string } };
  if (!view.state?.status || view.state.status === 'notFormed')
    throw new Error(`pair ${f.pairId} not formed: ${JSON.stringify(view).slice(0, 200)}`);
  return f;
}

// ---------------------------------------------------------------------------------------------------
// 7. Memory per cached workflow

interface Status {
  rss: number;
  heapUsed: number;
  external: number;
  cached: number;
  state: string;
  maxCached: number;
}

function askStatus(child: ChildProcess): Promise<Status> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & Status) => {
      if (message.type !== 'status') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the worker exited (${code}) while asked for its status`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'status' });
  });
}

async function settledStatus(child: ChildProcess, samples: number): Promise<Status & { rssSamples: number[] }> {
  const all: Status[] = [];
  for (let i = 0; i < samples; i++) {
    await sleep(SMOKE ? 100 : 1000);
    all.push(await askStatus(child));
  }
  const last = all.at(-1) as Status;
  return {
    ...last,
    rss: median(all.map((s) => s.rss)),
    heapUsed: median(all.map((s) => s.heapUsed)),
    rssSamples: all.map((s) => s.rss),
  };
}

async function memoryBenchmark(bench: BenchSystem, codePath: string): Promise<Section> {
  const taskQueue = `bench-memory-${process.pid}`;
  const maxCached = (SIZES.at(-1) as number) + 1000;
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      `--max-old-space-size=${HEAP_MB}`,
      '-r',
      '@swc-node/register',
      join('bench', 'support', 'idle-worker.ts'),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        TEMPORAL_TASK_QUEUE: taskQueue,
        WORKER_MAX_CACHED_WORKFLOWS: String(maxCached),
        PROJECTOR_ENABLED: 'false',
        BENCH_WORKFLOW_BUNDLE: codePath,
        LOG_LEVEL: 'warn',
      },
    },
  );
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
    });
    // Let it poll for a while: the empty worker's RSS includes its pollers, connections and bundle.
    await sleep(SMOKE ? 200 : 3000);
    const empty = await settledStatus(child, 3);
    log(
      `empty worker: RSS ${(empty.rss / MB).toFixed(0)} MB, heap ${(empty.heapUsed / MB).toFixed(0)} MB, maxCachedWorkflows ${empty.maxCached}`,
    );
    lines.push(
      `The worker of apps/worker (Nest context, activities, \`createWorker\`) in its own process, \`node --max-old-space-size=${HEAP_MB}\`, WORKER_MAX_CACHED_WORKFLOWS=${int(maxCached)}, projector off (PROJECTOR_ENABLED=false: its memory is not the workflows'). Workflows: pairs formed through \`executeUpdateWithStart(pairFormedUpdate)\` (${START_CONCURRENCY} at a time, each with a fresh mentor), then idle: each waits on timers for its open control tasks' due dates. RSS after 3 forced GCs, median of 3 samples 1 s apart; baseline = the same process before the first workflow.`,
      '',
      '| open workflows | cached (SDK) | RSS | heap used | RSS − empty | per cached workflow | start rate | failures | target | met? |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---|:---:|',
      `| 0 (empty worker) | ${empty.cached} | ${(empty.rss / MB).toFixed(0)} MB | ${(empty.heapUsed / MB).toFixed(0)} MB | | | | | | |`,
    );
    let open = 0;
    let failures = 0;
    let firstFailure = '';
    for (const size of SIZES) {
      const t = performance.now();
      const toStart = size - open;
      let done = 0;
      await inParallel(toStart, START_CONCURRENCY, async () => {
        try {
          await formPair(bench, taskQueue);
        } catch (error) {
          failures++;
          firstFailure ||= (error as Error).message;
        }
        if (++done % 1000 === 0)
          log(
            `started ${int(open + done)} / ${int(size)} workflows (${int(done / ((performance.now() - t) / 1000))}/s)`,
          );
      });
      open = size;
      const startRate = toStart / ((performance.now() - t) / 1000);
      // Every formed pair's run stays cached unless evicted; wait until the SDK counts them.
      const deadline = Date.now() + 120_000;
      let status = await askStatus(child);
      while (status.cached < size - failures && Date.now() < deadline) {
        await sleep(500);
        status = await askStatus(child);
      }
      const measured = await settledStatus(child, 3);
      const perWorkflow = (measured.rss - empty.rss) / measured.cached / MB;
      const ok = perWorkflow <= 0.5 && failures === 0 && measured.cached >= size;
      if (!SMOKE && !ok) unmet.push(`7. worker memory at ${int(size)} open workflows`);
      if (failures) problems.push(`memory: ${failures} workflow starts failed (first: ${firstFailure})`);
      lines.push(
        `| ${int(size)} | ${int(measured.cached)} | ${(measured.rss / MB).toFixed(0)} MB | ${(measured.heapUsed / MB).toFixed(0)} MB | ${((measured.rss - empty.rss) / MB).toFixed(0)} MB | ${(perWorkflow * 1024).toFixed(0)} kB | ${int(startRate)}/s | ${failures} | ≤ 512 kB each, no failure | ${verdict(ok)} |`,
      );
      log(
        `${int(size)} open: cached ${int(measured.cached)}, RSS ${(measured.rss / MB).toFixed(0)} MB → ${(perWorkflow * 1024).toFixed(0)} kB per cached workflow`,
      );
    }
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
  return { title: '7. one worker holding N open workflows idle on timers', lines };
}

// ---------------------------------------------------------------------------------------------------
// 8. Replay of the longest run before continue-as-new, cold, in a fresh process

interface ReplayResult {
  coldMs: number;
  warmMs: number;
  events: number;
}

function replayInFreshProcess(codePath: string, historyPath: string): ReplayResult {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join('bench', 'support', 'replay-once.ts'), codePath, historyPath],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (result.status !== 0)
    throw new Error(`replay of ${historyPath} failed (${result.status}): ${result.stderr.slice(0, 1500)}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as ReplayResult;
}

interface LongestRun {
  kind: 'pair' | 'programme' | 'route';
  /** What the run was driven by, for the report. */
  driver: string;
  path: string;
  updates: number;
  continued: boolean;
  events: number;
  bytes: number;
}

/**
 * Sends `command` again and again to one workflow until its run continues-as-new (or MAX_UPDATES);
 * writes that first run's history to `dir` and returns it.
 */
async function driveUntilContinued(
  bench: BenchSystem,
  workflowId: string,
  kind: LongestRun['kind'],
  driver: string,
  dir: string,
  command: (i: number) => Promise<unknown>,
): Promise<LongestRun> {
  const handle = bench.client.workflow.getHandle(workflowId);
  const firstRunId = (await handle.describe()).runId;
  let updates = 0;
  let continued = false;
  while (updates < MAX_UPDATES && !continued) {
    await command(updates);
    updates++;
    if (updates % 5 === 0) continued = (await handle.describe()).runId !== firstRunId;
  }
  if (!continued) continued = (await handle.describe()).runId !== firstRunId;
  const history = await bench.client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
  const json = historyToJSON(history);
  const path = join(dir, `${kind}-longest-run.json`);
  writeFileSync(path, json);
  return {
    kind,
    driver,
    path,
    updates,
    continued,
    events: history.events?.length ?? 0,
    bytes: Buffer.byteLength(json),
  };
}

/** Diary entries on one pair until its run continues-as-new. */
async function longestPairRun(bench: BenchSystem, taskQueue: string, dir: string): Promise<LongestRun> {
  const f = await formPair(bench, taskQueue);
  const handle = bench.client.workflow.getHandle(pairWorkflowId(f.pairId));
  const today = isoDate(Date.now());
  const run = await driveUntilContinued(bench, pairWorkflowId(f.pairId), 'pair', 'diary-entry updates', dir, (i) =>
    handle.executeUpdate(recordDiaryEntryUpdate, {
      args: [
        {
          data: {
            entryId: randomUUID(),
            date: today,
            text: `Запись ${i + 1}: посетили урок наставляемого, разобрали формирующее оценивание.`,
          },
          metadata: { actorId: f.mentorId, role: 'mentor', now: new Date().toISOString() },
        },
      ],
    }),
  );
  // The baseline: the shortest history a replay can finish, the same workflow's first 3 events (started,
  // first workflow task scheduled and started); the started event alone never completes a replay.
  writeFileSync(
    join(dir, 'one-event.json'),
    JSON.stringify({
      events: (JSON.parse(readFileSync(run.path, 'utf8')) as { events: unknown[] }).events.slice(0, 3),
    }),
  );
  return run;
}

/** A programme started as the API starts it, then documents recorded until its run continues-as-new. */
async function longestProgrammeRun(bench: BenchSystem, taskQueue: string, dir: string): Promise<LongestRun> {
  const programmeId = randomUUID();
  const director = randomUUID();
  const metadata = () => ({ actorId: director, role: 'director' as const, now: new Date().toISOString() });
  const start = new WithStartWorkflowOperation(programmeWorkflow, {
    workflowId: programmeWorkflowId(programmeId),
    taskQueue,
    workflowIdConflictPolicy: 'FAIL',
    args: [
      {
        programmeId,
        organisationId: randomUUID(),
        title: 'Программа наставничества',
        timeZone: 'Europe/Samara',
        metadata: metadata(),
        continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
      },
    ],
  });
  await bench.client.workflow.executeUpdateWithStart(programmeStartedUpdate, { startWorkflowOperation: start });
  const handle = await start.workflowHandle();
  return driveUntilContinued(bench, handle.workflowId, 'programme', 'document updates', dir, (i) =>
    handle.executeUpdate(recordDocumentUpdate, {
      args: [
        {
          data: {
            documentId: randomUUID(),
            kind: 'implementationAct',
            number: `${i + 1}-од`,
            date: isoDate(Date.now()),
            signedBy: 'Директор',
          },
          metadata: metadata(),
        },
      ],
    }),
  );
}

/** A route created as the API creates it, taken to implementation, then portfolio entries until its run continues-as-new. */
async function longestRouteRun(bench: BenchSystem, taskQueue: string, dir: string): Promise<LongestRun> {
  const routeId = randomUUID();
  const [teacher, methodologist, tutor] = [randomUUID(), randomUUID(), randomUUID()];
  const as = (actorId: string, role: 'tutor' | 'methodologist' | 'mentee') => ({
    actorId,
    role,
    now: new Date().toISOString(),
  });
  const day = (offset: number) => isoDate(Date.now() + offset * DAY);
  const start = routeStartOperation(
    taskQueue,
    routeFor({ routeId, teacher, methodologist, tutor }, mathsTeacherTitlePage(day(0), day(3 * 365)), {
      goal: 'Преодолеть дефициты в области ИКТ и цифровизации',
      tasks: ['Освоить цифровые сервисы'],
    }),
    {
      timeZone: 'Europe/Samara',
      metadata: as(tutor, 'tutor'),
      continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
    },
  );
  await bench.client.workflow.executeUpdateWithStart(routeCreatedUpdate, { startWorkflowOperation: start });
  const handle = await start.workflowHandle();
  const results = competenceAreas.map((area) => ({ area, percent: 50 }));
  await handle.executeUpdate(recordDiagnosticsUpdate, {
    args: [{ data: { diagnosticsId: randomUUID(), date: day(0), results }, metadata: as(tutor, 'tutor') }],
  });
  const rows = [courseRow(day(180))];
  await handle.executeUpdate(submitDraftUpdate, {
    args: [{ data: { rows }, metadata: as(methodologist, 'methodologist') }],
  });
  await handle.executeUpdate(agreeRoadMapUpdate, {
    args: [
      {
        data: { controlPoints: [{ controlPointId: 'cp-1', date: day(200), description: 'Курс пройден' }] },
        metadata: as(tutor, 'tutor'),
      },
    ],
  });
  return driveUntilContinued(
    bench,
    handle.workflowId,
    'route',
    'portfolio-entry updates (after diagnostics, draft and agreed road map)',
    dir,
    (i) =>
      handle.executeUpdate(recordPortfolioEntryUpdate, {
        args: [
          {
            data: {
              entryId: randomUUID(),
              rowId: 'row-1',
              product: `Урок ${i + 1} с цифровым тренажёром`,
              selfAssessment: 'Получилось',
            },
            metadata: as(teacher, 'mentee'),
          },
        ],
      }),
  );
}

async function replayBenchmark(bench: BenchSystem, codePath: string): Promise<Section> {
  const taskQueue = `bench-replay-${process.pid}`;
  const { NativeConnection } = await import('@temporalio/worker');
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { createWorker } = await import('../apps/worker/src/create-worker');
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-bench-replay-'));
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const connection = await NativeConnection.connect({ address: bench.temporalAddress });
  const worker = await createWorker(app, { connection, taskQueue, workflowBundle: { codePath } });
  const running = worker.run();
  const runs: LongestRun[] = [];
  try {
    runs.push(await longestPairRun(bench, taskQueue, dir));
    if (!SMOKE)
      runs.push(await longestProgrammeRun(bench, taskQueue, dir), await longestRouteRun(bench, taskQueue, dir));
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await app.close();
  }
  for (const r of runs)
    log(
      `${r.kind}: ${r.updates} ${r.driver}, first run ${int(r.events)} events (${(r.bytes / 1024).toFixed(0)} kB JSON), continued-as-new: ${r.continued}`,
    );
  const subjects = runs.map((r) => ({
    label: `${r.kind}: longest run (${r.updates} ${r.driver}${r.continued ? ', then it continued-as-new' : ', cap not reached'})`,
    path: r.path,
  }));
  const baselinePath = join(dir, 'one-event.json');
  const results = new Map<string, ReplayResult[]>();
  const baseline: ReplayResult[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      baseline.push(replayInFreshProcess(codePath, baselinePath));
      for (const s of subjects) {
        const r = replayInFreshProcess(codePath, s.path);
        results.set(s.label, [...(results.get(s.label) ?? []), r]);
      }
      log(
        `replay round ${round}/${ROUNDS}: baseline ${ms(baseline.at(-1)?.coldMs ?? NaN)} cold; ${subjects.map((s) => `${s.label.split(':')[0]} ${ms(results.get(s.label)?.at(-1)?.coldMs ?? NaN)}`).join(', ')}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const base = median(baseline.map((r) => r.coldMs));
  const lines = [
    `Cold = the first \`Worker.runReplayHistory\` in a fresh process (replay worker created, the prebuilt bundle loaded into the workflow sandbox, history replayed); node start and TypeScript loading are not counted, nor bundling (done once, ${'≈'}5 s, as a worker start does). Warm = the same replay again in that process. ${ROUNDS} fresh processes per history, baseline and subjects interleaved; medians. Each workflow's longest run was built against the dev server with the history cap the API passes in every workflow's input (HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = ${int(HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW)} events): started as the API starts it, then one kind of update repeated until the run continued-as-new; that first run is replayed.`,
    '',
    '| history | events | cold | warm | cold ÷ baseline cold | target | met? |',
    '|---|---:|---:|---:|---:|---|:---:|',
    `| baseline: the pair's first 3 events (started, first workflow task scheduled and started: the shortest history a replay completes) | 3 | ${ms(base)} | ${ms(median(baseline.map((r) => r.warmMs)))} | 1.00 | | |`,
  ];
  for (const s of subjects) {
    const rs = results.get(s.label) ?? [];
    const cold = median(rs.map((r) => r.coldMs));
    const ok = cold <= 500;
    if (!SMOKE && !ok) unmet.push(`8. replay ${s.label}`);
    lines.push(
      `| ${s.label} | ${int(rs[0]?.events ?? 0)} | ${ms(cold)} | ${ms(median(rs.map((r) => r.warmMs)))} | ${(cold / base).toFixed(2)} | ≤ 500 ms cold | ${verdict(ok)} |`,
    );
  }
  for (const r of runs)
    if (!SMOKE && !r.continued)
      problems.push(
        `replay: the ${r.kind} did not continue-as-new within ${MAX_UPDATES} updates (raise --max-updates)`,
      );
  return { title: '8. replay of the longest run before continue-as-new', lines };
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const report = beginReport('Worker benchmarks', '', cli);
  const { sections } = report;
  const bench = await startBenchSystem(log, { api: false });
  return runOnBenchSystem(bench, report, async () => {
    const codePath = await cachedWorkflowBundle(log);
    if (ONLY.has('replay')) sections.push(await replayBenchmark(bench, codePath));
    if (ONLY.has('memory')) sections.push(await memoryBenchmark(bench, codePath));
  });
}

runMain(main, log);
