import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import type { ClientInterceptors } from '@temporalio/client';

interface Tracing {
  provider: NodeTracerProvider;
  processor: SpanProcessor;
  resource: Resource;
  disable: () => void;
}

let active: Tracing | undefined;

/** Paths whose requests start no trace: probes and scrapes, every few seconds, about nothing. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

/** A URL without its query: `?q=` (a person's name in a search) and `?reason=` never reach a span. */
const withoutQuery = (url: string) => url.split('?')[0];

/**
 * Traces from the HTTP request through the Temporal client, the workflow and its activities to the SQL, when
 * OTEL_EXPORTER_OTLP_ENDPOINT names a collector (OTLP/HTTP; the exporter reads the variable itself) or a test gives
 * an exporter. Otherwise nothing is installed and nothing costs anything. Call it before the app's modules load:
 * the HTTP and pg instrumentations patch those modules as they are required.
 *
 * No personal data in spans: no request or response bodies are recorded, the URL's query is dropped, SQL statements
 * are the application's parameterised text and their values are never recorded (enhancedDatabaseReporting off),
 * Temporal spans carry workflow ids and update names, never payloads.
 */
export function startTracing(serviceName: string, exporter?: SpanExporter): boolean {
  if (active !== undefined) return true;
  if (exporter === undefined && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const resource = new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME ?? serviceName });
  const processor = exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  const disable = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED.test(request.url ?? ''),
        // Outgoing: the worker reading the Temporal Core's metrics, OTLP itself — nothing a trace needs.
        ignoreOutgoingRequestHook: () => true,
        // The instrumentation has set these from the full URL already: overwritten without the query.
        requestHook: (span) => {
          const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
          for (const key of ['http.target', 'http.url', 'url.full', 'url.query']) {
            const value = attributes[key];
            if (typeof value === 'string') span.setAttribute(key, key === 'url.query' ? '' : withoutQuery(value));
          }
        },
      }),
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  active = { provider, processor, resource, disable };
  return true;
}

/** The span processor and resource of the running tracing (the worker's workflow span sink needs them), if any. */
export const activeTracing = (): Pick<Tracing, 'processor' | 'resource'> | undefined => active;

/** The Temporal client's interceptors: trace context into every start, update, signal and query, when tracing. */
export const tracingClientInterceptors = (): ClientInterceptors | undefined =>
  active === undefined ? undefined : { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };

/** Flushes what is buffered and uninstalls everything (a process's end, a test's). */
export async function stopTracing(): Promise<void> {
  if (active === undefined) return;
  const { provider, disable } = active;
  active = undefined;
  disable();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
