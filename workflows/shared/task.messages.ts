import { defineUpdate } from '@temporalio/workflow';
import type { CommandMetadata } from '../../libs/domain/src';

/**
 * Every workflow that owns tasks answers this update under the same name, so POST /tasks/:id/complete
 * reaches the owner whatever its type.
 */
export const completeTaskUpdate = defineUpdate<{ taskId: string; status: string }, [{ data: { taskId: string; result: string }; metadata: CommandMetadata }]>(
  'completeTask',
);
