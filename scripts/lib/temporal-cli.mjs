// Provides a `temporal` CLI (dev server) binary. Temporal's own download host is not
// reachable from every environment we run in, but the Go module proxy is, so we build
// the pinned release from source once and cache it.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, withCacheLock } from './cache.mjs';
import { executableFromEnv, isExecutable, which } from './process.mjs';

const execFileP = promisify(execFile);

export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli';

const defaultLog = (msg) => process.stderr.write(`[temporal-cli] ${msg}\n`);

/**
 * Absolute path of a `temporal` CLI binary, or null when none can be provided locally
 * (then the caller should let the Temporal SDK download its own).
 * Order: $TEMPORAL_CLI_PATH → cached build → `go install` from the Go module proxy.
 */
export async function ensureTemporalCli({ log = defaultLog } = {}) {
  const override = await executableFromEnv('TEMPORAL_CLI_PATH', log);
  if (override) return override;

  const binDir = path.join(cacheDir(), 'bin');
  const bin = path.join(binDir, 'temporal');
  if (await hasExpectedVersion(bin)) return bin;

  const go = await which('go');
  if (!go) {
    log(
      `'go' is not on PATH, so Temporal CLI ${TEMPORAL_CLI_VERSION} cannot be built locally; ` +
        `falling back to the Temporal SDK's own CLI download (needs access to temporal.download).`,
    );
    return null;
  }

  return withCacheLock(
    'temporal-cli',
    async () => {
      // Another provisioner may have finished the build while we waited for the lock.
      if (await hasExpectedVersion(bin)) return bin;
      log(
        `Building Temporal CLI ${TEMPORAL_CLI_VERSION} from the Go module proxy (takes several minutes the first time)…`,
      );
      const t0 = Date.now();
      await runGoInstall(go, binDir, log);
      if (!(await hasExpectedVersion(bin))) {
        throw new Error(`go install finished but ${bin} does not report version ${TEMPORAL_CLI_VERSION}`);
      }
      log(`Built ${bin} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return bin;
    },
    { log },
  );
}

function runGoInstall(go, binDir, log) {
  const args = [
    'install',
    '-ldflags',
    `-s -w -X ${MODULE}/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
    `${MODULE}/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: binDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // `go install` is silent while compiling; show it is still alive.
    const t0 = Date.now();
    const heartbeat = setInterval(() => log(`…still building (${Math.round((Date.now() - t0) / 1000)} s)`), 30_000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `go install of Temporal CLI failed (exit ${code ?? signal}); ` +
              `set TEMPORAL_CLI_PATH to a prebuilt temporal ${TEMPORAL_CLI_VERSION} binary to skip the build`,
          ),
        );
    });
  });
}

async function hasExpectedVersion(bin) {
  if (!(await isExecutable(bin))) return false;
  try {
    const { stdout } = await execFileP(bin, ['--version'], { timeout: 20_000 });
    return new RegExp(`\\b${TEMPORAL_CLI_VERSION.replaceAll('.', '\\.')}\\b`).test(stdout);
  } catch {
    return false; // corrupt/partial binary: rebuild
  }
}
