import { ApplicationFailure } from '@temporalio/common';
import { EventIdReuseError, WrongExpectedVersionError, type EventStore } from '@mentorflow/event-store';
import type { EventStoreActivities } from '@mentorflow/workflows/activities';

export function createEventStoreActivities(deps: { store: EventStore }): EventStoreActivities {
  return {
    async appendEvents({ streamId, expectedVersion, events, previousHash }) {
      try {
        return await deps.store.append(streamId, expectedVersion, events, { previousHash });
      } catch (error) {
        // A version conflict cannot heal by retrying: the workflow is meant to be the stream's only writer.
        if (error instanceof WrongExpectedVersionError || error instanceof EventIdReuseError) {
          throw ApplicationFailure.nonRetryable(error.message, error.name);
        }
        throw error;
      }
    },
  };
}
