/**
 * The one polling loop of the test code: read models, workflows' reactions to signals and spawned
 * servers all become true a little later than the command that caused them.
 */
export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads until `check` passes or time runs out and returns the last value read, passing or not:
 * the caller's own assertion on it then says what was wrong, which a bare timeout would not.
 */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 25 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await sleep(intervalMs);
  }
}

/** Waits until `check` holds; throws `timeoutMessage()` (evaluated then, so it can quote fresh output) if it never does. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  {
    timeoutMs = 20_000,
    intervalMs = 50,
    timeoutMessage = () => `condition not reached within ${timeoutMs} ms`,
  }: PollOptions & { timeoutMessage?: () => string } = {},
): Promise<void> {
  if (!(await eventually(check, (ok) => ok, { timeoutMs, intervalMs }))) throw new Error(timeoutMessage());
}
