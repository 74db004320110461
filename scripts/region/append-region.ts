import { endOfLocalDay } from '@mentorflow/calendar';
import type { EventStore } from '@mentorflow/event-store';
import type { GeneratedRegion } from './generate-region';

const CHUNK = 200;

/** Runs `task(0…n-1)` with at most `concurrency` of them in flight; the results in index order. */
export async function inFlight<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, Math.max(1, concurrency)) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Appends the generated streams through the event store (hash chain, optimistic versions), each from
 * version `from` of its own events, `concurrency` streams at a time (one by one by default). `until` cuts
 * every stream at the end of a local day of its organisation, so a region can be loaded in two halves
 * around a date. Appending a region again adds nothing (`events` counts what was added): the store
 * recognises the event ids.
 */
export async function appendRegion(
  store: EventStore,
  region: GeneratedRegion,
  options: { until?: string; from?: ReadonlyMap<string, number>; concurrency?: number } = {},
): Promise<{ events: number; appended: Map<string, number> }> {
  const zones = new Map(region.ledger.map((o) => [o.organisationId, o.timeZone]));
  const appended = new Map<string, number>();
  let total = 0;
  await inFlight(region.streams.length, options.concurrency ?? 1, async (s) => {
    const stream = region.streams[s] as GeneratedRegion['streams'][number];
    const start = options.from?.get(stream.streamId) ?? 0;
    const limit =
      options.until === undefined
        ? Number.POSITIVE_INFINITY
        : Date.parse(endOfLocalDay(options.until, zones.get(stream.organisationId) ?? 'UTC'));
    const events = stream.events.slice(start).filter((e) => e.at < limit);
    // Streams run forward in time, so the events before the cut are a prefix.
    let version = start;
    let previousHash: string | null | undefined;
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events
        .slice(i, i + CHUNK)
        .map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));
      const result = await store.append(
        stream.streamId,
        version,
        chunk,
        previousHash === undefined ? {} : { previousHash },
      );
      version = result.nextExpectedVersion;
      previousHash = result.lastHash;
      // A chunk stored before (a second run) is recognised by its ids and adds nothing.
      if (!result.duplicate) total += chunk.length;
    }
    appended.set(stream.streamId, version);
  });
  return { events: total, appended };
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * The organisation number the registry holds for an organisation, if any: a region generated again with the
 * same seed (the same organisation ids) takes its first number from here, so it is the same region.
 */
export async function registeredOrganisationCode(query: Query, organisationId: string): Promise<number | undefined> {
  const [row] = (await query('SELECT organisation_code FROM route_registry_organisations WHERE organisation_id = $1', [
    organisationId,
  ])) as { organisation_code: number }[];
  return row === undefined ? undefined : Number(row.organisation_code);
}

/** The next organisation number free in a region of the route registry: pass it as `firstOrganisationCode`. */
export async function nextOrganisationCode(query: Query, regionCode: number): Promise<number> {
  const [row] = (await query(
    'SELECT COALESCE(MAX(organisation_code), 0) + 1 AS next FROM route_registry_organisations WHERE region_code = $1',
    [regionCode],
  )) as { next: number }[];
  return Number(row?.next ?? 1);
}

/**
 * Enters the generated organisations and their last route numbers in the route registry, so a route
 * created later through the API gets the next code instead of one the generated history already holds.
 */
export async function registerRouteCodes(query: Query, region: GeneratedRegion): Promise<void> {
  for (const entry of region.routeRegistry) {
    await query(
      `INSERT INTO route_registry_organisations (organisation_id, region_code, organisation_code) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [entry.organisationId, entry.regionCode, entry.organisationCode],
    );
    for (const [year, last] of Object.entries(entry.lastSequenceByYear)) {
      await query(
        `INSERT INTO route_code_sequences (organisation_id, year, last_sequence) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, year) DO UPDATE SET last_sequence = GREATEST(route_code_sequences.last_sequence, excluded.last_sequence)`,
        [entry.organisationId, Number(year), last],
      );
    }
  }
}
