import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import type { DailyDigestInput } from '@mentorflow/workflows/notifications/daily-digest.workflow';

/** The local time the digest goes out (issue 21: 08:00 in the organisation's time zone). */
export const DIGEST_HOUR = 8;

/** One schedule per task queue and zone: deployments (and test runs) sharing a namespace keep their own. */
export const digestScheduleId = (taskQueue: string, timeZone: string): string =>
  `daily-digest:${taskQueue}:${timeZone}`;

/**
 * The schedule of one time zone: every day at 08:00 there (Temporal applies the zone's rules, DST
 * included); the workflow decides whether the day is a working day for each organisation. One schedule per
 * zone, not per organisation: a Temporal calendar spec has one zone and knows no production calendar, and
 * schools of a zone all want the same hour, so a schedule per school would only multiply identical timers.
 */
export function digestScheduleOptions(taskQueue: string, timeZone: string): ScheduleOptions {
  const args: [DailyDigestInput] = [{ timeZone }];
  return {
    scheduleId: digestScheduleId(taskQueue, timeZone),
    spec: { calendars: [{ hour: DIGEST_HOUR, minute: 0, second: 0 }], timezone: timeZone },
    action: {
      type: 'startWorkflow',
      workflowType: 'dailyDigestWorkflow',
      workflowId: `daily-digest:${taskQueue}:${timeZone}`,
      taskQueue,
      args,
    },
    // A run still going when the next day comes is left to finish; a worker down at 08:00 catches up the
    // same morning, not days later (the outbox key keeps a day's digest single anyway).
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
  };
}

/**
 * The worker keeps one Temporal schedule per time zone of the registered organisations: created or
 * brought up to date at start (idempotent: ScheduleAlreadyRunning → update), and looked for again hourly
 * so an organisation in a new zone gets its digest from the next morning. Not a timer in the API.
 */
@Injectable()
export class DigestSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestSchedules.name);
  private readonly ensured = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly config: ConfigService,
    private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.ensureAll()
        .catch((error: unknown) => this.logger.warn(`Digest schedules not ensured: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, 3_600_000);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Every zone of the registered organisations has its schedule; returns the zones handled now. */
  async ensureAll(): Promise<string[]> {
    const zones = await this.db.query<{ timeZone: string }[]>(
      'SELECT DISTINCT time_zone AS "timeZone" FROM organisations_view ORDER BY 1',
    );
    const done: string[] = [];
    for (const { timeZone } of zones) {
      if (this.ensured.has(timeZone)) continue;
      await this.ensure(timeZone);
      this.ensured.add(timeZone);
      done.push(timeZone);
    }
    return done;
  }

  async ensure(timeZone: string): Promise<void> {
    const { taskQueue } = this.config.getOrThrow<AppConfig['temporal']>('app.temporal');
    const options = digestScheduleOptions(taskQueue, timeZone);
    try {
      await this.client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: options.policies,
      }));
    }
  }
}
