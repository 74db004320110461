import { Runtime } from '@temporalio/worker';
import Fastify from 'fastify';
import { DataSource } from 'typeorm';
import { allowedHostnames, registerHostCheck } from '../../apps/api/src/http-hardening';
import { registerApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import { freeLoopbackPort, startWorkerMetricsServer, temporalCoreMetrics } from '../../apps/worker/src/metrics-server';
import { freshIds } from '../support/ids';
import { places, registerOrganisation, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';

const TOKEN = 'metrics-token-of-the-e2e-spec';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The value of one sample line (`name{labels} value`), undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.indexOf('}') + 1).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics of the API and the worker (issue 23)', () => {
  let system: TestSystem;
  let corePort: number;
  const [admin, director, curator] = freshIds(3);

  beforeAll(async () => {
    process.env.METRICS_TOKEN = TOKEN;
    // As the worker's main does under WORKER_METRICS_PORT: once, before the first connection of this process.
    corePort = await freeLoopbackPort();
    Runtime.install({ telemetryOptions: temporalCoreMetrics(corePort) });
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await system?.stop();
    delete process.env.METRICS_TOKEN;
  });

  it('counts requests by route template and status and commands by outcome, behind the token', async () => {
    const adminToken = system.token(admin, ['administrator']);
    const organisationId = (await registerOrganisation(system, adminToken, places.plain)).body.organisationId as string;
    const directorToken = system.token(director, ['director'], [organisationId]);
    const { programmeId } = await startProgramme(system, organisationId, directorToken, curator);
    const curatorToken = system.token(curator, ['curator'], [organisationId]);
    expect((await system.request('POST', `/programmes/${programmeId}/advance`, curatorToken, {})).status).toBe(422);
    expect((await system.request('POST', '/organisations', adminToken, { name: '' })).status).toBe(400);
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, curatorToken),
      (r) => r.status === 200,
    );

    expect((await fetch(`${system.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${system.baseUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const response = await fetch(`${system.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();

    const read = { method: 'GET', route: '/programmes/:id', status_code: '200' };
    expect(sample(text, 'mentorflow_http_request_duration_seconds_count', read)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mentorflow_http_request_duration_seconds_bucket', { ...read, le: '+Inf' })).toBeGreaterThan(0);
    expect(
      sample(text, 'mentorflow_commands_total', { command: 'POST /organisations', outcome: 'accepted' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mentorflow_commands_total', { command: 'POST /organisations', outcome: 'invalid' })).toBe(1);
    expect(
      sample(text, 'mentorflow_commands_total', { command: 'POST /programmes/:id/advance', outcome: 'refused' }),
    ).toBe(1);
    // Route templates only: no id of anything ever becomes a label.
    expect(text).not.toMatch(UUID);
    expect(sample(text, 'mentorflow_projection_lag_positions', { projection: 'programmes' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mentorflow_projection_parked_events', { projection: 'pairs' })).toBe(0);
    expect(sample(text, 'mentorflow_notification_outbox', { status: 'pending' })).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it("serves the worker's metrics with the Temporal Core's on its own listener, behind the same token", async () => {
    const settings = { token: TOKEN, workerPort: 0, workerHost: '127.0.0.1' };
    const server = await startWorkerMetricsServer(system.api.get(DataSource), settings, corePort);
    try {
      const url = `http://127.0.0.1:${server.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const text = await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(sample(text, 'mentorflow_projection_lag_positions', { projection: 'tasks' })).toBeGreaterThanOrEqual(0);
      expect(text).toMatch(/^process_cpu_seconds_total \d/m);
      // The SDK's worker metrics (the e2e worker above polls through this process's runtime).
      expect(text).toMatch(/^temporal_\w+\{[^}]*task_queue="e2e-/m);
    } finally {
      await server.close();
    }
  });

  it('serves no /metrics at all without METRICS_TOKEN; with it, to a scraper naming the API by a service name', async () => {
    // bootstrap registers /metrics only with a token; the system above has one, so ask bare servers with and without.
    const serve = (token: string | undefined) => {
      const fastify = Fastify();
      registerHostCheck(fastify, allowedHostnames({ host: '127.0.0.1' }));
      registerApiMetrics(fastify, system.api.get(DataSource), token);
      return fastify;
    };
    const without = serve(undefined);
    expect((await without.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await without.close();
    const scraped = serve(TOKEN);
    const headers = { host: 'api:3000', authorization: `Bearer ${TOKEN}` };
    expect((await scraped.inject({ method: 'GET', url: '/metrics', headers })).statusCode).toBe(200);
    expect((await scraped.inject({ method: 'GET', url: '/organisations', headers })).statusCode).toBe(421);
    await scraped.close();
  });
});
