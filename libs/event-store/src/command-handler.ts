import { randomUUID } from 'node:crypto';
import type { EventStore } from './event-store';
import type { EventMetadata } from './event-store.types';

/** What handleCommand decides with: the aggregate's fold and its decisions. */
export interface StreamDecider<S, C, E extends { type: string; data: object }> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/**
 * Read the stream, fold it, decide, append at the version read: the write path of aggregates that
 * need no workflow (e.g. the organisation registry). A concurrent writer makes the append fail with
 * WrongExpectedVersionError instead of overwriting.
 */
export async function handleCommand<S, C, E extends { type: string; data: object }>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<S, C, E>,
  command: C,
  metadata: EventMetadata,
): Promise<{ state: S; events: E[]; version: number }> {
  const history = await store.readStream(streamId);
  const state = history.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
  const events = decider.decide(command, state);
  const result = await store.append(
    streamId,
    history.length,
    events.map((e) => ({ eventId: randomUUID(), type: e.type, data: { ...e.data }, metadata })),
    { previousHash: history.at(-1)?.hash ?? undefined },
  );
  return { state: events.reduce(decider.evolve, state), events, version: result.nextExpectedVersion };
}

export async function loadAggregate<S, E extends { type: string; data: object }>(
  store: EventStore,
  streamId: string,
  decider: Pick<StreamDecider<S, never, E>, 'evolve' | 'initialState'>,
): Promise<{ state: S; version: number }> {
  const history = await store.readStream(streamId);
  return {
    state: history.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState()),
    version: history.length,
  };
}
