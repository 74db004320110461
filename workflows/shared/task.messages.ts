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

/**
 * Every workflow whose tasks may be moved by hand answers this update under the same name (issue 27):
 * POST /tasks/:id/reassign reaches the owner whatever its type. The reason is free text, like a
 * completion's result: it travels in the encrypted payload and is stored in the event.
 */
export const reassignTaskUpdate = defineUpdate<
  { taskId: string; status: string },
  [Envelope<{ taskId: string; toPersonId: string; reason: string }>]
>('reassignTask');
