import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions, workflowStackTracesKept } from '../../apps/worker/src/workflows-path';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|json)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The workflow bundle the worker would build from workflows/index.ts with its options (webpack, ≈5 s here), built once
 * per content of workflows/, libs/, package-lock.json and those options and kept in the temp directory, so benchmarks
 * and their child processes do not each spend seconds bundling. Returns the bundle's path.
 */
export async function cachedWorkflowBundle(log: (message: string) => void): Promise<string> {
  const options = workflowBundleOptions();
  const hash = createHash('sha256').update(workflowStackTracesKept() ? 'stack traces kept\0' : '');
  for (const file of [
    ...sourceFiles(join(root, 'workflows')),
    ...sourceFiles(join(root, 'libs')),
    join(root, 'package-lock.json'),
    join(root, 'apps', 'worker', 'src', 'workflows-path.ts'),
  ].sort()) {
    hash
      .update(relative(root, file))
      .update('\0')
      .update(existsSync(file) ? readFileSync(file) : '')
      .update('\0');
  }
  const dir = join(tmpdir(), 'mentorflow-bench');
  const path = join(dir, `workflow-bundle-${hash.digest('hex').slice(0, 16)}.js`);
  if (existsSync(path)) return path;
  log('bundling the workflows (cached for later runs)');
  const { code } = await bundleWorkflowCode({
    ...options,
    logger: {
      log() {},
      trace() {},
      debug() {},
      info() {},
      warn: (m: string) => log(`bundle: ${m}`),
      error: (m: string) => log(`bundle: ${m}`),
    } as never,
  });
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, path);
  // Older bundles (2–3 MB each) are of sources that changed since.
  for (const name of readdirSync(dir)) {
    if (/^workflow-bundle-.*\.js$/.test(name) && join(dir, name) !== path) rmSync(join(dir, name), { force: true });
  }
  return path;
}
