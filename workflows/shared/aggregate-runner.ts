import { ActivityFailure, ApplicationFailure, proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  isDomainRefusal,
  type CommandMetadata,
  type Decider,
  type DomainCommand,
  type DomainEvent,
} from '../../libs/domain/src';
import { localDateOf } from '../../libs/calendar/src/time-zone';
import type { EventStoreActivities } from '../activities';

const { appendEvents } = proxyActivities<EventStoreActivities>({
  startToCloseTimeout: '30 seconds',
  // An outage of PostgreSQL must delay a command, not lose it: retry until the store answers. An event
  // the store can never hold (EventRejected: a NUL in jsonb, a constraint) fails the activity non-retryably.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Turns a domain refusal into the failure an update's caller receives (the API maps it to 409/422). */
export function toFailure(error: unknown): unknown {
  if (!isDomainRefusal(error)) return error;
  return ApplicationFailure.create({
    type: 'DomainRefusal',
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, unmet: error.unmet }],
  });
}

/**
 * The store refused the command's events for good (the activity's EventRejected failure, a Russian
 * message with the SQLSTATE and no data): the command is refused with it, as a domain refusal would be.
 */
export function eventRejection(error: unknown): ApplicationFailure | undefined {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === 'EventRejected' ? failure : undefined;
}

/** Events about a document carry its id in metadata too, so the audit trail names the document. */
const documentRef = (data: object): { documentRef?: string } => {
  const id = (data as { documentId?: unknown }).documentId;
  return typeof id === 'string' ? { documentRef: id } : {};
};

/** Where an aggregate's events go, and the zone its organisation's days are counted in. */
export interface AggregatePlace {
  readonly streamId: string;
  readonly organisationId: string;
  readonly timeZone: string;
}

export interface AggregateSnapshot<S> {
  state: S;
  version: number;
  /** Hash of the stream's head, so the next append need not read it. */
  lastHash?: string | null;
}

/**
 * Holds one aggregate's state inside its workflow: commands run one at a time through `decide`, the
 * resulting events are appended with the stream version the workflow holds (it is the only writer),
 * then folded in. Event ids come from the workflow's deterministic uuid4, so a retried append of the
 * same command is recognised by the store and adds nothing.
 */
export class AggregateRunner<S, C extends DomainCommand, E extends DomainEvent> {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly decider: Decider<S, C, E>,
    private readonly place: AggregatePlace,
    private snapshot: AggregateSnapshot<S>,
  ) {}

  /** A run's aggregate: the snapshot the previous run carried over (continue-as-new), else the decider's initial state. */
  static resume<S, C extends DomainCommand, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    place: AggregatePlace,
    snapshot: AggregateSnapshot<S> | undefined,
  ): AggregateRunner<S, C, E> {
    return new AggregateRunner(decider, place, snapshot ?? { state: decider.initialState(), version: 0 });
  }

  /** The command as the decider sees it: with today's date in the organisation's zone (never stored). */
  private dated(command: C): C {
    return { ...command, metadata: this.datedMetadata(command.metadata) };
  }

  private datedMetadata(metadata: CommandMetadata): CommandMetadata {
    return { ...metadata, today: localDateOf(metadata.now, this.place.timeZone) };
  }

  get state(): S {
    return this.snapshot.state;
  }

  get version(): number {
    return this.snapshot.version;
  }

  /** Resolves once every queued command (including timer-driven ones) has been decided and stored. */
  async idle(): Promise<void> {
    for (let tail = this.tail; ; tail = this.tail) {
      await tail;
      if (tail === this.tail) return;
    }
  }

  toSnapshot(): AggregateSnapshot<S> {
    return { ...this.snapshot };
  }

  /**
   * Throws the refusal as an update-rejecting failure without touching state (for validators).
   * `deferred` codes are left for the handler, which decides with data the validator cannot fetch.
   */
  check(command: C, deferred: readonly string[] = []): void {
    try {
      this.decider.decide(this.dated(command), this.snapshot.state);
    } catch (error) {
      if (isDomainRefusal(error) && deferred.includes(error.code)) return;
      throw toFailure(error);
    }
  }

  /**
   * Runs a pure validation of an update whose command the validator cannot build in full (its handler
   * adds a deadline or counts from an activity), on the current state, refusing like `check`.
   */
  validate(metadata: CommandMetadata, rule: (state: S, metadata: CommandMetadata) => unknown): void {
    try {
      rule(this.snapshot.state, this.datedMetadata(metadata));
    } catch (error) {
      throw toFailure(error);
    }
  }

  /** Runs `build` then the command exclusively, so a command is decided on the state its predecessor left. */
  execute(build: () => Promise<C> | C): Promise<S> {
    const run = this.tail.then(async () => {
      const command = await build();
      let events: E[];
      try {
        events = this.decider.decide(this.dated(command), this.snapshot.state);
      } catch (error) {
        throw toFailure(error);
      }
      await this.persist(events, command.metadata);
      return this.snapshot.state;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async persist(events: E[], metadata: CommandMetadata): Promise<void> {
    if (events.length === 0) return;
    const result = await appendEvents({
      streamId: this.place.streamId,
      expectedVersion: this.snapshot.version,
      previousHash: this.snapshot.lastHash,
      events: events.map((event) => ({
        eventId: uuid4(),
        type: event.type,
        data: { ...event.data },
        metadata: {
          actorId: metadata.actorId,
          role: metadata.role,
          organisationId: this.place.organisationId,
          correlationId: workflowInfo().workflowId,
          ...(metadata.reason ? { reason: metadata.reason } : {}),
          ...documentRef(event.data),
        },
      })),
    }).catch((error: unknown) => {
      // Nothing was stored and the state is left as it was: the next command is decided as if this one never came.
      throw eventRejection(error) ?? error;
    });
    this.snapshot = {
      state: events.reduce(this.decider.evolve, this.snapshot.state),
      version: result.nextExpectedVersion,
      lastHash: result.lastHash,
    };
  }
}
