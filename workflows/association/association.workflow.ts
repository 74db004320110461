import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { associationDecider, associationStream, type AssociationCommand } from '../../libs/domain/src';
import { isIsoDate } from '../../libs/domain/src/shared/dates';
import { endOfLocalDay } from '../../libs/calendar/src/time-zone';
import { AggregateRunner } from '../shared/aggregate-runner';
import { commandUpdates } from '../shared/command-updates';
import { historyLimit } from '../shared/history-limit';
import { completeTaskUpdate } from '../shared/task.messages';
import {
  addAssociationMemberUpdate,
  addPlanItemUpdate,
  associationCreatedUpdate,
  associationViewQuery,
  recordAssociationMeetingUpdate,
  removeAssociationMemberUpdate,
  type AssociationView,
  type AssociationWorkflowInput,
} from './association.messages';

/**
 * A mentors' methodical association (issue 28), living as long as the association does: commands arrive
 * as updates and are decided by the association decider; its plan items are tasks of the shared mechanism,
 * so the inbox's «done» reaches this workflow through the shared completeTask update.
 */
export async function associationWorkflow(input: AssociationWorkflowInput): Promise<AssociationView> {
  const historyFull = historyLimit(input.continueAsNewAfterEvents);
  const runner = AggregateRunner.resume(
    associationDecider,
    {
      streamId: associationStream(input.association.associationId),
      organisationId: input.association.organisationId,
      timeZone: input.timeZone,
    },
    input.snapshot,
  );
  const view = (): AssociationView => ({ state: runner.state, version: runner.version });
  const created = () => runner.state.status === 'created';

  setHandler(associationViewQuery, view);
  setHandler(associationCreatedUpdate, async () => {
    await condition(created);
    return view();
  });
  const updates = commandUpdates<AssociationCommand, AssociationView>({
    // Before AssociationCreated is stored a command waits behind the creation and is decided in the handler.
    check: (command) => (created() ? runner.check(command) : undefined),
    run: async (command) => (await runner.execute(() => command), view()),
  });
  updates.plain(addAssociationMemberUpdate, 'AddAssociationMember');
  updates.plain(removeAssociationMemberUpdate, 'RemoveAssociationMember');
  updates.plain(recordAssociationMeetingUpdate, 'RecordAssociationMeeting');
  // The end of the item's date in the host's zone: pure arithmetic on the zone's rules, the same on replay.
  updates.command(addPlanItemUpdate, ({ data, metadata }) => ({
    type: 'AddPlanItem',
    data: { ...data, dueAt: isIsoDate(data.date) ? endOfLocalDay(data.date, input.timeZone) : '' },
    metadata,
  }));
  updates.command(
    completeTaskUpdate,
    ({ data, metadata }) => ({ type: 'CompleteTask', data, metadata }),
    ({ data }) => ({
      taskId: data.taskId,
      status: runner.state.status === 'created' ? (runner.state.tasks[data.taskId]?.status ?? 'done') : 'done',
    }),
  );

  if (!input.snapshot) {
    await runner.execute(() => ({ type: 'CreateAssociation', data: input.association, metadata: input.metadata }));
  }
  await condition(historyFull);
  await condition(allHandlersFinished);
  await runner.idle();
  return continueAsNew<typeof associationWorkflow>({ ...input, snapshot: runner.toSnapshot() });
}
