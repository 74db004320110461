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

/** Whether `port` can be listened on at `host` now. */
function canListen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

const handedOut = new Set();

/**
 * A TCP port nothing listens on right now, for a server started a moment later. Below the system's ephemeral range
 * (32768 and up on Linux), because the OS gives those ports to outgoing connections as well: a client socket can take
 * one between this check and the server's bind, which failed a Temporal server's start in CI. Below 32768 also suits
 * Temporal's membership ports, which it stores in a PostgreSQL `smallint`. Never the same port twice in one process.
 */
async function freePort(host = '127.0.0.1') {
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!handedOut.has(port) && (await canListen(port, host))) {
      handedOut.add(port);
      return port;
    }
  }
  // Not a crowded range but a host nothing can listen on (say, an address this machine does not have).
  throw new Error(`no port between 20000 and 31999 can be listened on at ${host}`);
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
