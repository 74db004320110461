import { ApplicationFailure } from '@temporalio/common';
import {
  classifySqlState,
  EventIdReuseError,
  sqlStateOf,
  WrongExpectedVersionError,
  type EventStore,
} from '@mentorflow/event-store';
import type { AppendEventsInput, EventStoreActivities } from '@mentorflow/workflows/activities';

export function createEventStoreActivities(deps: { store: EventStore }): EventStoreActivities {
  return {
    async appendEvents(input) {
      const { streamId, expectedVersion, events, previousHash } = input;
      try {
        return await deps.store.append(streamId, expectedVersion, events, { previousHash });
      } catch (error) {
        // A version conflict cannot heal by retrying: the workflow is meant to be the stream's only writer.
        if (error instanceof WrongExpectedVersionError || error instanceof EventIdReuseError) {
          throw ApplicationFailure.nonRetryable(error.message, error.name);
        }
        throw appendFailure(error, input);
      }
    },
  };
}

/** What the user reads for a rejected event, by SQLSTATE class; never the data itself. */
function rejectionReason(sqlState: string): string {
  if (sqlState.startsWith('22')) return 'данные содержат недопустимое значение или символ, исправьте их и повторите';
  if (sqlState.startsWith('23')) return 'нарушено ограничение целостности хранилища';
  return 'хранилище событий отклонило запись';
}

/**
 * The store's error as a Temporal failure that carries ids and codes only. The driver's error is not
 * passed on: TypeORM's QueryFailedError holds the statement's parameters (the event as JSON) and pg's
 * `where` quotes the text it choked on, and the SDK logs an activity's error on every failed attempt.
 * A permanent failure (a NUL in jsonb, a constraint) fails the activity for good, so the workflow can
 * refuse the command instead of retrying it forever; anything else is retried until the store answers.
 */
export function appendFailure(
  error: unknown,
  input: Pick<AppendEventsInput, 'streamId' | 'events'>,
): ApplicationFailure {
  const sqlState = sqlStateOf(error);
  const where = { streamId: input.streamId, eventTypes: input.events.map((e) => e.type) };
  if (sqlState !== undefined && classifySqlState(sqlState) === 'permanent') {
    const constraint =
      (error as { driverError?: { constraint?: unknown }; constraint?: unknown }).driverError?.constraint ??
      (error as { constraint?: unknown }).constraint;
    return ApplicationFailure.create({
      type: 'EventRejected',
      message: `Событие не может быть сохранено: ${rejectionReason(sqlState)} (SQLSTATE ${sqlState})`,
      nonRetryable: true,
      details: [
        { code: 'event.rejected', sqlState, ...where, ...(typeof constraint === 'string' ? { constraint } : {}) },
      ],
    });
  }
  // Connection, shutdown, resource and serialisation errors: their messages name the server's state, not data.
  const code = sqlState ?? (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
  return ApplicationFailure.create({
    type: 'EventStoreUnavailable',
    message: `Event store unavailable, the append will be retried${code === undefined ? '' : ` (${String(code)})`}: ${text}`,
    nonRetryable: false,
    details: [{ ...(sqlState === undefined ? {} : { sqlState }), ...where }],
  });
}
