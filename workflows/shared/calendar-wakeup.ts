import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import { isPendingDeadline, type PendingDeadline } from '../activities';

/**
 * Sent to every workflow with a deadline waiting for a production-calendar year, once that year is
 * loaded (the worker's wake-up dispatcher finds them in the pending-deadlines read model). Fire and
 * forget: a duplicate or a year this workflow does not wait for only makes it compute once more.
 */
export const calendarYearLoadedSignal = defineSignal<[{ year: number }]>('calendarYearLoaded');

/**
 * Installs the signal handler and returns `settle`: it computes a deadline until the calendar can give
 * it, waiting between tries for a year to be loaded — no polling, no timer. The count is taken before
 * each try, so a year loaded while the activity runs is never missed. Returns undefined once the
 * deadline is no longer wanted (the task was done or cancelled meanwhile).
 */
export function calendarWakeups() {
  let yearsLoaded = 0;
  setHandler(calendarYearLoadedSignal, () => {
    yearsLoaded += 1;
  });
  return async function settle<T extends object>(
    compute: () => Promise<T | PendingDeadline>,
    wanted: () => boolean,
  ): Promise<T | undefined> {
    for (;;) {
      if (!wanted()) return undefined;
      const seen = yearsLoaded;
      const result = await compute();
      if (!isPendingDeadline(result)) return result;
      await condition(() => yearsLoaded > seen || !wanted());
    }
  };
}
