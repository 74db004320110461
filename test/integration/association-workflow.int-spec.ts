import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { localDateOf, endOfLocalDay } from '@mentorflow/calendar';
import { associationStream, associationWorkflowId } from '@mentorflow/domain';
import { createEventStoreActivities } from '../../apps/worker/src/activities/event-store.activities';
import {
  addAssociationMemberUpdate,
  addPlanItemUpdate,
  associationCreatedUpdate,
  recordAssociationMeetingUpdate,
  removeAssociationMemberUpdate,
} from '../../workflows/association/association.messages';
import { associationWorkflow } from '../../workflows/association/association.workflow';
import { completeTaskUpdate } from '../../workflows/shared/task.messages';
import { addDays } from '../support/dates';
import { captureHistory } from '../support/replay';
import { useTimeSkippingWorker } from '../support/time-skipping';

/** The mentors' methodical association's workflow (issue 28): its life, recorded for the replay gate. */
describe('association workflow on the time-skipping test server', () => {
  const taskQueue = `association-test-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({
    taskQueue,
    activities: ({ store }) => createEventStoreActivities({ store }),
  });
  const timeZone = 'Europe/Samara';
  const curator = randomUUID();
  const [mentorA, mentorB] = [randomUUID(), randomUUID()];

  it('creates the association, takes members, raises a plan item as a task and completes it, records minutes', async () => {
    const associationId = randomUUID();
    const organisationId = randomUUID();
    const handle = await temporal.env.client.workflow.start(associationWorkflow, {
      taskQueue,
      workflowId: associationWorkflowId(associationId),
      args: [
        {
          association: {
            associationId,
            name: 'МО наставников',
            level: 'organisation',
            organisationId,
            municipality: 'г. Тольятти',
            region: 'Самарская область',
          },
          timeZone,
          metadata: await temporal.meta(curator, 'curator'),
        },
      ],
    });
    await handle.executeUpdate(associationCreatedUpdate);
    for (const personId of [mentorA, mentorB]) {
      await handle.executeUpdate(addAssociationMemberUpdate, {
        args: [{ data: { personId, organisationId }, metadata: await temporal.meta(curator, 'curator') }],
      });
    }
    // A mentor may not keep the association: the validator refuses, nothing is stored.
    await expect(
      handle.executeUpdate(removeAssociationMemberUpdate, {
        args: [{ data: { personId: mentorB }, metadata: await temporal.meta(mentorA, 'mentor') }],
      }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);

    const today = localDateOf(new Date(await temporal.nowMs()), timeZone);
    const date = addDays(today, 30);
    const itemId = randomUUID();
    const planned = await handle.executeUpdate(addPlanItemUpdate, {
      args: [
        {
          data: { itemId, title: 'Семинар', date, responsibleId: mentorA },
          metadata: await temporal.meta(curator, 'curator'),
        },
      ],
    });
    expect(planned.state).toMatchObject({
      tasks: { [itemId]: { dueAt: endOfLocalDay(date, timeZone), dueLocalDate: date, status: 'open' } },
    });
    expect(
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ data: { taskId: itemId, result: 'Проведён' }, metadata: await temporal.meta(mentorA, 'mentor') }],
      }),
    ).toEqual({ taskId: itemId, status: 'done' });
    await handle.executeUpdate(recordAssociationMeetingUpdate, {
      args: [
        {
          data: {
            meetingId: randomUUID(),
            date: addDays(today, -1),
            minutesNumber: '1',
            agenda: 'План работы',
            decisions: 'Утвердить',
            attendeeIds: [mentorA, mentorB],
          },
          metadata: await temporal.meta(curator, 'curator'),
        },
      ],
    });

    const events = await temporal.store.readStream(associationStream(associationId));
    expect(events.map((e) => e.type)).toEqual([
      'AssociationCreated',
      'AssociationMemberAdded',
      'AssociationMemberAdded',
      'AssociationPlanItemAdded',
      'TaskRaised',
      'TaskCompleted',
      'AssociationMeetingHeld',
    ]);
    await captureHistory('association-life', handle);
  });
});
