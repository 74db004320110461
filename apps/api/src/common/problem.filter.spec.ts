import type { ArgumentsHost } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ConflictException, NotFoundException, HttpException } from '@nestjs/common';
import { WrongExpectedVersionError } from '@mentorflow/event-store';
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

describe('ProblemFilter: titles in Russian', () => {
  it.each([
    ['a 404 thrown by a service', new NotFoundException('Пользователь не найден'), 404, 'Не найдено'],
    ['a 409 thrown by a service', new ConflictException('Уже существует'), 409, 'Конфликт'],
    ['an unlisted client status', new HttpException('Нет', 418), 418, 'Ошибка запроса'],
    [
      'a dependency out of reach',
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      503,
      'Сервис временно недоступен',
    ],
    ['a stale version', new WrongExpectedVersionError('pair-1', 1, 2), 409, 'Конфликт'],
    ['a bug', new Error('boom'), 500, 'Внутренняя ошибка сервера'],
  ])('%s', (_what, exception, status, title) => {
    expect(answer(exception)).toMatchObject({ status, body: { status, title } });
  });
});
