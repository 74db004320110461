import type { CommandMetadata } from '@mentorflow/domain';
import { handleCommand, type EventStore, type StreamDecider } from '@mentorflow/event-store';

/** A command without its metadata, each of a union's commands on its own (`type` and `data` stay a pair). */
export type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/**
 * The write path of the aggregates no workflow drives (organisations, participants, practices, incentives):
 * `command` stamped with its metadata (commandMetadata: who acts, in which role, now), decided on its stream
 * and appended naming the actor and the organisation the audit files the events under (none for a catalogue
 * that is no organisation's, like the incentive kinds). Answers the state after.
 */
export async function decideOnStream<
  S,
  C extends { metadata: CommandMetadata },
  E extends { type: string; data: object },
>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<S, C, E>,
  command: WithoutMetadata<C>,
  { metadata, organisationId }: { metadata: CommandMetadata; organisationId?: string },
): Promise<S> {
  const { state } = await handleCommand(store, streamId, decider, { ...command, metadata } as unknown as C, {
    actorId: metadata.actorId,
    role: metadata.role,
    ...(organisationId ? { organisationId } : {}),
  });
  return state;
}
