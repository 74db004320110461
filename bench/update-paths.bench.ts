/**
 * Issue 24 §1's micro-experiment beside benchmark 6: where an update's time goes on a Temporal dev server.
 * One long-lived workflow (support/update-paths.workflow.ts) whose update handlers await nothing, a local
 * activity or a regular activity (each returns a constant), called with `executeUpdate` and with
 * `startUpdate({ waitForStage: ACCEPTED })` + `result()`; and update-with-start of a fresh run per call (how
 * a pair is formed). Baseline: the no-activity update with `executeUpdate`, measured in the same round.
 *
 *   node -r @swc-node/register bench/update-paths.bench.ts [--smoke] [--rounds N] [--calls N]
 *        [--servers memory,file] [--max-cached N] [--pollers N] [--sticky-timeout 10s]
 *
 * No PostgreSQL and no mentorflow code: the figures are Temporal's round trips. See bench/README.md.
 */
import './support/env';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation, WorkflowUpdateStage } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { benchCli } from './support/cli';
import { dynamicImport, scriptUrl } from './support/postgres';
import { finishReport, hostLine, median, ms, percentile, reportHeading, runMain, type Section } from './support/stats';
import { startDevServer } from './support/system';
import {
  localActivityUpdate,
  noActivityUpdate,
  regularActivityUpdate,
  stopSignal,
  updatePathsWorkflow,
} from './support/update-paths.workflow';

const cli = benchCli('bench:update-paths', {
  rounds: { type: 'string' },
  calls: { type: 'string' },
  servers: { type: 'string' },
  'max-cached': { type: 'string' },
  pollers: { type: 'string' },
  'sticky-timeout': { type: 'string' },
});
const { args, smoke: SMOKE, num, check, problems, unmet, log, strict } = cli;
const ROUNDS = num(args.rounds, 5, 1);
const CALLS = num(args.calls, 40, 3);
/** memory: `start-dev` as the other benchmarks run it; file: the same with `--db-filename` (SQLite on disk). */
const SERVERS = (args.servers ?? (SMOKE ? 'memory' : 'memory,file')).split(',').map((s) => s.trim());

const updates = { none: noActivityUpdate, local: localActivityUpdate, regular: regularActivityUpdate } as const;
type Kind = keyof typeof updates;
const KINDS = Object.keys(updates) as Kind[];
const MODES = ['executeUpdate', 'startUpdate(ACCEPTED) + result()', 'executeUpdateWithStart (fresh run)'] as const;
type Mode = (typeof MODES)[number];
const path = (kind: Kind, mode: Mode) => `${kind}|${mode}`;

let runtimeInstalled = false;

