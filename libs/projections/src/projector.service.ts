import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { PROJECTIONS, type Projection } from './projection';
import { Projector } from './projector';

/** Runs the projector loop in the process that enables it (the worker by default). */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly projector: Projector;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    dataSource: DataSource,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    private readonly config: ConfigService,
  ) {
    this.projector = new Projector(dataSource);
  }

  onApplicationBootstrap(): void {
    const { enabled, pollMs } = this.config.getOrThrow<AppConfig['projector']>('app.projector');
    if (!enabled) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.catchUpAll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, pollMs);
      });
    };
    tick();
  }

  async catchUpAll(): Promise<void> {
    for (const projection of this.projections) {
      try {
        await this.projector.catchUp(projection);
      } catch (error) {
        // The next tick retries from the checkpoint; a database outage must not kill the loop.
        this.logger.warn(`Projection ${projection.name} failed: ${(error as Error).message}`);
      }
    }
  }

  rebuild(name: string): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    return this.projector.rebuild(projection);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
