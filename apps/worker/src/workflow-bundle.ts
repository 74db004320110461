import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { validateVariables } from '@mentorflow/config';
import { workerBundleOptions, workflowBundleOptions, workflowStackTracesKept, workflowTracing } from './workflows-path';

const root = resolve(__dirname, '..', '..', '..');

/** Where `npm run build:workflows` writes, and where the worker looks when WORKFLOW_BUNDLE is unset. */
export const DEFAULT_BUNDLE_DIR = join(root, 'dist', 'workflows');
const MANIFEST = 'manifest.json';

/** What `npm run build:workflows` records beside a bundle: which sources (and options) it was built from. */
export interface BundleManifest {
  /** workflowSourcesHash() when it was built. */
  sourcesHash: string;
  /** The bundle's file name, beside the manifest (`bundle-<hash of its code>.js`). */
  bundle: string;
  builtAt: string;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|json)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * A hash of everything a workflow bundle is made of: workflows/ and libs/ (what it imports), package-lock.json (the
 * SDK and webpack), the bundling options (workflows-path.ts, WORKFLOW_STACK_TRACES, tracing on or off). Equal hashes,
 * equal bundles; the
 * worker compares it with a prebuilt bundle's manifest. libs/ holds more than the workflows import: a change there
 * only costs a rebuild.
 */
export function workflowSourcesHash(): string {
  const hash = createHash('sha256')
    .update(workflowStackTracesKept() ? 'stack traces kept\0' : '')
    .update(workflowTracing() ? 'traced\0' : '');
  for (const file of [
    ...sourceFiles(join(root, 'workflows')),
    ...sourceFiles(join(root, 'libs')),
    join(root, 'package-lock.json'),
    join(root, 'apps', 'worker', 'src', 'workflows-path.ts'),
    join(root, 'libs', 'temporal', 'src', 'failure-converter.ts'),
  ].sort()) {
    hash
      .update(relative(root, file))
      .update('\0')
      .update(existsSync(file) ? readFileSync(file) : '')
      .update('\0');
  }
  return hash.digest('hex');
}

type BundleLog = (message: string) => void;

/** webpack's chatter dropped, its warnings and errors kept. */
const bundlerLogger = (log: BundleLog) =>
  ({
    log() {},
    trace() {},
    debug() {},
    info() {},
    warn: (m: string) => log(`bundle: ${m}`),
    error: (m: string) => log(`bundle: ${m}`),
  }) as never;

/** Bundles the workflows as the worker would and writes `bundle-<hash>.js` and its manifest into `dir`. */
export async function buildWorkflowBundle(dir = DEFAULT_BUNDLE_DIR, log: BundleLog = () => {}): Promise<string> {
  const sourcesHash = workflowSourcesHash();
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: bundlerLogger(log) });
  const name = `bundle-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  mkdirSync(dir, { recursive: true });
  const manifest: BundleManifest = { sourcesHash, bundle: name, builtAt: new Date().toISOString() };
  writeAtomically(join(dir, name), code);
  // One manifest per bundle (WORKFLOW_BUNDLE names a bundle) and the directory's, naming the latest.
  writeAtomically(join(dir, name.replace(/\.js$/, '.json')), JSON.stringify(manifest, null, 2));
  writeAtomically(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return join(dir, name);
}

function writeAtomically(path: string, text: string): void {
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

function readManifest(path: string): BundleManifest | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as BundleManifest;
}

/** The bundle `dir`'s manifest names when it was built from the current sources, else undefined. */
export function matchingBundleIn(dir: string, sourcesHash = workflowSourcesHash()): string | undefined {
  const latest = readManifest(join(dir, MANIFEST));
  if (latest === undefined || latest.sourcesHash !== sourcesHash) return undefined;
  const codePath = join(dir, latest.bundle);
  return existsSync(codePath) ? codePath : undefined;
}

export class WorkflowBundleMismatchError extends Error {
  override readonly name = 'WorkflowBundleMismatchError';
}

/**
 * What the worker runs: a prebuilt bundle when one matches its sources, else it bundles at start as always.
 * - WORKFLOW_BUNDLE set: that bundle, which must match (its manifest `bundle-….json` beside it) — a bundle of other
 *   sources would run other workflow code than this worker's activities and replay tests expect: refused.
 * - unset: dist/workflows/manifest.json's bundle if it matches; a stale one is skipped (said in the log).
 */
export function workflowCode(
  log: BundleLog = () => {},
  dir = DEFAULT_BUNDLE_DIR,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const { WORKFLOW_BUNDLE } = validateVariables(['WORKFLOW_BUNDLE']);
  if (WORKFLOW_BUNDLE !== undefined) {
    const codePath = resolve(WORKFLOW_BUNDLE);
    const manifestPath = join(dirname(codePath), basename(codePath).replace(/\.js$/, '') + '.json');
    const manifest = existsSync(codePath) ? readManifest(manifestPath) : undefined;
    const current = workflowSourcesHash();
    if (manifest === undefined || manifest.sourcesHash !== current) {
      throw new WorkflowBundleMismatchError(
        [
          `WORKFLOW_BUNDLE=${WORKFLOW_BUNDLE} does not match this worker's workflow code: the worker does not start.`,
          !existsSync(codePath)
            ? '  The file does not exist.'
            : manifest === undefined
              ? `  It has no manifest (${manifestPath}): it was not built by npm run build:workflows.`
              : `  It was built from sources ${manifest.sourcesHash.slice(0, 12)}… on ${manifest.builtAt}; these are ${current.slice(0, 12)}….`,
          '  Rebuild it from this code (npm run build:workflows) and point WORKFLOW_BUNDLE at the new file, or unset WORKFLOW_BUNDLE to bundle at start.',
        ].join('\n'),
      );
    }
    log(`Workflow bundle ${codePath} (prebuilt, matches the sources)`);
    return { workflowBundle: { codePath } };
  }
  const codePath = matchingBundleIn(dir);
  if (codePath !== undefined) {
    log(`Workflow bundle ${codePath} (prebuilt, matches the sources)`);
    return { workflowBundle: { codePath } };
  }
  if (existsSync(join(dir, MANIFEST)))
    log(`The prebuilt workflow bundle in ${dir} is of other sources: bundling at start (npm run build:workflows)`);
  return workerBundleOptions();
}
