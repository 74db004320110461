import { describe, expect, it } from '@jest/globals';
import { throttledMessage } from './throttler.guard';

describe('throttledMessage (the 429 detail a person reads)', () => {
  it('speaks of sign-in attempts on the sign-in routes, with the wait in whole seconds', () => {
    expect(throttledMessage('/auth/dev-token', 41.2)).toBe('Слишком много попыток входа, повторите через 42 с');
  });

  it('speaks of requests elsewhere, and never of a wait under one second', () => {
    expect(throttledMessage('/organisations', 0)).toBe('Слишком много запросов, повторите через 1 с');
  });
});
