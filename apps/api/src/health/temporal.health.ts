import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TemporalSettings } from '@mentorflow/temporal';

const HEALTH_DEADLINE_MS = 1500;

/** Ready means Temporal answers and at least one worker polls our task queue. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly client: Client,
    private readonly settings: TemporalSettings,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const check = this.indicator.check(key);
    try {
      // A deadline: with the server gone the call would wait for a connection, and a probe that never
      // answers is worse than a 503 (measured by the Temporal restart test).
      const response = await this.client.connection.withDeadline(Date.now() + HEALTH_DEADLINE_MS, () =>
        this.client.workflowService.describeTaskQueue({
          namespace: this.settings.namespace,
          taskQueue: { name: this.settings.taskQueue },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const pollers = response.pollers?.length ?? 0;
      return pollers > 0 ? check.up({ pollers }) : check.down({ pollers, message: 'no worker polls the task queue' });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
