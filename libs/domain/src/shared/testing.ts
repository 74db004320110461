import type { Decider, DomainCommand, DomainEvent } from './decider';

/**
 * given(events).when(command).then(events) / .thenRefuses(code) — Emmett's decider specification,
 * small enough to keep here rather than pull in a dependency for tests.
 */
export const deciderSpec = <S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>) => ({
  given: (events: E[]) => ({
    when: (command: C) => {
      const state = events.reduce(decider.evolve, decider.initialState());
      const run = () => decider.decide(command, state);
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenEventTypes: (types: string[]) => expect(run().map((e) => e.type)).toEqual(types),
        thenRefuses: (code: string, unmetCodes?: string[]) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toMatchObject({ name: 'DomainRefusal', code });
          if (unmetCodes) {
            expect((caught as { unmet: { code: string }[] }).unmet.map((u) => u.code)).toEqual(unmetCodes);
          }
        },
      };
    },
  }),
});
