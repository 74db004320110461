import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';

/**
 * A read model fed from the store. `apply` and the checkpoint commit in one transaction, so a crash
 * between them replays the batch on a read model that never saw it.
 */
export interface Projection {
  readonly name: string;
  /** Event types this read model cares about; other events only move its checkpoint. */
  readonly eventTypes: ReadonlySet<string>;
  apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(tx: SqlExecutor): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
