/**
 * Data fetching (TanStack Query): one client for the app, the retry policy of every read, and the one way a
 * screen waits for a read model to catch up with a command it sent.
 */
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, getJson } from './api';

/** Attempts of a read after the first: enough to ride out a restart of the API, not to hide a lasting fault. */
const READ_RETRIES = 3;

/** A read is tried again only when the answer said nothing about the data: no answer at all or a 5xx. */
export const shouldRetryRead = (failures: number, error: unknown): boolean =>
  failures < READ_RETRIES && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500);

/** 1 s, 2 s, 4 s between the attempts of a read. */
export const readRetryDelay = (attempt: number): number => Math.min(1000 * 2 ** attempt, 4000);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetryRead,
      retryDelay: readRetryDelay,
      // Screens re-read after commands (useSubmit invalidates); a tab regaining focus need not.
      refetchOnWindowFocus: false,
    },
  },
});

/** The cache key of a GET of `path` (useLoad's own reads carry their component's key instead). */
export const pathKey = (path: string): QueryKey => ['get', path];

/** The read model lags a command by the projector's interval: waits grow from 150 ms to 1 s between reads. */
const READ_MODEL_DELAYS_MS = [150, 250, 400, 600, 1000];

/** How long a screen waits for the read model by default before it shows what it has. */
export const READ_MODEL_TIMEOUT_MS = 8000;

export interface PollOptions {
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads with `read` until `caughtUp` holds of the answer or `timeoutMs` has passed, and gives the last answer
 * either way (the screen then shows what there is). A failed read (a new stream not projected yet: 404) counts
 * as not caught up; when the time is over and the last read failed, its error is thrown.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  caughtUp: (answer: T) => boolean,
  {
    timeoutMs = READ_MODEL_TIMEOUT_MS,
    now = Date.now,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  }: PollOptions = {},
): Promise<T> {
  const deadline = now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    let outcome: { answer: T } | { error: unknown };
    try {
      outcome = { answer: await read() };
    } catch (error) {
      outcome = { error };
    }
    if ('answer' in outcome && caughtUp(outcome.answer)) return outcome.answer;
    if (now() >= deadline) {
      if ('error' in outcome) throw outcome.error;
      return outcome.answer;
    }
    await sleep(READ_MODEL_DELAYS_MS[Math.min(attempt, READ_MODEL_DELAYS_MS.length - 1)]);
  }
}

/**
 * After a command: reads `path` until its read model shows the change (`caughtUp`), keeps the answer in the cache
 * under the path and marks every query on screen stale, so lists and pages re-read what changed with it.
 */
export async function readUntil<T>(
  path: string,
  caughtUp: (answer: T) => boolean,
  options: PollOptions = {},
  client: QueryClient = queryClient,
): Promise<T> {
  const answer = await pollUntil(
    () => client.fetchQuery({ queryKey: pathKey(path), queryFn: () => getJson<T>(path), staleTime: 0, retry: false }),
    caughtUp,
    options,
  );
  await client.invalidateQueries({ predicate: (query) => query.queryKey[1] !== path });
  return answer;
}

/** After any command: every query on screen reads again (in the background: the data shown stays meanwhile). */
export const commandSent = (client: QueryClient = queryClient): Promise<void> => client.invalidateQueries();
