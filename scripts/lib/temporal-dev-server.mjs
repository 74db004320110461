// How `npm start` runs the Temporal CLI's dev server (scripts/start.mjs), kept apart so it is tested
// (libs/temporal/src/dev-server-args.spec.ts).

/**
 * The embedded Web UI of `temporal server start-dev` cannot be made read-only (the CLI builds its UI
 * config in code: no disableWriteActions flag or variable), and anyone who reaches it can terminate,
 * signal or reset workflows. So the dev server runs headless unless MENTORFLOW_TEMPORAL_UI=true asks
 * for the UI; everything listens on 127.0.0.1.
 */
export function temporalDevServerArgs({ port, uiPort, codecPort, dbFile, ui }) {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--db-filename',
    dbFile,
    '--log-level',
    'warn',
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
export const temporalUiWanted = (env) => ['true', '1'].includes(String(env.MENTORFLOW_TEMPORAL_UI ?? '').toLowerCase());

/**
 * Copies the dev server's output to `write` line by line while `running()` says it runs, nothing after: stopping,
 * it warns about every connection the stopping worker and API drop and every task it abandons — pages of lines about
 * nothing wrong, which buried the last useful ones (issue 23).
 */
export function devServerOutput(write, running) {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (running()) write(`${line}\n`);
  };
}
