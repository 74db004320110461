/**
 * Runs every bench/*.bench.ts, each in its own process, passing the arguments on:
 *
 *   node -r @swc-node/register bench/run-all.ts [--smoke] [...]
 *
 * Reports go to stdout, one after the other; exits non-zero if any benchmark did. With --smoke (run by
 * `npm test`) the benchmarks share one throwaway PostgreSQL and one Temporal dev server started here
 * (unless DATABASE_URL / TEMPORAL_ADDRESS are set) and run side by side: smoke mode checks that every
 * path works, its figures mean nothing, and starting servers three times would dominate its time.
 */
import './support/env';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cachedWorkflowBundle } from './support/bundle';
import { dynamicImport, migrate, scriptUrl } from './support/postgres';
import { exit } from './support/stats';
import { startDevServer } from './support/system';

const root = join(__dirname, '..');
const files = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const passOn = process.argv.slice(2);
const smoke = passOn.includes('--smoke');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function run(file: string, env: NodeJS.ProcessEnv): Promise<{ file: string; output: string; failure?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('bench', file), ...passOn], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ file, output, failure: error.message }));
    child.on('close', (code, signal) =>
      resolve({ file, output, ...(code === 0 ? {} : { failure: signal ? `signal ${signal}` : `exit ${code}` }) }),
    );
  });
}

async function main(): Promise<number> {
  if (files.length === 0) {
    log('no bench/*.bench.ts found');
    return 1;
  }
  const env = { ...process.env };
  const stops: (() => Promise<unknown>)[] = [];
  try {
    if (smoke && !env.DATABASE_URL) {
      const { startEmbeddedPostgres } = await dynamicImport<typeof import('../scripts/lib/postgres.mjs')>(
        scriptUrl('lib/postgres.mjs'),
      );
      const postgres = await startEmbeddedPostgres({
        port: 0,
        persistent: false,
        log: (m: string) => log(`postgres: ${m}`),
      });
      stops.unshift(() => postgres.stop());
      env.DATABASE_URL = postgres.url;
    }
    if (smoke && !env.TEMPORAL_ADDRESS) {
      const { ensureTemporalCli } = await dynamicImport<typeof import('../scripts/lib/temporal-cli.mjs')>(
        scriptUrl('lib/temporal-cli.mjs'),
      );
      const cli = await ensureTemporalCli({ log: (m: string) => log(`temporal-cli: ${m}`) });
      if (cli) env.TEMPORAL_ADDRESS = await startDevServer(cli, log, stops);
    }
    // Migrate once here: side by side, two benchmarks migrating one database at once race on creating
    // the migrations table ("relation \"migrations\" already exists"); each then finds the schema up to date.
    if (smoke && env.DATABASE_URL) await migrate(env.DATABASE_URL, log);
    // Bundle once here: the benchmarks side by side would each bundle the same workflows at once.
    if (smoke) await cachedWorkflowBundle(log);
    const results = [];
    if (smoke) {
      // The reports benchmark catches every read model up over the shared database and builds a region from a
      // seed: beside the others it projected their events under them (the inbox's tasks went missing). It runs
      // after them, alone.
      const alone: string[] = files.filter((file) => file === 'reports.bench.ts');
      const together = files.filter((file) => !alone.includes(file));
      log(`=== ${together.join(', ')} side by side ${passOn.join(' ')}`);
      results.push(...(await Promise.all(together.map((file) => run(file, env)))));
      for (const file of alone) {
        log(`=== ${file} ${passOn.join(' ')}`);
        results.push(await run(file, env));
      }
      for (const r of results) process.stdout.write(r.output);
    } else {
      for (const file of files) {
        log(`=== ${file} ${passOn.join(' ')}`);
        const result = await run(file, env);
        process.stdout.write(result.output);
        results.push(result);
      }
    }
    const failed = results.filter((r) => r.failure).map((r) => `${r.file} (${r.failure})`);
    if (failed.length) {
      log(`failed: ${failed.join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    for (const stop of stops) await stop().catch((error: Error) => log(`stop: ${error.message}`));
  }
}

main().then(exit, (error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exit(1);
});
