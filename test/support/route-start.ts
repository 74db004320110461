import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { routeWorkflowId, type RouteTitlePage } from '@mentorflow/domain';
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

/**
 * A route as routeStartOperation() takes it: the `teacher`'s, with her `methodologist` and `tutor` (their ids),
 * on `titlePage`, with its goal and tasks.
 */
export const routeFor = (
  { routeId, teacher, methodologist, tutor }: Record<'routeId' | 'teacher' | 'methodologist' | 'tutor', string>,
  titlePage: RouteTitlePage,
  { goal, tasks }: { goal: string; tasks: string[] },
): Parameters<typeof routeStartOperation>[1] => ({
  routeId,
  teacherId: teacher,
  methodologistId: methodologist,
  tutorId: tutor,
  titlePage,
  goal,
  tasks,
});
