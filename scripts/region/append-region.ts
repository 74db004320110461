import { endOfLocalDay } from '@mentorflow/calendar';
import type { EventStore } from '@mentorflow/event-store';
import type { GeneratedRegion } from './generate-region';

const CHUNK = 200;

/**
 * Appends the generated streams through the event store (hash chain, optimistic versions), each from
 * version `from` of its own events. `until` cuts every stream at the end of a local day of its
 * organisation, so a region can be loaded in two halves around a date.
 */
export async function appendRegion(
  store: EventStore,
  region: GeneratedRegion,
  options: { until?: string; from?: ReadonlyMap<string, number> } = {},
): Promise<{ events: number; appended: Map<string, number> }> {
  const zones = new Map(region.ledger.map((o) => [o.organisationId, o.timeZone]));
  const appended = new Map<string, number>();
  let total = 0;
  for (const stream of region.streams) {
    const start = options.from?.get(stream.streamId) ?? 0;
    const limit = options.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(endOfLocalDay(options.until, zones.get(stream.organisationId) ?? 'UTC'));
    const events = stream.events.slice(start).filter((e) => e.at < limit);
    // Streams run forward in time, so the events before the cut are a prefix.
    let version = start;
    let previousHash: string | null | undefined;
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK).map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));
      const result = await store.append(stream.streamId, version, chunk, previousHash === undefined ? {} : { previousHash });
      version = result.nextExpectedVersion;
      previousHash = result.lastHash;
    }
    appended.set(stream.streamId, version);
    total += events.length;
  }
  return { events: total, appended };
}
