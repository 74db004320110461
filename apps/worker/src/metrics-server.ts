import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsScrapeAllowed, type AppConfig } from '@mentorflow/config';
import { registerStoreMetrics } from '@mentorflow/projections';

/** A free port on the loopback address, for the Temporal Core's own Prometheus exporter. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createNetServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The options of `Runtime.install` that make the Temporal Core export its metrics (task slots, poll and
 * schedule-to-start latencies, sticky cache, …) on a loopback port only this process reads: the worker's
 * /metrics appends them, so one endpoint behind one token serves both.
 */
export const temporalCoreMetrics = (corePort: number) => ({
  metrics: {
    prometheus: { bindAddress: `127.0.0.1:${corePort}`, countersTotalSuffix: true, useSecondsForDurations: true },
  },
});

export interface WorkerMetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The worker has no HTTP otherwise: this listener answers GET /metrics with the process's metrics, the store's
 * gauges and the Temporal Core's (when `corePort` is given). With METRICS_TOKEN it asks for the bearer token;
 * without, the configuration allows only a loopback address (libs/config metricsProblems).
 */
export async function startWorkerMetricsServer(
  db: DataSource,
  settings: AppConfig['metrics'],
  corePort?: number,
  port = settings.workerPort,
): Promise<WorkerMetricsServer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerStoreMetrics(registry, db);
  const core = async () => {
    if (corePort === undefined) return '';
    // The Core exporter is best effort: a scrape still answers with the rest when it does not.
    const response = await fetch(`http://127.0.0.1:${corePort}/metrics`).catch(() => undefined);
    return response?.ok ? `\n${await response.text()}` : '';
  };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') return void response.writeHead(404).end();
    if (settings.token !== undefined && !metricsScrapeAllowed(request.headers.authorization, settings.token)) {
      return void response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    }
    Promise.all([registry.metrics(), core()]).then(
      ([own, temporal]) => response.writeHead(200, { 'content-type': registry.contentType }).end(own + temporal),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(port, settings.workerHost);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
