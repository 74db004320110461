import { Injectable, Module } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition, WithWorkflowArgs, Workflow } from '@temporalio/common';
import type { CommandMetadata, Role } from '@mentorflow/domain';
import { TemporalSettings } from '@mentorflow/temporal';
import type { Envelope } from '@mentorflow/workflows/shared/envelope';
import type { AuthenticatedUser } from '../auth/auth.types';
import { idempotentUpdateId, isIdempotentCommand } from './idempotency';

/** Who asks, in which role, now; with the reason when the command gives one. */
export const commandMetadata = (user: AuthenticatedUser, role: Role, reason?: string): CommandMetadata => ({
  actorId: user.sub,
  role,
  now: new Date().toISOString(),
  ...(reason ? { reason } : {}),
});

/** The update id an Idempotency-Key gives, if any (else the SDK's random one). */
const updateIdOption = (): { updateId?: string } => {
  const updateId = idempotentUpdateId();
  return updateId === undefined ? {} : { updateId };
};

/**
 * The API's one way to an aggregate's workflow (programme, pair, route): start it under its business id
 * and answer with the creating update (update-with-start), send it a command as an update, or get its
 * handle for queries and signals. Failures pass through unchanged: ProblemFilter maps them.
 */
@Injectable()
export class AggregateGateway {
  constructor(
    private readonly temporal: Client,
    private readonly settings: TemporalSettings,
  ) {}

  /**
   * Starts the workflow (a second start of one id fails) and answers once `created` has been applied. Under an
   * Idempotency-Key the id is derived from the key (newIdempotentId), so a retry joins the workflow it started
   * and, by the same update id, gets the first answer of `created` rather than applying it again.
   */
  start<W extends Workflow, R, A extends unknown[]>(
    workflow: W,
    workflowId: string,
    created: UpdateDefinition<R, A>,
    options: WithWorkflowArgs<W, { memo?: Record<string, unknown> }>,
  ): Promise<R> {
    const startWorkflowOperation = new WithStartWorkflowOperation(workflow, {
      ...options,
      workflowId,
      taskQueue: this.settings.taskQueue,
      workflowIdConflictPolicy: isIdempotentCommand() ? 'USE_EXISTING' : 'FAIL',
      // TypeScript cannot resolve the SDK's conditional args type for a generic W; the callers' args are checked.
    } as ConstructorParameters<typeof WithStartWorkflowOperation<W>>[1]);
    return this.temporal.workflow.executeUpdateWithStart(created, { startWorkflowOperation, ...updateIdOption() });
  }

  /**
   * Sends a command as an update; the workflow validates it with the decider and answers or refuses. Under an
   * Idempotency-Key the update id comes from the key: Temporal applies one id once per run.
   */
  command<R, T>(workflowId: string, update: UpdateDefinition<R, [Envelope<T>]>, envelope: Envelope<T>): Promise<R> {
    return this.handle(workflowId).executeUpdate(update, { args: [envelope], ...updateIdOption() });
  }

  /** `command` for the user acting in `role`: `data` in the envelope with commandMetadata (and the reason, if given). */
  commandAs<R, T>(
    user: AuthenticatedUser,
    role: Role,
    workflowId: string,
    update: UpdateDefinition<R, [Envelope<T>]>,
    data: T,
    reason?: string,
  ): Promise<R> {
    return this.command(workflowId, update, { data, metadata: commandMetadata(user, role, reason) });
  }

  handle<W extends Workflow>(workflowId: string): WorkflowHandle<W> {
    return this.temporal.workflow.getHandle<W>(workflowId);
  }
}

@Module({ providers: [AggregateGateway], exports: [AggregateGateway] })
export class AggregateGatewayModule {}
