import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EventStore } from '@mentorflow/event-store';
import { calendarHorizon, loadProductionCalendar, openParkedCounts } from '@mentorflow/projections';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Controller('health')
@Public()
// Probes come often and from one address (the orchestrator's): a flood elsewhere must not fail them.
@SkipThrottle({ anonymous: true, read: true, write: true })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The process is up; orchestrators restart it when this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Database reachable, Temporal reachable, a worker polling: only then route traffic here. Parked events
   * (issue 23) make it `degraded`, still 200: some read model lacks events, and an administrator retries them.
   */
  @Get()
  @HealthCheck()
  async ready() {
    let parked: Record<string, number> = {};
    const result = await this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.temporal.isHealthy('temporal'),
      // Always up: a calendar running out is a warning for the administrators, not a reason to stop traffic.
      async () => {
        const { loadedThrough, warning } = calendarHorizon(await loadProductionCalendar(this.store), new Date());
        return { calendar: { status: 'up' as const, loadedThrough, ...(warning === undefined ? {} : { warning }) } };
      },
      // Up either way, with the count of unresolved parked events per read model (the database check
      // above reports an outage: an error thrown here would turn the 503 into a 500).
      async () => {
        parked = await openParkedCounts(this.db).catch(() => ({}));
        return { projections: { status: 'up' as const, parked } };
      },
    ]);
    return Object.keys(parked).length > 0 ? { ...result, status: 'degraded' as const } : result;
  }
}
