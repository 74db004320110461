import type { RecordedEvent } from '@mentorflow/event-store';

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
