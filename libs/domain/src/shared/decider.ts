/** An event as the domain knows it: a discriminated union member with its payload. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * When and by whom a person did what an event records: `Acted<'agreed'>` is `{ agreedAt; agreedBy }`, an
 * ISO-8601 instant and the acting person's id.
 */
export type Acted<Verb extends string> = { readonly [Field in `${Verb}At` | `${Verb}By`]: string };

/** Who asked and when: time comes from the command, never from a clock inside the domain. */
export interface CommandMetadata {
  readonly actorId: string;
  /** `system`: the workflows' own timers, which act for no person. */
  readonly role: Role | 'system';
  /** ISO-8601 instant the command was accepted. */
  readonly now: string;
  /**
   * The date of `now` in the organisation's time zone, stamped by the aggregate's workflow (which knows
   * the zone) before it decides; never stored. Absent, rules fall back to `todayOf`'s bound.
   */
  readonly today?: string;
  readonly reason?: string;
}

export interface DomainCommand<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export const roles = [
  'director',
  'curator',
  'commissionHead',
  'mentor',
  'mentee',
  /** The teacher of an individual educational route (ИОМ): acts on the routes that name her as their teacher. */
  'teacher',
  'methodologist',
  'tutor',
  'psychologist',
  'administrator',
  'regionalCoordinator',
] as const;
export type Role = (typeof roles)[number];

export interface Decider<State, Command extends DomainCommand, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A decider from its three functions, the types inferred from them. */
export const decider = <State, Command extends DomainCommand, Event extends DomainEvent>(
  decide: (command: Command, state: State) => Event[],
  evolve: (state: State, event: Event) => State,
  initialState: () => State,
): Decider<State, Command, Event> => ({ decide, evolve, initialState });

/** Exhaustiveness guard for `switch` over discriminated unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};

/**
 * Each command type's decision: a table the compiler checks names every command of the union once, each
 * decision taking that command.
 */
export type Decisions<Command extends DomainCommand, State, Event> = {
  readonly [Type in Command['type']]: (command: Extract<Command, { readonly type: Type }>, state: State) => Event[];
};

/** A decider's `decide` from its table of decisions. */
export const decideBy =
  <Command extends DomainCommand, State, Event>(decisions: Decisions<Command, State, Event>) =>
  (command: Command, state: State): Event[] => {
    // Indexed by the command's own type, the decision takes this very command.
    const decision = decisions[command.type as Command['type']] as
      ((command: Command, state: State) => Event[]) | undefined;
    return decision === undefined ? assertNever(command as never) : decision(command, state);
  };
