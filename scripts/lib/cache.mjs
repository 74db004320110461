// Shared cache location for provisioned tooling (Temporal CLI, Java test server, …).
// Kept outside the repo so that fresh checkouts and CI runs on the same machine reuse it.
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { isAlive } from './process.mjs';

/** `$MENTORFLOW_CACHE_DIR` or `${XDG_CACHE_HOME:-~/.cache}/mentorflow`, created on demand. */
export function cacheDir() {
  const dir = process.env.MENTORFLOW_CACHE_DIR
    ? path.resolve(process.env.MENTORFLOW_CACHE_DIR)
    : path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'mentorflow');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Run `fn` while holding the cross-process lock `<cache>/<name>.lock` (mkdir is atomic),
 * so two concurrent provisioners (e.g. `npm start` and `npm test`) don't build the same
 * artefact twice. A lock whose owner process is gone is treated as stale.
 */
export async function withCacheLock(name, fn, { log = () => {}, timeoutMs = 30 * 60_000 } = {}) {
  const lockDir = path.join(cacheDir(), `${name}.lock`);
  const ownerFile = path.join(lockDir, 'owner.json');
  const started = Date.now();
  let lastNotice = 0;

  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = await readFile(ownerFile, 'utf8')
      .then(JSON.parse)
      .catch(() => null);
    let stale;
    if (owner?.pid) {
      stale = !isAlive(owner.pid);
    } else {
      // Owner file not written yet (or lost): only stale once ownerless for a while.
      const st = await stat(lockDir).catch(() => null);
      stale = !st || Date.now() - st.mtimeMs > 60_000;
    }
    if (stale) {
      log(`Removing stale lock ${lockDir} (owner pid ${owner?.pid ?? 'unknown'} is gone)`);
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out waiting for lock ${lockDir} held by pid ${owner?.pid}; delete it if that process is gone`,
      );
    }
    if (Date.now() - lastNotice > 30_000) {
      log(`Waiting for another provisioner (pid ${owner?.pid ?? '?'}) that holds ${lockDir}…`);
      lastNotice = Date.now();
    }
    await new Promise((r) => setTimeout(r, 1000));
  }

  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  // process.exit() skips `finally`; release there too rather than relying on stale detection.
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}
