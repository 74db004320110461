import { randomUUID } from 'node:crypto';
import { programmeWorkflowId } from '@mentorflow/domain';
import { programmeStartedUpdate } from '../../workflows/programme/programme.messages';
import { programmeWorkflow } from '../../workflows/programme/programme.workflow';
import type { TimeSkippingWorker } from './time-skipping';

/**
 * Starts a programme workflow on `taskQueue` as the workflow specs do: a new programme (of a new
 * organisation unless one is named), started by `director` at the test server's time. Returns once
 * ProgrammeStarted is stored, as the API does (its update-with-start waits for the same update): a command
 * sent before would find no programme.
 */
export async function startProgrammeWorkflow(
  temporal: TimeSkippingWorker,
  taskQueue: string,
  {
    director,
    programmeId = randomUUID(),
    organisationId = randomUUID(),
    title = 'Программа',
    timeZone = 'Europe/Moscow',
  }: { director: string; programmeId?: string; organisationId?: string; title?: string; timeZone?: string },
) {
  const handle = await temporal.env.client.workflow.start(programmeWorkflow, {
    taskQueue,
    workflowId: programmeWorkflowId(programmeId),
    args: [{ programmeId, organisationId, title, timeZone, metadata: await temporal.meta(director, 'director') }],
  });
  await handle.executeUpdate(programmeStartedUpdate);
  return { programmeId, handle };
}
