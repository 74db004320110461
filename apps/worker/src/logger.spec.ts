import { ApplicationFailure } from '@temporalio/common';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { appendFailure } from './activities/event-store.activities';
import { createWorkerPino, temporalLogger, WorkerNestLogger } from './logger';

const FAKE_NAME = 'Иванова Марфа Тестовна';
const FAKE_SNILS = '123-456-789 64';
const TASK_TOKEN = 'AAdkZWZhdWx0AClwYWlyLTY2YzBhYjFh';

/** What a failed append of a diary entry looked like to the SDK before: TypeORM's error with the statement's parameters. */
function failedAppend(code: string): QueryFailedError {
  const eventJson = JSON.stringify({ text: `${FAKE_NAME}, СНИЛС ${FAKE_SNILS}\u0000` });
  const driverError = Object.assign(
    new Error(
      code === '22P02'
        ? `invalid input syntax for type uuid: "${FAKE_SNILS}"`
        : 'terminating connection due to administrator command',
    ),
    {
      code,
      severity: 'ERROR',
      detail: `${FAKE_NAME} cannot be converted`,
      where: `JSON data, line 1: ...${FAKE_SNILS}...`,
    },
  );
  return new QueryFailedError(
    'SELECT append_event($1, $2, $3::uuid, $4, $5::jsonb)',
    ['pair-1', 5, 'id', 'MentorDiaryEntryRecorded', eventJson],
    driverError,
  );
}

function capture() {
  const lines: string[] = [];
  const pino = createWorkerPino(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { pino, text: () => lines.join('') };
}

/** The SDK's "Activity failed" line: activity attributes (with the task token) and the activity's error. */
const activityFailed = (error: unknown) => ({
  isLocal: false,
  attempt: 3,
  namespace: 'default',
  taskToken: TASK_TOKEN,
  activityId: '5',
  activityType: 'appendEvents',
  workflowId: 'pair-1',
  error,
  durationMs: 4,
});

describe('worker logs of failed appends', () => {
  it.each(['22P02', '57P01'])(
    'reduce a raw database error (%s) to name, code and message: no parameters, no detail, no task token',
    (code) => {
      const { pino, text } = capture();
      temporalLogger(pino).warn('Activity failed', activityFailed(failedAppend(code)));
      const line = JSON.parse(text()) as {
        error: { code: string; message: string };
        activityId: string;
        workflowId: string;
      };
      expect(line).toMatchObject({ activityId: '5', workflowId: 'pair-1', error: { name: 'QueryFailedError', code } });
      expect(text()).not.toContain(FAKE_NAME);
      expect(text()).not.toContain(FAKE_SNILS);
      expect(text()).not.toContain(TASK_TOKEN);
      expect(text()).not.toMatch(/task_?token/i);
    },
  );

  it('keeps what the append activity reports: stream id, event types, SQLSTATE', () => {
    const { pino, text } = capture();
    const failure = appendFailure(failedAppend('22P02'), {
      streamId: 'pair-1',
      events: [{ eventId: 'e', type: 'MentorDiaryEntryRecorded', data: {}, metadata: {} }],
    });
    expect(failure).toBeInstanceOf(ApplicationFailure);
    temporalLogger(pino).warn('Activity failed', activityFailed(failure));
    expect(JSON.parse(text())).toMatchObject({
      error: {
        type: 'EventRejected',
        nonRetryable: true,
        details: [
          { code: 'event.rejected', sqlState: '22P02', streamId: 'pair-1', eventTypes: ['MentorDiaryEntryRecorded'] },
        ],
      },
    });
    expect(text()).not.toContain(FAKE_SNILS);
  });

  it('retries a transient failure with the server’s own message, still without the data', () => {
    const failure = appendFailure(failedAppend('57P01'), { streamId: 'pair-1', events: [] });
    expect(failure).toMatchObject({ type: 'EventStoreUnavailable', nonRetryable: false });
    expect(failure.message).toContain('terminating connection due to administrator command');
    expect(failure.message).not.toContain(FAKE_NAME);
  });

  it('logs an error handed to the Nest logger the same way', () => {
    const { pino, text } = capture();
    new WorkerNestLogger(pino).error(failedAppend('22P02'), 'ProjectorService');
    expect(JSON.parse(text())).toMatchObject({ context: 'ProjectorService', err: { code: '22P02' } });
    expect(text()).not.toContain(FAKE_NAME);
    expect(text()).not.toContain(FAKE_SNILS);
  });

  it('drops a task token named in a Core log message', () => {
    const { pino, text } = capture();
    temporalLogger(pino).warn(`Activity task not found, task_token: ${TASK_TOKEN}`, { task_token: TASK_TOKEN });
    expect(text()).not.toContain(TASK_TOKEN);
  });
});
