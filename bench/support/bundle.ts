import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildWorkflowBundle, matchingBundleIn } from '../../apps/worker/src/workflow-bundle';

/**
 * The workflow bundle the worker would build (npm run build:workflows: the same code, webpack ≈5 s here), built once
 * per content of its sources and kept in the temp directory, so benchmarks and their child processes do not each
 * spend seconds bundling. Returns the bundle's path.
 */
export async function cachedWorkflowBundle(log: (message: string) => void): Promise<string> {
  const dir = join(tmpdir(), 'mentorflow-bench');
  const cached = matchingBundleIn(dir);
  if (cached !== undefined) return cached;
  log('bundling the workflows (cached for later runs)');
  const path = await buildWorkflowBundle(dir, log);
  // Older bundles (2–3 MB each) are of sources that changed since.
  const kept = basename(path).replace(/\.js$/, '');
  for (const name of readdirSync(dir)) {
    if (/^(workflow-)?bundle-.*\.(js|json)$/.test(name) && !name.startsWith(kept))
      rmSync(join(dir, name), { force: true });
  }
  return path;
}
