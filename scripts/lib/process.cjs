// Process and port helpers the provisioning scripts, the benchmarks and the soak tests all need:
// one copy, so a fix (say, to how a dead pid is told from one we may not signal) lands everywhere.
// CommonJS, so that the soak helpers can require() it inside Jest's test VM, where import() of ESM is
// unavailable; process.mjs re-exports it for the ESM scripts.
'use strict';
const { constants: fsc } = require('node:fs');
const { access, stat } = require('node:fs/promises');
const net = require('node:net');
const path = require('node:path');

/** Whether a process with this pid exists; EPERM means it does, only owned by someone else. */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A TCP port nothing listens on right now (the OS picks it; a race with another process is possible but rare). */
function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on host:port. */
function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Waits until host:port accepts connections. `failIf` is asked before every attempt and returns a
 * message when waiting is pointless (the server process exited), so a crash is reported at once
 * instead of after the whole timeout.
 */
async function waitForPort(
  port,
  { host = '127.0.0.1', timeoutMs = 60_000, intervalMs = 200, what = `${host}:${port}`, failIf } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = failIf?.();
    if (failure) throw new Error(failure);
    if (await portOpen(port, host)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not accept connections within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether `p` is a regular file we may execute. */
async function isExecutable(p) {
  try {
    if (!(await stat(p)).isFile()) return false;
    await access(p, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `cmd` on PATH, or null. */
async function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, cmd)))) return path.join(dir, cmd);
  }
  return null;
}

/**
 * The executable the environment variable `variable` names, or undefined when it is unset; an error when it
 * names no executable file. `log` says which one is used.
 */
async function executableFromEnv(variable, log) {
  const override = process.env[variable];
  if (!override) return undefined;
  const p = path.resolve(override);
  if (!(await isExecutable(p))) {
    throw new Error(`${variable}=${override} does not exist or is not an executable file`);
  }
  log(`Using ${variable}=${p}`);
  return p;
}

module.exports = { isAlive, freePort, portOpen, waitForPort, isExecutable, executableFromEnv, which };
