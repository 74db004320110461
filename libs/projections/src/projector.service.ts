import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { PROJECTIONS, type Projection } from './projection';
import { PollingLoop } from './polling-loop';
import { projectionByName } from './projection-by-name';
import { Projector } from './projector';
import { ProjectionEventFailedError } from './parking/parked-events';

/** The pause after an event's first failure, doubled after each next one (1, 2, 4, 8 s: parked after ~15 s at 5). */
const FAILED_EVENT_PAUSE_MS = 1000;

/** Runs the projector loop in the process that enables it (the worker by default). */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly projector: Projector;
  private loop?: PollingLoop<number>;
  /** Projections that failed and are caught up alone until they succeed. */
  private readonly isolated = new Set<string>();
  /** A projection stopped at a failing event waits until then (ms since epoch) before its next attempt. */
  private readonly retryAfter = new Map<string, number>();

  constructor(
    dataSource: DataSource,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    private readonly config: ConfigService,
  ) {
    const { batchSize, maxFailures } = config.getOrThrow<AppConfig['projector']>('app.projector');
    this.projector = new Projector(dataSource, batchSize, maxFailures);
  }

  onApplicationBootstrap(): void {
    const { enabled, pollMs } = this.config.getOrThrow<AppConfig['projector']>('app.projector');
    if (!enabled) return;
    // While events keep coming, look again at once: the interval is for an idle store (benchmark 5).
    this.loop = new PollingLoop(
      () => this.catchUpAll(),
      (read = 0) => (read > 0 ? 0 : pollMs),
    );
    this.loop.start();
  }

  /**
   * One shared read and transaction per batch for every healthy projection; a projection that failed is
   * caught up on its own until it succeeds again, so one bad read model never stalls the others.
   */
  async catchUpAll(): Promise<number> {
    const together = this.projections.filter((p) => !this.isolated.has(p.name));
    let read = 0;
    try {
      if (together.length > 0) read += await this.projector.catchUpTogether(together);
    } catch (error) {
      // Which one failed is not known: each goes alone this tick, and the failing ones stay alone.
      for (const projection of together) this.isolated.add(projection.name);
      this.logger.warn(`Projections failed together, isolating: ${(error as Error).message}`);
    }
    for (const projection of this.projections.filter((p) => this.isolated.has(p.name))) {
      if ((this.retryAfter.get(projection.name) ?? 0) > Date.now()) continue;
      try {
        read += await this.projector.catchUp(projection);
        this.isolated.delete(projection.name);
        this.retryAfter.delete(projection.name);
      } catch (error) {
        // The next tick retries from the checkpoint; a database outage must not kill the loop.
        this.logger.warn(`Projection ${projection.name} failed: ${(error as Error).message}`);
        // A failing event is tried again after a pause, so a transient cause has time to pass before it is parked.
        if (error instanceof ProjectionEventFailedError)
          this.retryAfter.set(
            projection.name,
            Date.now() + Math.min(FAILED_EVENT_PAUSE_MS * 2 ** (error.failures - 1), 60_000),
          );
      }
    }
    return read;
  }

  rebuild(name: string): Promise<number> {
    return this.projector.rebuild(projectionByName(name, this.projections));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
