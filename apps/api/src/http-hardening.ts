import type { AppConfig } from '@mentorflow/config';
import type { FastifyInstance } from 'fastify';
import { isIPv6 } from 'node:net';
import { HttpStatus } from '@nestjs/common';
import { problemTitle } from './common/problem.filter';

/** Host names this machine's browsers use for the API, whatever the configuration. */
const LOCAL_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Addresses that mean "every interface": nobody sends them as a Host. */
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The host names (no port) the API answers to: localhost and the loopback addresses, the host of
 * PUBLIC_URL, and HOST when it names one address (a client reaching that address by IP names it).
 */
export function allowedHostnames(http: Pick<AppConfig['http'], 'host' | 'publicUrl'>): Set<string> {
  const names = new Set(LOCAL_HOSTNAMES);
  if (http.publicUrl) names.add(new URL(http.publicUrl).hostname.toLowerCase());
  const host = http.host.trim().toLowerCase();
  if (!WILDCARD_ADDRESSES.has(host)) names.add(isIPv6(host) ? `[${host}]` : host);
  return names;
}

/**
 * Refuses a request whose Host header names another site, before routing: a web page whose domain
 * was re-pointed at this address (DNS rebinding) sends its own name as Host, so it never reaches a
 * route. Health probes are exempt: they carry no personal data and orchestrators send a pod's IP; so is /metrics,
 * which Prometheus scrapes by a service name and which answers only its bearer token (METRICS_TOKEN).
 */
const HOST_CHECK_EXEMPT = /^\/(health|metrics)(\/|\?|$)/;

export function registerHostCheck(fastify: FastifyInstance, allowed: ReadonlySet<string>): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (HOST_CHECK_EXEMPT.test(request.url)) return;
    // `hostname` drops the port; behind a trusted proxy it is X-Forwarded-Host's.
    if (allowed.has(request.hostname.toLowerCase())) return;
    return reply
      .code(421)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send({
        type: 'about:blank',
        title: problemTitle(HttpStatus.MISDIRECTED),
        status: 421,
        detail:
          'Сервер не обслуживает этот адрес (заголовок Host): откройте систему по её адресу или добавьте его в PUBLIC_URL',
      });
  });
}

/**
 * Every answer that did not choose its own caching gets `Cache-Control: no-store`: API responses carry
 * personal data (names, orders, reports), which must not stay in a browser's or a proxy's cache. The
 * web application's files set their own (hashed assets for a year, index.html revalidated), some on the
 * raw response (@fastify/static's setHeaders), so both places are checked.
 */
export function registerNoStore(fastify: FastifyInstance): void {
  // A callback hook, not an async one: it finishes within send(), so a handler that calls send() and then
  // resolves undefined (@nestjs/swagger's openapi.json) is not answered twice while the hook is pending.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && !reply.raw.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/**
 * A route may take a larger body than the global 1 MiB by naming it in its config (`@RouteConfig({ bodyLimit })`,
 * the staff import's files): Fastify reads the limit per route, so every other route keeps the small one.
 * Registered before Nest declares the routes (app.init).
 */
export function registerRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
