// Runs the unit and integration suites with the clock moved, so no test depends on the day it runs.
//   node scripts/test-clock.mjs                        at 2027-12-20 10:00:00 and 2031-06-01 10:00:00
//   node scripts/test-clock.mjs 2029-12-28 [...]       at other dates ("YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss", local time)
//   node scripts/test-clock.mjs --projects=integration 2029-12-28 -- test/integration/route-workflow.int-spec.ts
//   node scripts/test-clock.mjs --projects=e2e 2027-12-20             the end-to-end suite too (not run by default)
//
// Debian's faketime (libfaketime, LD_PRELOAD) moves Node's clock and that of every process it starts —
// the Java time-skipping test server and the embedded PostgreSQL included. The clock STARTS at the given
// date and keeps running ('@' start-at form); FAKETIME_DONT_RESET=1 keeps child processes on the same
// running clock instead of restarting each at the date; FAKETIME_DONT_FAKE_MONOTONIC=1 leaves the
// monotonic clock (timers, timeouts) alone, and FAKETIME_FORCE_MONOTONIC_FIX=0 stops libfaketime from
// rewriting monotonic timed waits, which made the JVM spin at full CPU while idle.
// Each run writes Jest's JSON report to reports/jest-<project>-clock-<date>.json (.ci/run counts them).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './lib/cache.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAKETIME = process.env.FAKETIME_BIN ?? '/usr/bin/faketime';
const DEFAULT_DATES = ['2027-12-20 10:00:00', '2031-06-01 10:00:00'];
const PROJECTS = {
  unit: ['--selectProjects', 'unit'],
  integration: ['--selectProjects', 'integration', '--runInBand'],
  // Opt-in (--projects=e2e): the browser journeys and the API against the Temporal dev server, all on the moved clock.
  // One worker process, replaced past jest.config.js' workerIdleMemoryLimit, as in npm run test:e2e.
  e2e: ['--selectProjects', 'e2e', '--maxWorkers=1'],
};
const DEFAULT_PROJECTS = ['unit', 'integration'];
/** How far the probe's clocks may be from the start date: they start there and run for a few seconds. */
const PROBE_TOLERANCE_MS = 5 * 60_000;
const log = (message) => process.stderr.write(`[test-clock] ${message}\n`);

const fakeEnv = { FAKETIME_DONT_RESET: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_FORCE_MONOTONIC_FIX: '0' };
const underFaketime = (date, command, args) => [FAKETIME, ['-f', `@${date}`, command, ...args]];

// Probe mode: run under faketime by the main mode; prints what Node and the time-skipping server see.
if (process.argv[2] === '--probe') {
  const serverPath = process.argv[3];
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const node = Date.now();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverPath } },
  });
  try {
    process.stdout.write(`${JSON.stringify({ node, server: Number(await env.currentTimeMs()) })}\n`);
  } finally {
    await env.teardown();
  }
  process.exit(0);
}

function parseArgs(argv) {
  const separator = argv.indexOf('--');
  const own = separator < 0 ? argv : argv.slice(0, separator);
  const jestArgs = separator < 0 ? [] : argv.slice(separator + 1);
  let projects = DEFAULT_PROJECTS;
  const dates = [];
  for (const arg of own) {
    if (arg.startsWith('--projects=')) projects = arg.slice('--projects='.length).split(',');
    else if (/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(arg))
      dates.push(arg.length === 10 ? `${arg} 10:00:00` : arg);
    else
      throw new Error(
        `unknown argument ${arg}: expected YYYY-MM-DD, "YYYY-MM-DD hh:mm:ss", --projects=unit,integration or -- <jest args>`,
      );
  }
  const unknown = projects.filter((p) => !(p in PROJECTS));
  if (unknown.length) throw new Error(`unknown project(s) ${unknown.join(', ')}: expected unit, integration, e2e`);
  return { dates: dates.length ? dates : DEFAULT_DATES, projects, jestArgs };
}

