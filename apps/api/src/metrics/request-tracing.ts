import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { activeTracing } from '@mentorflow/temporal';

/** Probes and scrapes start no trace. */
const UNTRACED = /^\/(health|metrics)(\/|$)/;

/**
 * One span per API request, named by its route template (`POST /programmes/:id/advance`), made the active context
 * for the handler: the Temporal client's interceptor carries it into the workflow. A Fastify hook rather than only
 * the HTTP instrumentation: that one patches `http` as it is required, which Jest's module registry bypasses, and it
 * knows no route templates. Under the HTTP instrumentation's span when that is active (production), else under the
 * caller's `traceparent`. Attributes: method, route, path without its query, status — never a body or a query.
 */
export function registerRequestTracing(fastify: FastifyInstance): void {
  if (activeTracing() === undefined) return;
  const tracer = trace.getTracer('mentorflow-api');
  const spans = new WeakMap<FastifyRequest, Span>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || UNTRACED.test(route)) return done();
    const active = context.active();
    const parent = trace.getSpan(active) ? active : propagation.extract(active, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0],
        },
      },
      parent,
    );
    spans.set(request, span);
    done();
  });
  // After the body is read (its stream events run outside any context): the handler runs inside the span's.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (span === undefined) return done();
    context.with(trace.setSpan(context.active(), span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span !== undefined) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
