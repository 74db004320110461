import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { routeWorkflowId } from '@mentorflow/domain';
import type { RouteWorkflowInput } from '../../workflows/route/route.messages';
import { routeWorkflow } from '../../workflows/route/route.workflow';
import { randomRouteCode } from './route-code';

/**
 * The start of a route workflow as the API makes it (update-with-start on the route's business id, failing
 * if it exists), for tests and benches that start routes without the API: a fresh code and organisation.
 */
export const routeStartOperation = (
  taskQueue: string,
  { routeId, ...route }: Omit<RouteWorkflowInput['route'], 'code' | 'organisationId'>,
  input: Omit<RouteWorkflowInput, 'route' | 'snapshot'>,
) =>
  new WithStartWorkflowOperation(routeWorkflow, {
    taskQueue,
    workflowId: routeWorkflowId(routeId),
    workflowIdConflictPolicy: 'FAIL',
    args: [{ route: { routeId, code: randomRouteCode(), organisationId: randomUUID(), ...route }, ...input }],
  });
