import { errorText, nextFailure, PARKED_ERROR_MAX_LENGTH } from './parked-events';

describe('counting the failures of one event (issue 23)', () => {
  it('given no failure yet, when the event fails, then it counts one and is retried', () => {
    expect(nextFailure(0, 5)).toEqual({ failures: 1, park: false });
  });

  it('given four failures in a row, when it fails a fifth time, then it is parked', () => {
    expect(nextFailure(3, 5)).toEqual({ failures: 4, park: false });
    expect(nextFailure(4, 5)).toEqual({ failures: 5, park: true });
  });

  it('given PROJECTION_MAX_FAILURES=1, when the event fails once, then it is parked at once', () => {
    expect(nextFailure(0, 1)).toEqual({ failures: 1, park: true });
  });
});

describe('the stored error', () => {
  it('keeps the error class and message, not the stack', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'stage')");
    expect(errorText(error)).toBe("TypeError: Cannot read properties of undefined (reading 'stage')");
  });

  it(`cuts a long message to ${PARKED_ERROR_MAX_LENGTH} characters`, () => {
    const text = errorText(new Error('x'.repeat(5000)));
    expect(text).toHaveLength(PARKED_ERROR_MAX_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });

  it('takes anything thrown, not only errors', () => {
    expect(errorText('broken')).toBe('broken');
  });
});
