import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply } from 'fastify';
import { isDomainRefusal, type UnmetCondition } from '@mentorflow/domain';
import { WrongExpectedVersionError } from '@mentorflow/event-store';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  details?: unknown;
  code?: string;
  errors?: unknown[];
  unmet?: readonly UnmetCondition[];
}

/** A refusal whose code says the state moved on under the caller is a conflict, not a rule violation. */
const isConflictCode = (code: string) => code.endsWith('.conflict');

function refusalProblem(code: string, message: string, unmet: readonly UnmetCondition[]): Problem {
  const status = isConflictCode(code) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
  return { type: `urn:mentorflow:${code}`, title: message, status, detail: message, code, unmet };
}

/** Every error leaves as RFC 9457 problem+json; nothing internal leaks in a 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const detail = typeof fields.detail === 'string' ? fields.detail : typeof fields.message === 'string' ? fields.message : exception.message;
      return {
        type: 'about:blank',
        title: HttpStatus[status] ?? 'Error',
        status,
        detail,
        ...(Array.isArray(fields.errors) ? { errors: fields.errors } : {}),
        // Health checks explain which dependency is down (an RFC 9457 extension member).
        ...(typeof fields.details === 'object' && fields.details !== null ? { details: fields.details } : {}),
      };
    }
    if (isDomainRefusal(exception)) return refusalProblem(exception.code, exception.message, exception.unmet);
    if (exception instanceof WorkflowUpdateFailedError && exception.cause instanceof ApplicationFailure) {
      const failure = exception.cause;
      const [details] = (failure.details ?? []) as { code?: string; unmet?: UnmetCondition[] }[];
      if (failure.type === 'DomainRefusal' && details?.code) {
        return refusalProblem(details.code, failure.message, details.unmet ?? []);
      }
    }
    if (exception instanceof WrongExpectedVersionError) {
      return { type: 'urn:mentorflow:concurrency.conflict', title: 'Conflict', status: 409, detail: 'Данные изменились, повторите действие' };
    }
    if (exception instanceof WorkflowExecutionAlreadyStartedError) {
      return { type: 'urn:mentorflow:already.exists', title: 'Conflict', status: 409, detail: 'Такой объект уже существует' };
    }
    if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Сервис временно недоступен, повторите позже' };
    }
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Внутренняя ошибка сервера' };
  }
}
