import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
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
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1500 }), () => this.temporal.isHealthy('temporal')]);
  }
}
