import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TemporalSettings } from '@mentorflow/temporal';

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
      const response = await this.client.workflowService.describeTaskQueue({
        namespace: this.settings.namespace,
        taskQueue: { name: this.settings.taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      const pollers = response.pollers?.length ?? 0;
      return pollers > 0 ? check.up({ pollers }) : check.down({ pollers, message: 'no worker polls the task queue' });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
