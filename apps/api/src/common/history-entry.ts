import type { EventStore, RecordedEvent } from '@mentorflow/event-store';

/** One event of an aggregate's history as the API shows it: who, when, what, why, which document. */
export const historyEntry = (e: RecordedEvent) => ({
  version: e.streamVersion,
  position: e.position,
  type: e.type,
  recordedAt: e.recordedAt,
  actorId: e.metadata.actorId,
  role: e.metadata.role,
  reason: e.metadata.reason,
  documentRef: e.metadata.documentRef,
  data: e.data,
});

/**
 * A page of a stream's history with each actor named (one query for the names): the history endpoints of the
 * aggregates the API decides or reads from their streams (practices, associations).
 */
export async function namedHistory(
  store: EventStore,
  people: { names(ids: readonly string[]): Promise<Map<string, { fullName: string }>> },
  streamId: string,
  page: { limit: number; offset: number },
) {
  const events = (await store.readStream(streamId, page.offset + 1)).slice(0, page.limit);
  const names = await people.names(events.map((e) => String(e.metadata.actorId)));
  return events.map((e) => {
    const entry = historyEntry(e);
    return { ...entry, actorName: names.get(String(entry.actorId))?.fullName ?? null };
  });
}