async function measureOn(server: string, address: string): Promise<Section> {
  const taskQueue = `update-paths-${process.pid}-${Date.now()}`;
  const connection = await NativeConnection.connect({ address });
  const workerOptions = {
    ...(args['max-cached'] ? { maxCachedWorkflows: Number(args['max-cached']) } : {}),
    ...(args.pollers ? { maxConcurrentWorkflowTaskPolls: Number(args.pollers) } : {}),
    ...(args.pollers ? { maxConcurrentActivityTaskPolls: Number(args.pollers) } : {}),
    ...(args['sticky-timeout'] ? { stickyQueueScheduleToStartTimeout: args['sticky-timeout'] as Duration } : {}),
  };
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./support/update-paths.workflow'),
    activities: { constant: async () => 1 },
    ...workerOptions,
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection });
  const started: string[] = [];
  const start = async () => {
    const workflowId = `update-paths-${randomUUID()}`;
    started.push(workflowId);
    return client.workflow.start(updatePathsWorkflow, { workflowId, taskQueue });
  };
  try {
    const handle = await start();
    const call = async (kind: Kind, mode: Mode): Promise<number> => {
      const update = updates[kind];
      if (mode === 'executeUpdate') return handle.executeUpdate(update);
      if (mode === 'startUpdate(ACCEPTED) + result()')
        return (await handle.startUpdate(update, { waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
      const workflowId = `update-paths-${randomUUID()}`;
      started.push(workflowId);
      return client.workflow.executeUpdateWithStart(update, {
        startWorkflowOperation: new WithStartWorkflowOperation(updatePathsWorkflow, {
          workflowId,
          taskQueue,
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
    };
    // Warm-up: the worker's first tasks of each kind (bundle loaded, connections open).
    for (const kind of KINDS)
      for (const mode of MODES) check((await call(kind, mode)) === 1, `${kind} ${mode} answered`);
    const samples = new Map<string, number[]>();
    const ratios = new Map<string, number[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      const p50s = new Map<string, number>();
      // Interleaved per call so slow drift of the machine (other jobs) hits every path alike.
      const round_ = new Map<string, number[]>();
      for (let i = 0; i < CALLS; i++) {
        for (const kind of KINDS) {
          for (const mode of MODES) {
            const t = performance.now();
            const answer = await call(kind, mode);
            const elapsed = performance.now() - t;
            check(answer === 1, `${kind} ${mode} answered ${answer}`);
            const key = path(kind, mode);
            round_.set(key, [...(round_.get(key) ?? []), elapsed]);
          }
        }
      }
      for (const [key, xs] of round_) {
        samples.set(key, [...(samples.get(key) ?? []), ...xs]);
        p50s.set(key, median(xs));
      }
      const base = p50s.get(path('none', 'executeUpdate')) ?? Number.NaN;
      for (const [key, p50] of p50s) ratios.set(key, [...(ratios.get(key) ?? []), p50 / base]);
      log(
        `${server} round ${round}/${ROUNDS} (load ${loadavg()[0]?.toFixed(2)}): ${KINDS.map((k) => `${k} ${ms(p50s.get(path(k, 'executeUpdate')) ?? Number.NaN)}`).join(', ')} (executeUpdate p50)`,
      );
    }
    const rows = KINDS.flatMap((kind) =>
      MODES.map((mode) => {
        const xs = samples.get(path(kind, mode)) ?? [];
        const ratio = median(ratios.get(path(kind, mode)) ?? []);
        return `| ${kind === 'none' ? 'no activity' : `${kind} activity`} | \`${mode}\` | ${ms(median(xs))} | ${ms(percentile(xs, 99))} | ${ratio.toFixed(2)} |`;
      }),
    );
    return {
      title: `update paths on the dev server (${server === 'file' ? '`--db-filename`, SQLite on disk' : 'in-memory'})`,
      lines: [
        `One workflow, ${CALLS} calls per path and round, paths interleaved call by call, ${ROUNDS} rounds; handlers return a constant. Worker: ${Object.keys(workerOptions).length ? JSON.stringify(workerOptions) : 'SDK defaults'}.`,
        '',
        '| handler awaits | client call | p50 | p99 | ÷ no-activity `executeUpdate` (median of per-round p50 ratios) |',
        '|---|---|---:|---:|---:|',
        ...rows,
      ],
    };
  } finally {
    await Promise.all(
      started.map((workflowId) =>
        client.workflow
          .getHandle(workflowId)
          .signal(stopSignal)
          .catch(() => undefined),
      ),
    );
    worker.shutdown();
    await running;
    await clientConnection.close();
    await connection.close();
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  // The SDK logs every worker state change at INFO to the console; the report goes to stdout.
  if (!runtimeInstalled) Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
  const sections: Section[] = [];
  const servers: string[] = [];
  for (const server of SERVERS) {
    const stops: (() => Promise<unknown>)[] = [];
    try {
      let address = server === 'memory' ? process.env.TEMPORAL_ADDRESS : undefined;
      if (!address) {
        const { ensureTemporalCli } = await dynamicImport<typeof import('../scripts/lib/temporal-cli.mjs')>(
          scriptUrl('lib/temporal-cli.mjs'),
        );
        const temporal = await ensureTemporalCli({ log: (m: string) => log(`temporal-cli: ${m}`) });
        if (!temporal) throw new Error('no Temporal CLI (see scripts/lib/temporal-cli.mjs); set TEMPORAL_ADDRESS');
        const dir = server === 'file' ? mkdtempSync(join(tmpdir(), 'mentorflow-temporal-')) : undefined;
        if (dir) stops.push(async () => rmSync(dir, { recursive: true, force: true }));
        address = await startDevServer(temporal, log, stops, dir && join(dir, 'temporal.db'));
      }
      servers.push(`${server}: ${address}`);
      sections.push(await measureOn(server, address));
    } finally {
      for (const stop of stops) await stop().catch((error: Error) => log(`stop: ${error.message}`));
    }
  }
  return finishReport({
    heading: reportHeading('Update paths (issue 24 §1)', startedAt, SMOKE),
    context: [`- ${hostLine(loadBefore)}`, `- Temporal dev servers: ${servers.join('; ')}; worker in this process`],
    sections,
    problems,
    unmet,
    strict,
    log,
  });
}

runMain(main, log);
