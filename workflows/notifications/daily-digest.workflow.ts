import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DailyDigestRun, NotificationActivities } from '../activities';

const { enqueueDailyDigests } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '1 minute', maximumAttempts: 20 },
});

export interface DailyDigestInput {
  /** The IANA zone whose organisations get their digest at 08:00 local time. */
  timeZone: string;
  /** The local date to send the digest for; absent: the day the run started in `timeZone`. */
  date?: string;
}

/**
 * Started by the Temporal schedule of its time zone every day at 08:00 local time (apps/worker
 * digest-schedules.ts). The activity decides per organisation whether the day is a working day (production
 * calendar with the region's overlay) and enqueues one digest per person, keyed by person and date, so a
 * retried activity or a re-run of the same day adds nothing.
 */
export async function dailyDigestWorkflow(input: DailyDigestInput): Promise<DailyDigestRun> {
  // The run's start time is recorded in history: deterministic on replay, unlike the worker's clock.
  const at = workflowInfo().runStartTime.toISOString();
  return enqueueDailyDigests({ timeZone: input.timeZone, ...(input.date ? { date: input.date } : {}), at });
}
