import { defineUpdate } from '@temporalio/workflow';
import type { Envelope } from './envelope';

/**
 * Every workflow that owns tasks answers this update under the same name, so POST /tasks/:id/complete
 * reaches the owner whatever its type.
 */
export const completeTaskUpdate = defineUpdate<
  { taskId: string; status: string },
  [Envelope<{ taskId: string; result: string }>]
>('completeTask');
