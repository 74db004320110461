import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EventStore } from '@mentorflow/event-store';
import { calendarHorizon, loadProductionCalendar } from '@mentorflow/projections';
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
  ) {}

  /** The process is up; orchestrators restart it when this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Database reachable, Temporal reachable, a worker polling: only then route traffic here. */
  @Get()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.temporal.isHealthy('temporal'),
      // Always up: a calendar running out is a warning for the administrators, not a reason to stop traffic.
      async () => {
        const { loadedThrough, warning } = calendarHorizon(await loadProductionCalendar(this.store), new Date());
        return { calendar: { status: 'up' as const, loadedThrough, ...(warning === undefined ? {} : { warning }) } };
      },
    ]);
  }
}
