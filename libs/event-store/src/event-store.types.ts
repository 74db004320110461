/** What every event carries besides its payload: who, in which organisation, why, and its causal chain. */
export interface EventMetadata {
  actorId?: string;
  role?: string;
  organisationId?: string;
  correlationId?: string;
  causationId?: string;
  reason?: string;
  documentRef?: string;
  [key: string]: unknown;
}

export interface NewEvent {
  /** Chosen by the writer and stable across retries: re-appending the same id is a no-op. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  position: number;
  /** PostgreSQL transaction id (xid8) of the append, as text; part of the read-all cursor. */
  transactionId: string;
  streamId: string;
  streamVersion: number;
  recordedAt: string;
  /** sha256 chained to the previous event of the stream (null for events stored before the chain existed). */
  hash: string | null;
}

export interface AppendResult {
  /** The stream version after the append: pass it as `expectedVersion` next time. */
  nextExpectedVersion: number;
  positions: number[];
  /** True when every event id was already stored and nothing was written. */
  duplicate: boolean;
  /** Hash of the stream's head after the append: pass it as `previousHash` next time. */
  lastHash: string | null;
}

/**
 * Where a reader of the whole store stands. Ordering by (transaction id, position) instead of position
 * alone is what keeps a reader from passing an event whose transaction commits after a later one.
 */
export interface ReadAllCursor {
  transactionId: string;
  position: number;
}

export const START_OF_STORE: ReadAllCursor = { transactionId: '0', position: 0 };
