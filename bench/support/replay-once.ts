/**
 * Benchmark 8's fresh process: replays one history with `Worker.runReplayHistory` twice and prints
 * `{ coldMs, warmMs, events }` as JSON. Cold = the first call: replay worker, the bundle loaded into the
 * workflow sandbox, the replay itself; warm = the same history again in the same process.
 *   node -r @swc-node/register bench/support/replay-once.ts <bundle.js> <history.json>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { mentorflowDataConverter, payloadCodecFor } from '@mentorflow/temporal';

async function main() {
  const [codePath, historyPath] = process.argv.slice(2) as [string, string];
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const history = JSON.parse(readFileSync(historyPath, 'utf8')) as { events: unknown[] };
  // The payloads are sealed by the app's codec (libs/temporal), as the worker reads them.
  const dataConverter = mentorflowDataConverter(payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS));
  const replay = () =>
    Worker.runReplayHistory(
      { workflowBundle: { codePath }, replayName: 'bench', dataConverter },
      history,
      'bench-replay',
    );
  let start = performance.now();
  await replay();
  const coldMs = performance.now() - start;
  start = performance.now();
  await replay();
  const warmMs = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ coldMs, warmMs, events: history.events.length })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
