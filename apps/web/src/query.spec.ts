import { describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { pollUntil, readRetryDelay, shouldRetryRead } from './query';

/** A clock the poll's sleeps move on, so no test waits for real. */
function fakeClock() {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe('shouldRetryRead', () => {
  it('retries a read that got no answer or a 5xx, three times at most', () => {
    expect(shouldRetryRead(0, new ApiError({ status: 0 }))).toBe(true);
    expect(shouldRetryRead(1, new ApiError({ status: 503 }))).toBe(true);
    expect(shouldRetryRead(2, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetryRead(3, new ApiError({ status: 503 }))).toBe(false);
  });

  it('never retries an answer about the request itself (4xx)', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429])
      expect(shouldRetryRead(0, new ApiError({ status }))).toBe(false);
  });

  it('waits 1 s, 2 s, then 4 s between attempts', () => {
    expect([0, 1, 2, 3].map(readRetryDelay)).toEqual([1000, 2000, 4000, 4000]);
  });
});

describe('pollUntil (waiting for a read model to catch up with a command)', () => {
  it('given a read model one version behind, when it catches up on the third read, then that answer is given', async () => {
    const clock = fakeClock();
    const versions = [3, 3, 4];
    const answer = await pollUntil(
      async () => ({ version: versions.shift() ?? 4 }),
      (r) => r.version >= 4,
      clock,
    );
    expect(answer).toEqual({ version: 4 });
    expect(clock.slept).toEqual([150, 250]);
  });

  it('given a new stream not projected yet (404), when it appears, then the failed reads only count as not yet', async () => {
    const clock = fakeClock();
    let reads = 0;
    const answer = await pollUntil(
      async () => {
        reads += 1;
        if (reads < 3) throw new ApiError({ status: 404 });
        return 'route';
      },
      () => true,
      clock,
    );
    expect(answer).toBe('route');
  });

  it('given a read model that never catches up, when the time is over, then the last answer is given', async () => {
    const clock = fakeClock();
    const answer = await pollUntil(
      async () => ({ version: 3 }),
      (r) => r.version >= 4,
      { ...clock, timeoutMs: 3000 },
    );
    expect(answer).toEqual({ version: 3 });
    expect(clock.now()).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...clock.slept)).toBe(1000);
  });

  it('given reads that keep failing, when the time is over, then the last error is thrown', async () => {
    const clock = fakeClock();
    await expect(
      pollUntil(
        async () => {
          throw new ApiError({ status: 404, detail: 'Не найдено' });
        },
        () => true,
        { ...clock, timeoutMs: 1000 },
      ),
    ).rejects.toThrow('Не найдено');
  });

  it('works with a query client as the reader: the cache holds the answer under its key', async () => {
    const client = new QueryClient();
    const answer = await pollUntil(
      () => client.fetchQuery({ queryKey: ['get', '/x'], queryFn: async () => 7, staleTime: 0 }),
      (n) => n === 7,
      fakeClock(),
    );
    expect(answer).toBe(7);
    expect(client.getQueryData(['get', '/x'])).toBe(7);
    client.clear();
  });
});
