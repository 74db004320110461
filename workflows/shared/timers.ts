import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';

/**
 * The timers a workflow owns, in a cancellation scope of their own: `cancel()` ends every wait (the run
 * is handing over; the next one restarts its timers from state), while work a timer has begun — an
 * activity, an append — runs to its end inside `finishing`, and `idle()` says when none is left.
 */
export class Timers {
  private readonly scope = new CancellationScope();
  private inFlight = 0;

  /** Starts a timer-driven routine in the scope: cancellation ends it quietly, any other error surfaces. */
  start(routine: () => Promise<void>): void {
    void this.scope.run(routine).catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
  }

  /** Work that must not be abandoned half-way once begun, even when the timers are cancelled. */
  finishing<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    return CancellationScope.nonCancellable(work).finally(() => (this.inFlight -= 1));
  }

  cancel(): void {
    this.scope.cancel();
  }

  idle(): boolean {
    return this.inFlight === 0;
  }
}

/**
 * A wait on the workflow clock (deterministic, replayed from history) until the instant `at`. With
 * `woken`, the wait ends as soon as it holds and resolves true (the timer is cancelled). Undefined when
 * `at` has passed: no timer is started and the caller goes on in the same step.
 */
export function timerUntil(at: number): Promise<void> | undefined;
export function timerUntil(at: number, woken: () => boolean): Promise<boolean> | undefined;
export function timerUntil(at: number, woken?: () => boolean): Promise<void | boolean> | undefined {
  const wait = at - Date.now();
  if (wait <= 0) return undefined;
  return woken === undefined ? sleep(wait) : condition(woken, wait);
}
