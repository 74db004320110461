/**
 * Runs every bench/*.bench.ts in sequence, each in its own process, passing the arguments on:
 *
 *   node -r @swc-node/register bench/run-all.ts [--smoke] [...]
 *
 * Reports go to stdout, one after the other; exits non-zero if any benchmark did.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const files = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const passOn = process.argv.slice(2);
const failed: string[] = [];

for (const file of files) {
  process.stderr.write(`[bench] === ${file} ${passOn.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join('bench', file), ...passOn], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error || result.status !== 0) {
    failed.push(`${file} (${result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit ${result.status}`)})`);
  }
}

if (files.length === 0) {
  process.stderr.write('[bench] no bench/*.bench.ts found\n');
  process.exitCode = 1;
} else if (failed.length) {
  process.stderr.write(`[bench] failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
