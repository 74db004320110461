import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import e2eSetup from '../support/global-setup';
import {
  freePort,
  startPostgres,
  startTemporalServer,
  type PostgresProcess,
  type TemporalProcess,
} from '../soak/lib/processes';

declare global {
  var mentorflowCluster: { postgres: PostgresProcess; temporal: TemporalProcess } | undefined;
}

/**
 * The cluster project (`npm run test:cluster`, issue 23): an embedded PostgreSQL holding the application's database
 * and Temporal's two, the Temporal server (not the dev server) on it with 4 history shards; then the end-to-end
 * set-up on those addresses. The suites start their workers and APIs themselves, two of each where they test that.
 */
export default async function clusterSetup(global: unknown, project: { displayName?: { name?: string } }) {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-cluster-'));
  const postgres = await startPostgres(await freePort(), join(dir, 'postgres'));
  const temporal = await startTemporalServer(await freePort(), postgres.url, join(dir, 'temporal'));
  globalThis.mentorflowCluster = { postgres, temporal };
  process.env.DATABASE_URL = postgres.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  await e2eSetup(global, project);
}
