import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsScrapeAllowed } from '@mentorflow/config';
import { registerStoreMetrics } from '@mentorflow/projections';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Not commands: sign-in answers with a token and changes nothing in the domain. */
const NOT_A_COMMAND = /^\/auth\//;

/** What became of a command, from its answer's status (README «Operations»: the metrics). */
export function commandOutcome(status: number): string {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 400 || status === 413 || status === 415) return 'invalid';
  if (status === 422) return 'refused';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 500) return 'failed';
  return 'other';
}

/**
 * The API's Prometheus metrics: request latency by route template (`/pairs/:pairId`, never the ids a URL carries)
 * and status, every command's outcome, the store's gauges and the process's own (memory, CPU, event loop). A
 * registry of its own, not prom-client's global one: the tests run the API and the worker in one process.
 */
export function registerApiMetrics(fastify: FastifyInstance, db: DataSource, token: string | undefined): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerStoreMetrics(registry, db);
  const requests = new Histogram({
    name: 'mentorflow_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: latency (its _count is the request rate)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const commands = new Counter({
    name: 'mentorflow_commands_total',
    help: 'Commands (write requests) by endpoint and outcome: accepted, invalid, refused, conflict, denied, failed, other',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // An unmatched URL is one label, whatever was asked: a scan must not mint a series per path.
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    requests.observe({ method: request.method, route, status_code: String(status) }, reply.elapsedTime / 1000);
    if (WRITE_METHODS.has(request.method) && route !== 'unmatched' && !NOT_A_COMMAND.test(route)) {
      commands.inc({ command: `${request.method} ${route}`, outcome: commandOutcome(status) });
    }
    done();
  });
  // No token, no /metrics: a 404 like any unknown path, so the public port never shows the figures.
  if (token !== undefined) {
    fastify.get('/metrics', async (request, reply) => {
      if (!metricsScrapeAllowed(request.headers.authorization, token)) {
        return reply.status(401).header('www-authenticate', 'Bearer').send();
      }
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  }
  return registry;
}
