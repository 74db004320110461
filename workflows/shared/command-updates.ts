import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { DomainCommand } from '../../libs/domain/src';
import type { Envelope } from './envelope';

export interface CommandUpdateOptions<C extends DomainCommand, V> {
  /** Refuses a command before the update is accepted, so a refusal never reaches the history. */
  check(command: C): void;
  /** Decides and stores the command and answers with the aggregate's view. */
  run(command: C): Promise<V>;
}

/**
 * Registers a workflow's updates that each stand for one command. `command` builds it from what the
 * caller sent, and both the validator and the handler use that one builder: they cannot name different
 * commands; `plain` is the common case, where the request's data is the command's data. An update whose
 * command needs data only the handler can fetch (a deadline, counts) uses `enriched`: its validator checks
 * what the request carries, with no value made up for the rest.
 */
export function commandUpdates<C extends DomainCommand, V>({ check, run }: CommandUpdateOptions<C, V>) {
  function command<R extends Envelope<unknown>>(update: UpdateDefinition<V, [R]>, build: (request: R) => C): void;
  function command<R extends Envelope<unknown>, A>(
    update: UpdateDefinition<A, [R]>,
    build: (request: R) => C,
    answer: (request: R) => A | Promise<A>,
  ): void;
  function command<R extends Envelope<unknown>, A>(
    update: UpdateDefinition<A | V, [R]>,
    build: (request: R) => C,
    answer?: (request: R) => A | Promise<A>,
  ): void {
    const handler =
      answer === undefined
        ? (request: R) => run(build(request))
        : async (request: R) => {
            await run(build(request));
            return answer(request);
          };
    setHandler(update, handler, { validator: (request: R) => check(build(request)) });
  }

  /** An update whose request carries the command's data as it is: only the command's type is named. */
  function plain<T extends C['type'], R extends Envelope<Extract<C, { type: T }>['data']>>(
    update: UpdateDefinition<V, [R]>,
    type: T,
  ): void {
    // R's constraint is the type check (its data is a `type` command's data), which TypeScript cannot
    // carry over to the object built here.
    command(update, ({ data, metadata }) => ({ type, data, metadata }) as unknown as C);
  }

  function enriched<R extends Envelope<unknown>, A>(
    update: UpdateDefinition<A, [R]>,
    validate: ((request: R) => void) | undefined,
    handle: (request: R) => Promise<A>,
  ): void {
    setHandler(update, handle, validate === undefined ? {} : { validator: validate });
  }

  return { command, plain, enriched };
}
