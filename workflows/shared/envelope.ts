import type { CommandMetadata } from '../../libs/domain/src';

/** Every command carries who asked and when, stamped by the API after authorising the caller. */
export interface Envelope<T> {
  data: T;
  metadata: CommandMetadata;
}

/** The actor of what a workflow does on its own (timers, deadlines set once a calendar year is loaded). */
export const SYSTEM_ACTOR_ID = 'system';

/**
 * A workflow's own commands act as the system, so the audit never shows a person for them. Events
 * stored before this carry `role: 'administrator'` with the same actor id and stay as they are.
 */
export const systemMetadata = (now: number | string): CommandMetadata => ({
  actorId: SYSTEM_ACTOR_ID,
  role: 'system',
  now: typeof now === 'number' ? new Date(now).toISOString() : now,
});
