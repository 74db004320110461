import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * Errors Fastify raises before a handler runs (body parsing) reach the filter as an HttpException with
 * Fastify's English text as a plain string. They are answered in Russian, naming the request body.
 */
function transportProblem(status: number, text: string, bodyLimit = 1_048_576): Problem | undefined {
  const problem = (constraint: string, message: string): Problem => ({
    type: 'about:blank',
    title: problemTitle(status),
    status,
    detail: message,
    errors: [{ field: 'body', constraint, message }],
  });
  if (status === HttpStatus.PAYLOAD_TOO_LARGE)
    return problem('maxSize', `Тело запроса слишком большое (не более ${Math.round(bodyLimit / 1_048_576)} МиБ)`);
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return problem('contentType', 'Неподдерживаемый тип содержимого: ожидается application/json');
  if (status === HttpStatus.BAD_REQUEST && /JSON/i.test(text)) {
    return /empty/i.test(text)
      ? problem('isDefined', 'Тело запроса пустое')
      : problem('json', 'Тело запроса не является корректным JSON');
  }
  return undefined;
}

/**
 * A problem's title is read by people as it is (the sign-in page shows a 429, the web app a 409): in Russian
 * for every status, never the library's English reason phrase.
 */
const russianTitles: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Неверный запрос',
  [HttpStatus.UNAUTHORIZED]: 'Требуется вход в систему',
  [HttpStatus.FORBIDDEN]: 'Доступ запрещён',
  [HttpStatus.NOT_FOUND]: 'Не найдено',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'Метод не поддерживается',
  [HttpStatus.NOT_ACCEPTABLE]: 'Формат ответа не поддерживается',
  [HttpStatus.REQUEST_TIMEOUT]: 'Время ожидания запроса истекло',
  [HttpStatus.CONFLICT]: 'Конфликт',
  [HttpStatus.GONE]: 'Больше не доступно',
  [HttpStatus.LENGTH_REQUIRED]: 'Не указана длина запроса',
  [HttpStatus.PRECONDITION_FAILED]: 'Условие запроса не выполнено',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Слишком большой запрос',
  [HttpStatus.URI_TOO_LONG]: 'Слишком длинный адрес',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Неподдерживаемый тип содержимого',
  [HttpStatus.MISDIRECTED]: 'Запрос направлен не по адресу',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Действие отклонено',
  [HttpStatus.PRECONDITION_REQUIRED]: 'Требуется условие запроса',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Слишком много запросов',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Внутренняя ошибка сервера',
  [HttpStatus.NOT_IMPLEMENTED]: 'Не реализовано',
  [HttpStatus.BAD_GATEWAY]: 'Ошибка шлюза',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Сервис временно недоступен',
  [HttpStatus.GATEWAY_TIMEOUT]: 'Шлюз не дождался ответа',
};

/** The Russian title of a status; one not listed reads as a client's or the server's error by its class. */
export const problemTitle = (status: number): string =>
  russianTitles[status] ?? (status >= 500 ? 'Ошибка сервера' : 'Ошибка запроса');

/** A refusal whose code says the state moved on under the caller is a conflict, not a rule violation. */
const isConflictCode = (code: string) => code.endsWith('.conflict');

function refusalProblem(code: string, message: string, unmet: readonly UnmetCondition[]): Problem {
  const status = isConflictCode(code) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
  return { type: `urn:mentorflow:${code}`, title: message, status, detail: message, code, unmet };
}

/** A 409 that is no domain refusal: the store or Temporal found the thing changed or already there. */
const conflictProblem = (code: string, detail: string): Problem => ({
  type: `urn:mentorflow:${code}`,
  title: problemTitle(HttpStatus.CONFLICT),
  status: 409,
  detail,
});

/** Error codes of PostgreSQL (and of the socket under it) that mean "out of reach", not "bug". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03']);

/**
 * PostgreSQL or Temporal out of reach (a restart, a failover): the same request can succeed later, so
 * the client gets 503 and retries, not a 500 that reads as a bug (measured by the PostgreSQL-stop test).
 */
function isDependencyUnavailable(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = String(current.code ?? '');
    if (UNAVAILABLE_CODES.has(code) || /^08/.test(code) || current.code === 14 /* gRPC UNAVAILABLE */) return true;
    if (
      /Connection terminated|terminating connection|timeout exceeded when trying to connect/i.test(
        String(current.message ?? ''),
      )
    )
      return true;
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return false;
}

/** Every error leaves as RFC 9457 problem+json; nothing internal leaks in a 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // The route's own body limit, for the 413 message (the staff import takes more than the usual 1 MiB).
    const bodyLimit = host.switchToHttp().getRequest<FastifyRequest>().routeOptions?.bodyLimit;
    const problem = problemOf(exception, bodyLimit);
    // A 500 is a bug; a 503 is a dependency out of reach (a restart, a failover) that the client retries.
    const logged = exception instanceof Error ? exception.stack : String(exception);
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(logged);
    else if (problem.status >= 500) this.logger.error(logged);
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }
}

/** The problem+json an error leaves as (also for one item of a batch that reports each item's outcome). */
export function problemOf(exception: unknown, bodyLimit?: number): Problem {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const transport = typeof body === 'string' ? transportProblem(status, body, bodyLimit) : undefined;
    if (transport) return transport;
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const detail =
      typeof fields.detail === 'string'
        ? fields.detail
        : typeof fields.message === 'string'
          ? fields.message
          : exception.message;
    // A machine-readable code where the thrower gives one (the idempotency key's 409 and 422).
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    return {
      type: code === undefined ? 'about:blank' : `urn:mentorflow:${code}`,
      title: problemTitle(status),
      status,
      detail,
      ...(code === undefined ? {} : { code }),
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
    // The store can never hold the command's events (a NUL in a text, a constraint): the workflow
    // refused the command, stored nothing and goes on; the message names the SQLSTATE, never the data.
    if (failure.type === 'EventRejected') return refusalProblem('event.rejected', failure.message, []);
  }
  if (exception instanceof WrongExpectedVersionError) {
    return conflictProblem('concurrency.conflict', 'Данные изменились, повторите действие');
  }
  if (exception instanceof WorkflowExecutionAlreadyStartedError) {
    return conflictProblem('already.exists', 'Такой объект уже существует');
  }
  if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDependencyUnavailable(exception)) {
    return {
      type: 'about:blank',
      title: problemTitle(HttpStatus.SERVICE_UNAVAILABLE),
      status: 503,
      detail: 'Сервис временно недоступен, повторите позже',
    };
  }
  return {
    type: 'about:blank',
    title: problemTitle(HttpStatus.INTERNAL_SERVER_ERROR),
    status: 500,
    detail: 'Внутренняя ошибка сервера',
  };
}
