import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing } from '@mentorflow/temporal';
import { freshIds } from '../support/ids';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

describe('traces from the HTTP request to the activity (issue 23)', () => {
  const exporter = new InMemorySpanExporter();
  let system: TestSystem;
  const [admin, director] = freshIds(2);

  beforeAll(async () => {
    // Before anything connects, as main.ts does; an exporter in memory stands for OTEL_EXPORTER_OTLP_ENDPOINT.
    startTracing('mentorflow-e2e', exporter);
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await system?.stop();
    await stopTracing();
  });

  it('follows a command from the API request through the Temporal client and the workflow update to its activity', async () => {
    const adminToken = system.token(admin, ['administrator']);
    const organisationId = (await registerOrganisation(system, adminToken, places.plain)).body.organisationId as string;
    exporter.reset();
    const title = 'Программа Ивановой Марии Петровны';
    const started = await system.request(
      'POST',
      `/organisations/${organisationId}/programmes?note=Иванова`,
      system.token(director, ['director'], [organisationId]),
      { title },
    );
    expect(started.status).toBe(201);

    const spans = await system.eventually(
      async () => exporter.getFinishedSpans(),
      (all) => all.some((s) => s.name.startsWith('RunActivity')),
    );
    const request = spans.find(
      (s) => s.kind === SpanKind.SERVER && s.name === 'POST /organisations/:id/programmes',
    ) as ReadableSpan;
    expect(request).toBeDefined();
    // One trace: request → update-with-start (client) → the update in the workflow → the activity it scheduled.
    const trace = spans.filter((s) => s.spanContext().traceId === request.spanContext().traceId).map((s) => s.name);
    expect(trace).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^UpdateWithStartWorkflow:programmeStarted/),
        expect.stringMatching(/^HandleUpdate/),
        expect.stringMatching(/^RunActivity/),
      ]),
    );
    // No personal data in any span: neither the body's title nor the query's name.
    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]));
    expect(everything).not.toContain('Иванов');
    expect(everything).not.toContain(encodeURIComponent('Иванова'));
  });
});
