// End-to-end check that the Temporal TypeScript SDK accepts our provisioned time-skipping
// test server, within its own startup deadline.
// Usage: node scripts/check-test-server.mjs [path-to-test-server]
import { ensureTimeSkippingTestServer } from './lib/test-server.mjs';

const log = (msg) => process.stderr.write(`[check-test-server] ${msg}\n`);

try {
  const path = process.argv[2] ?? (await ensureTimeSkippingTestServer());
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  log(`Starting TestWorkflowEnvironment.createTimeSkipping with ${path}…`);
  const t0 = performance.now();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  const started = performance.now();
  await env.teardown();
  const done = performance.now();
  log(`OK: createTimeSkipping took ${Math.round(started - t0)} ms, teardown ${Math.round(done - started)} ms`);
} catch (err) {
  log(`FAILED: ${err?.stack ?? err}`);
  process.exitCode = 1;
}
