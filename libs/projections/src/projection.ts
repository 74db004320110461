import type { TaskEvent } from '@mentorflow/domain';
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
  /**
   * Applies one parked event again, after the read model moved past it (issue 23); without it, `apply`.
   * A fold keyed by stream version re-folds the event's whole stream instead.
   */
  retry?(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(tx: SqlExecutor): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * A projection's event types, spelled against an event union so the compiler checks them. `every` names
 * each type of the union (true: handled; false: deliberately not, say why), so a new event type does not
 * compile until its projection decides; for projections that fold the aggregate's own `evolve`. `some`
 * takes a subset, where a misspelt type does not compile.
 */
export const eventTypesOf = <E extends { readonly type: string }>() => ({
  every: (types: Record<E['type'], boolean>): ReadonlySet<string> =>
    new Set(Object.entries(types).flatMap(([type, handled]) => (handled ? [type] : []))),
  some: (...types: readonly E['type'][]): ReadonlySet<string> => new Set(types),
});

/** Every task event, for the aggregates whose streams hold their tasks' lives (`every`). */
export const everyTaskEvent = {
  TaskRaised: true,
  TaskDeadlineSet: true,
  TaskReminded: true,
  TaskOverdue: true,
  TaskEscalated: true,
  TaskCompleted: true,
  TaskCancelled: true,
  TaskReassigned: true,
} as const satisfies Record<TaskEvent['type'], true>;
