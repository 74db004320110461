import { randomUUID } from 'node:crypto';
import { pairWorkflowId, type CommandMetadata, type PairOrder } from '@mentorflow/domain';
import type { PairWorkflowInput, PersonalProgrammeInput } from '../../workflows/pair/pair.messages';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The start options of a pair workflow as the workflow specs form pairs: one mentor and one mentee of
 * a school in Moscow time, teacher–teacher and traditional, both consenting `today`, for 400 days.
 */
export const pairStartOptions = (
  taskQueue: string,
  pair: { pairId: string; organisationId: string; mentorId: string; menteeId: string; order: PairOrder; today: number },
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
          form: 'teacherTeacher',
          kind: 'traditional',
          mentorId,
          menteeIds: [menteeId],
          consents: [
            { personId: mentorId, date: isoDate(today) },
            { personId: menteeId, date: isoDate(today) },
          ],
          order,
          term: { start: isoDate(today), end: isoDate(today + 400 * DAY) },
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