/** The date as the local clock reads it (faketime takes local time), in ms since the epoch. */
const startMs = (date) => new Date(date.replace(' ', 'T')).getTime();

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Node's and the time-skipping server's clocks under faketime must both read the moved date. */
function probe(date, serverPath) {
  const [command, args] = underFaketime(date, process.execPath, [
    fileURLToPath(import.meta.url),
    '--probe',
    serverPath,
  ]);
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...fakeEnv }, encoding: 'utf8' });
  const line = (result.stdout ?? '').split('\n').findLast((l) => l.startsWith('{"node":'));
  if (result.status !== 0 || line === undefined) {
    throw new Error(`the clock probe failed (exit ${result.status}): ${(result.stderr ?? '').slice(-2000)}`);
  }
  const seen = JSON.parse(line);
  const start = startMs(date);
  const off = (ms) => ms < start - 1000 || ms > start + PROBE_TOLERANCE_MS;
  const shown = `Node's new Date() ${new Date(seen.node).toISOString()}, the time-skipping server ${new Date(seen.server).toISOString()}`;
  if (off(seen.node) || off(seen.server)) throw new Error(`clock not moved to ${date}: ${shown}`);
  log(`clock at ${date}: ${shown}`);
}

function report(file) {
  if (!existsSync(file)) return undefined;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites || 0),
    startedAt: new Date(r.startTime).toISOString(),
  };
}

async function main() {
  const { dates, projects, jestArgs } = parseArgs(process.argv.slice(2));
  if (!existsSync(FAKETIME)) throw new Error(`${FAKETIME} not found: apt-get install faketime`);

  // Downloads (Temporal CLI, the test server's jars) happen here, on the real clock; the runs below only
  // reuse the cache, with the test server's path given so that global setup provisions nothing.
  log('npm run provision -- --test (real clock)');
  if ((await run('npm', ['run', '-s', 'provision', '--', '--test'], {})) !== 0) throw new Error('provisioning failed');
  const manifest = JSON.parse(readFileSync(path.join(cacheDir(), 'provisioned.json'), 'utf8'));
  const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH ?? manifest.testServer;
  if (!serverPath) throw new Error('no time-skipping test server provisioned');

  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const rows = [];
  for (const date of dates) {
    probe(date, serverPath);
    for (const project of projects) {
      const file = path.join('reports', `jest-${project}-clock-${date.slice(0, 10)}.json`);
      log(`${project} suite at ${date}`);
      const t0 = performance.now();
      const args = [
        jest,
        '--config',
        'jest.config.js',
        ...PROJECTS[project],
        '--json',
        `--outputFile=${file}`,
        ...jestArgs,
      ];
      const [command, fakeArgs] = underFaketime(date, process.execPath, args);
      const code = await run(command, fakeArgs, { ...fakeEnv, TEMPORAL_TEST_SERVER_PATH: serverPath });
      const seconds = (performance.now() - t0) / 1000;
      const counts = report(path.join(root, file));
      // Jest stamps its report with its own clock: one more proof the run saw the moved date.
      if (counts && Math.abs(Date.parse(counts.startedAt) - startMs(date)) > PROBE_TOLERANCE_MS) {
        throw new Error(`${file} started at ${counts.startedAt}, not at ${date}: the clock was not moved`);
      }
      rows.push({ date, project, code, seconds, counts });
    }
  }

  log('summary (wall-clock durations):');
  for (const { date, project, code, seconds, counts } of rows) {
    const tests = counts
      ? `${counts.passed} passed, ${counts.failed} failed, Jest started at ${counts.startedAt}`
      : 'no report';
    log(
      `  ${date}  ${project.padEnd(11)} ${code === 0 ? 'ok  ' : 'FAIL'}  ${seconds.toFixed(1).padStart(7)} s  ${tests}`,
    );
  }
  return rows.every((row) => row.code === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`FAILED: ${error.message}`);
    process.exit(1);
  },
);
