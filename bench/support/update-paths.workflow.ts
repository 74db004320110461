/**
 * The workflow of bench/update-paths.bench.ts (issue 24 §1): one long-lived run whose updates differ only in
 * what the handler awaits — nothing, a local activity, or a regular activity — each returning a constant, so
 * the figures are Temporal's round trips and nothing of mentorflow's.
 */
import {
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';

export interface UpdatePathActivities {
  constant(): Promise<number>;
}

const regular = proxyActivities<UpdatePathActivities>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<UpdatePathActivities>({ startToCloseTimeout: '10 seconds' });

export const noActivityUpdate = defineUpdate<number>('noActivity');
export const localActivityUpdate = defineUpdate<number>('localActivity');
export const regularActivityUpdate = defineUpdate<number>('regularActivity');
export const stopSignal = defineSignal('stop');

export async function updatePathsWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(noActivityUpdate, () => 1);
  setHandler(localActivityUpdate, () => local.constant());
  setHandler(regularActivityUpdate, () => regular.constant());
  setHandler(stopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
