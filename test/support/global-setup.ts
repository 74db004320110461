import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { DEFAULT_BUNDLE_DIR, buildWorkflowBundle, matchingBundleIn } from '../../apps/worker/src/workflow-bundle';
import { importScript, testLog } from './scripts';

interface Started {
  stopPostgres?: () => Promise<void>;
  temporal?: TestWorkflowEnvironment;
}

declare global {
  var mentorflowTestServers: Started | undefined;
}

/**
 * Real servers for the integration and end-to-end projects: an embedded PostgreSQL (unless
 * DATABASE_URL is given) migrated to the current schema, and for end-to-end tests a Temporal dev
 * server (unless TEMPORAL_ADDRESS is given). Addresses reach the tests through the environment.
 */
export default async function globalSetup(
  _global: unknown,
  project: { displayName?: { name?: string } },
): Promise<void> {
  // Each Jest project runs its own global setup; servers started once serve every project of the run.
  const started: Started = globalThis.mentorflowTestServers ?? {};
  globalThis.mentorflowTestServers = started;

  if (!process.env.DATABASE_URL) {
    const { startEmbeddedPostgres } =
      await importScript<typeof import('../../scripts/lib/postgres.mjs')>('lib/postgres.mjs');
    const postgres = await startEmbeddedPostgres({ port: 0, persistent: false, log: testLog });
    process.env.DATABASE_URL = postgres.url;
    started.stopPostgres = postgres.stop;
  }
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL as string));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  if (!process.env.TEMPORAL_TEST_SERVER_PATH) {
    const { ensureTimeSkippingTestServer } =
      await importScript<typeof import('../../scripts/lib/test-server.mjs')>('lib/test-server.mjs');
    process.env.TEMPORAL_TEST_SERVER_PATH = await ensureTimeSkippingTestServer({ log: testLog });
  }

  const wantsTemporal = project.displayName?.name === 'e2e';
  if (wantsTemporal && !process.env.TEMPORAL_ADDRESS) {
    const { ensureTemporalCli } =
      await importScript<typeof import('../../scripts/lib/temporal-cli.mjs')>('lib/temporal-cli.mjs');
    const cli = await ensureTemporalCli({ log: testLog });
    started.temporal = await TestWorkflowEnvironment.createLocal({
      server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
    });
    process.env.TEMPORAL_ADDRESS = started.temporal.address;
  }
  if (wantsTemporal && matchingBundleIn(DEFAULT_BUNDLE_DIR) === undefined) {
    // One workflow bundle for every end-to-end file, built as npm run build:workflows does: createWorker runs it
    // when it matches the sources, instead of webpack bundling at start in each file (seconds each, memory kept).
    await buildWorkflowBundle(DEFAULT_BUNDLE_DIR, testLog);
  }
  process.env.JWT_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
  process.env.NODE_ENV = 'test';
  // A random key per run: tests exercise the payload encryption exactly as production does.
  process.env.TEMPORAL_PAYLOAD_KEYS ??= `test:${randomBytes(32).toString('base64')}`;
  // Random per run too: the unsubscribe specs sign their own (expired) links with it.
  process.env.NOTIFICATION_UNSUBSCRIBE_SECRET ??= randomBytes(32).toString('base64');
  process.env.LOG_LEVEL ??= 'warn';
}
