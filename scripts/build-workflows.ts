import { DEFAULT_BUNDLE_DIR, buildWorkflowBundle } from '../apps/worker/src/workflow-bundle';

/**
 * `npm run build:workflows [-- <dir>]`: the workflow bundle built once (webpack, tens of seconds under load) into
 * dist/workflows/bundle-<hash>.js with a manifest of the sources it was built from; a worker of the same sources
 * then starts without bundling (README «Operations»: the prebuilt workflow bundle).
 */
async function main() {
  const started = Date.now();
  const path = await buildWorkflowBundle(process.argv[2] ?? DEFAULT_BUNDLE_DIR, (m) =>
    process.stderr.write(`[build:workflows] ${m}\n`),
  );
  process.stderr.write(`[build:workflows] ${path} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[build:workflows] failed: ${(error as Error).message}\n`);
  process.exit(1);
});
