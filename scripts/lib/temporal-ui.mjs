// The Temporal Web UI for the cluster (`npm run start:cluster`): the standalone UI server, built from the Go module
// proxy like the Temporal server (its module carries the UI's built assets), cached. Unlike the dev server's embedded
// UI it reads a configuration file, so it runs **read-only** (no terminate, signal, reset, update or start) and
// decodes payloads through the project's codec server (administrators' tokens only).
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir, withCacheLock } from './cache.mjs';
import { isExecutable, which } from './process.mjs';

/** The UI release the Temporal CLI 1.5.1 embeds (its go.sum), so both UIs are the same. */
export const TEMPORAL_UI_VERSION = '2.42.1';
const MODULE = 'github.com/temporalio/ui-server/v2';

const defaultLog = (msg) => process.stderr.write(`[temporal-ui] ${msg}\n`);

/** The UI server binary, built once with `go install` (a few minutes), then reused. */
export async function ensureTemporalUi({ log = defaultLog } = {}) {
  const dir = path.join(cacheDir(), 'bin', `temporal-ui-${TEMPORAL_UI_VERSION}`);
  const binary = path.join(dir, 'server');
  if (await isExecutable(binary)) return binary;
  const go = await which('go');
  if (!go) throw new Error(`'go' is not on PATH: the Temporal Web UI ${TEMPORAL_UI_VERSION} cannot be built`);
  await withCacheLock(
    'temporal-ui',
    async () => {
      if (await isExecutable(binary)) return;
      log(`Building the Temporal Web UI ${TEMPORAL_UI_VERSION} (a few minutes once)…`);
      await new Promise((resolve, reject) => {
        const child = spawn(go, ['install', '-ldflags', '-s -w', `${MODULE}/cmd/server@v${TEMPORAL_UI_VERSION}`], {
          env: { ...process.env, CGO_ENABLED: '0', GOBIN: dir },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code})`))));
      });
    },
    { log },
  );
  return binary;
}

/**
 * Writes `<dir>/config/mentorflow.yaml` and returns the UI server's arguments. Everything on 127.0.0.1; write actions
 * off, so the UI shows histories but cannot change a workflow (a change goes through the API, which records it).
 */
export async function temporalUiConfig({ dir, temporalAddress, port, codecEndpoint }) {
  const config = [
    `temporalGrpcAddress: ${temporalAddress}`,
    'host: 127.0.0.1',
    `port: ${port}`,
    'enableUi: true',
    'defaultNamespace: default',
    'notifyOnNewVersion: false',
    'hideLogs: true', // a JSON line per request otherwise, in the terminal of `npm run start:cluster`
    'refreshInterval: 0s', // the file never changes while it runs (and each reload prints two lines)
    'disableWriteActions: true',
    'workflowTerminateDisabled: true',
    'workflowCancelDisabled: true',
    'workflowSignalDisabled: true',
    'workflowUpdateDisabled: true',
    'workflowResetDisabled: true',
    'batchActionsDisabled: true',
    'startWorkflowDisabled: true',
    'activityCommandsDisabled: true',
    'cors:',
    '  cookieInsecure: true',
    `  allowOrigins: ["http://127.0.0.1:${port}"]`,
    'codec:',
    `  endpoint: ${codecEndpoint}`,
    '  passAccessToken: false',
    '',
  ].join('\n');
  await mkdir(path.join(dir, 'config'), { recursive: true });
  await writeFile(path.join(dir, 'config', 'mentorflow.yaml'), config);
  return ['--root', dir, '--config', 'config', '--env', 'mentorflow', 'start'];
}
