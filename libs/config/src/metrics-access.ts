import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read /metrics: `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. Without a
 * token configured nothing is allowed here: the API then serves no /metrics, the worker's listener is loopback-only.
 */
export function metricsScrapeAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return false;
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
