import { stopPostgres, stopTemporal } from '../soak/lib/processes';
import e2eTeardown from '../support/global-teardown';

export default async function clusterTeardown(): Promise<void> {
  await e2eTeardown();
  const cluster = globalThis.mentorflowCluster;
  if (!cluster) return;
  await stopTemporal(cluster.temporal);
  await stopPostgres(cluster.postgres);
}
