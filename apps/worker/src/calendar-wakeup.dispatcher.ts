import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { EventStore } from '@mentorflow/event-store';
import {
  calendarHorizon,
  dispatchCalendarWakeups,
  loadProductionCalendar,
  requestCalendarYear,
} from '@mentorflow/projections';
import { calendarYearLoadedSignal } from '@mentorflow/workflows/shared/calendar-wakeup';

/** Signals one workflow that a calendar year is loaded; a workflow that has ended needs nothing more. */
export const signalCalendarYearLoaded =
  (client: Client) =>
  async (workflowId: string, year: number): Promise<'sent' | 'gone'> => {
    try {
      await client.workflow.getHandle(workflowId).signal(calendarYearLoadedSignal, { year });
      return 'sent';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'gone';
      throw error;
    }
  };

/**
 * Beside the projector: when a calendar year is loaded, the pending-deadlines projection puts a wake-up
 * for each waiting workflow in the outbox; this sends them as signals. One loop for the whole worker,
 * none per workflow; a failed signal stays in the outbox for the next tick.
 */
@Injectable()
export class CalendarWakeupDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarWakeupDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private horizonCheckedAt = 0;

  constructor(
    private readonly db: DataSource,
    private readonly config: ConfigService,
    private readonly client: Client,
    private readonly store: EventStore,
  ) {}

  /**
   * Hourly: from the warning date (CALENDAR_HORIZON_WARN_FROM, 1 October) of the last loaded year, the
   * administrators get their task to load the next one ahead of time — the same single task per year a
   * waiting deadline raises.
   */
  private async checkHorizon(): Promise<void> {
    if (Date.now() - this.horizonCheckedAt < 3_600_000) return;
    this.horizonCheckedAt = Date.now();
    const { missingYear } = calendarHorizon(await loadProductionCalendar(this.store), new Date());
    if (missingYear !== undefined && (await requestCalendarYear(this.store, this.db, missingYear, new Date())) > 0) {
      this.logger.log(`The production calendar of ${missingYear} is due: the administrators have a task to load it`);
    }
  }

  onApplicationBootstrap(): void {
    const { enabled, pollMs } = this.config.getOrThrow<AppConfig['projector']>('app.projector');
    if (!enabled) return;
    const signal = signalCalendarYearLoaded(this.client);
    const tick = () => {
      if (this.stopped) return;
      this.running = dispatchCalendarWakeups(this.db, signal)
        .then((sent) => sent > 0 && this.logger.log(`Calendar year loaded: ${sent} waiting workflow(s) signalled`))
        .then(() => this.checkHorizon())
        .catch((error: unknown) => this.logger.warn(`Calendar wake-ups not sent: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, Math.max(pollMs, 500));
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
