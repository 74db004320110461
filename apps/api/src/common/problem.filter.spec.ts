import type { ArgumentsHost } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ProblemFilter } from './problem.filter';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    header: () => reply,
    send: (body: Record<string, unknown>) => void (sent.body = body),
  };
  new ProblemFilter().catch(exception, {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemFilter: a command whose events the store rejects', () => {
  it('answers 422 with the workflow’s Russian message, not 500', () => {
    const failure = ApplicationFailure.create({
      type: 'EventRejected',
      message:
        'Событие не может быть сохранено: данные содержат недопустимое значение или символ, исправьте их и повторите (SQLSTATE 22P05)',
      nonRetryable: true,
      details: [
        { code: 'event.rejected', sqlState: '22P05', streamId: 'pair-1', eventTypes: ['MentorDiaryEntryRecorded'] },
      ],
    });
    const { status, body } = answer(new WorkflowUpdateFailedError('Workflow Update failed', failure));
    expect(status).toBe(422);
    expect(body).toMatchObject({
      type: 'urn:mentorflow:event.rejected',
      code: 'event.rejected',
      detail: failure.message,
      unmet: [],
    });
  });
});
