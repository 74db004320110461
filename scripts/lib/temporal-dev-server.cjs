// How the Temporal CLI's dev server is run: by `npm start` (scripts/start.mjs), the benchmarks and the soak tests,
// so all three start the same server. CommonJS, so that the soak helpers can require() it inside Jest's test VM;
// temporal-dev-server.mjs re-exports it for the ESM scripts. Tested in libs/temporal/src/dev-server-args.spec.ts.
'use strict';

/**
 * `temporal server start-dev` on 127.0.0.1: its state in `dbFile` (kept across restarts) or, without one, in
 * memory. The embedded Web UI cannot be made read-only (the CLI builds its UI config in code: no
 * disableWriteActions flag or variable), and anyone who reaches it can terminate, signal or reset workflows. So
 * the dev server runs headless unless `ui` asks for the UI (npm start with MENTORFLOW_TEMPORAL_UI=true).
 */
function temporalDevServerArgs({ port, dbFile, logLevel = 'warn', ui = false, uiPort, codecPort }) {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    ...(dbFile ? ['--db-filename', dbFile] : []),
    '--log-level',
    logLevel,
  ];
  if (!ui) return [...args, '--headless'];
  return [
    ...args,
    '--ui-ip',
    '127.0.0.1',
    '--ui-port',
    String(uiPort),
    '--ui-codec-endpoint',
    `http://127.0.0.1:${codecPort}`,
  ];
}

/** MENTORFLOW_TEMPORAL_UI=true (or 1): the embedded, write-capable UI; anything else: none. */
const temporalUiWanted = (env) => ['true', '1'].includes(String(env.MENTORFLOW_TEMPORAL_UI ?? '').toLowerCase());

/**
 * Copies the dev server's output to `write` line by line while `running()` says it runs, nothing after: stopping,
 * it warns about every connection the stopping worker and API drop and every task it abandons — pages of lines about
 * nothing wrong, which buried the last useful ones (issue 23).
 */
function devServerOutput(write, running) {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (running()) write(`${line}\n`);
  };
}

module.exports = { temporalDevServerArgs, temporalUiWanted, devServerOutput };
