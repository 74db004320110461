import { randomUUID } from 'node:crypto';
import { pairWorkflowId, type CommandMetadata, type PairOrder } from '@mentorflow/domain';
import {
  approvePersonalProgrammeUpdate,
  pairFormedUpdate,
  type PairWorkflowInput,
  type PersonalProgrammeInput,
} from '../../workflows/pair/pair.messages';
import { pairWorkflow } from '../../workflows/pair/pair.workflow';
import { pairFormation } from './programme-setup';
import type { TimeSkippingWorker } from './time-skipping';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The start options of a pair workflow as the workflow specs form pairs: one mentor and one mentee of
 * a school in Moscow time, teacher–teacher and traditional, both consenting `today`, for 400 days.
 */
export interface TestPair {
  pairId: string;
  organisationId: string;
  mentorId: string;
  menteeId: string;
  order: PairOrder;
  today: number;
}

export const pairStartOptions = (
  taskQueue: string,
  pair: TestPair,
  input: { metadata: CommandMetadata; continueAsNewAfterEvents?: number },
): { taskQueue: string; workflowId: string; args: [PairWorkflowInput] } => {
  const { pairId, organisationId, mentorId, menteeId, order, today } = pair;
  return {
    taskQueue,
    workflowId: pairWorkflowId(pairId),
    args: [
      {
        formation: {
          pairId,
          programmeId: randomUUID(),
          organisationId,
          ...pairFormation(mentorId, menteeId, {
            order,
            mentorConsent: isoDate(today),
            menteeConsent: isoDate(today),
            term: { start: isoDate(today), end: isoDate(today + 400 * DAY) },
          }),
        },
        timeZone: 'Europe/Moscow',
        ...input,
      },
    ],
  };
};

/** The personal programme the workflow specs approve: 180 days from `today`, an open lesson after 30, the curator controls. */
export const personalProgrammeFrom = (today: number, curator: string): PersonalProgrammeInput => ({
  start: isoDate(today),
  end: isoDate(today + 180 * DAY),
  directions: ['Адаптация'],
  difficulties: ['Дисциплина на уроке'],
  activities: [{ title: 'Открытый урок', plannedDate: isoDate(today + 30 * DAY) }],
  controller: { personId: curator, role: 'curator' },
});

/**
 * A pair workflow started with pairStartOptions() by the `director`, formed, and active with the programme the
 * `curator` approved (personalProgrammeFrom(today)): its handle and the pair as the approval answered it.
 */
export async function startActivePair(
  temporal: Pick<TimeSkippingWorker, 'env' | 'meta'>,
  taskQueue: string,
  pair: TestPair,
  { director, curator }: { director: string; curator: string },
) {
  const handle = await temporal.env.client.workflow.start(
    pairWorkflow,
    pairStartOptions(taskQueue, pair, { metadata: await temporal.meta(director, 'director') }),
  );
  await handle.executeUpdate(pairFormedUpdate);
  const active = await handle.executeUpdate(approvePersonalProgrammeUpdate, {
    args: [{ data: personalProgrammeFrom(pair.today, curator), metadata: await temporal.meta(curator, 'curator') }],
  });
  return { handle, active };
}
