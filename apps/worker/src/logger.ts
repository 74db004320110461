import type { LoggerService } from '@nestjs/common';
import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { logRedaction, logTransport } from '@mentorflow/config';
import { classifySqlState, sqlStateOf } from '@mentorflow/event-store';
import pino, { type Logger as Pino } from 'pino';

/**
 * The worker logs as the API does: JSON lines through pino (readable ones with LOG_PRETTY=true), with personal data
 * and credentials redacted; `level`: LOG_LEVEL.
 */
export const createWorkerPino = (destination?: pino.DestinationStream, level = 'info', pretty = false): Pino =>
  destination === undefined && pretty
    ? pino({ level, redact: logRedaction, ...logTransport(true) })
    : pino({ level, redact: logRedaction }, destination ?? pino.destination(1));

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's logger interface over pino (nestjs-pino needs an HTTP server; the worker has none). */
export class WorkerNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: PinoLevel, message: unknown, rest: unknown[]) {
    // Nest passes the context (class name) last.
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) {
      const err = loggableError(message);
      this.pino[level]({ err, context }, err.message);
    } else if (typeof message === 'object' && message !== null) this.pino[level]({ ...message, context });
    else this.pino[level]({ context, ...(rest.length > 0 ? { details: rest } : {}) }, String(message));
  }
}

const levels: Record<LogLevel, PinoLevel> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** A Temporal task token completes or fails its task for whoever holds it: a credential, never logged. */
const TASK_TOKEN_KEY = /^task_?token$/i;
const TASK_TOKEN_TEXT = /(task[_ ]?token["']?\s*[:=(]\s*)[^\s,)}]+/gi;
const MAX_DEPTH = 4;
/** Failures whose details the worker builds from ids and codes only (the append activity's). */
const ID_ONLY_DETAILS = new Set(['EventRejected', 'EventStoreUnavailable']);

interface LoggableError {
  name: string;
  message: string;
  type?: string;
  code?: string;
  nonRetryable?: boolean;
  details?: unknown[];
  /** The frames under the kept message: the original first line repeats the full message. */
  stack?: string;
  cause?: LoggableError;
}

/**
 * An error as the worker may log it: its name, type, code and message, never the rest of the object.
 * TypeORM's QueryFailedError carries the statement's parameters (an event as JSON) and pg's error its
 * `detail` and `where` (the offending text); the SDK logs an activity's error on every failed attempt.
 * A database error's message is kept only for transient SQLSTATEs (connection, shutdown, resources):
 * the others can quote a value ("invalid input syntax for type uuid: …"), their code says enough.
 */
export function loggableError(error: Error, depth = 0): LoggableError {
  const fields = error as Error & { type?: unknown; code?: unknown; nonRetryable?: unknown; details?: unknown };
  const sqlState = sqlStateOf(error);
  const quotesData = sqlState !== undefined && classifySqlState(sqlState) === 'permanent';
  const message = quotesData ? `database error ${sqlState}` : error.message.replace(TASK_TOKEN_TEXT, '$1[REDACTED]');
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    name: error.name,
    message,
    ...(typeof fields.type === 'string' ? { type: fields.type } : {}),
    ...(sqlState !== undefined
      ? { code: sqlState }
      : typeof fields.code === 'string' || typeof fields.code === 'number'
        ? { code: String(fields.code) }
        : {}),
    ...(typeof fields.nonRetryable === 'boolean' ? { nonRetryable: fields.nonRetryable } : {}),
    // Stream id, event types, SQLSTATE: which append failed and why, without its data.
    ...(typeof fields.type === 'string' && ID_ONLY_DETAILS.has(fields.type) && Array.isArray(fields.details)
      ? { details: fields.details }
      : {}),
    ...(frames.length > 0 ? { stack: [`${error.name}: ${message}`, ...frames].join('\n') } : {}),
    ...(error.cause instanceof Error && depth < MAX_DEPTH ? { cause: loggableError(error.cause, depth + 1) } : {}),
  };
}

/** Log metadata with task tokens dropped and errors reduced to what loggableError keeps. */
function loggableMeta(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return loggableError(value);
  if (Array.isArray(value)) return depth < MAX_DEPTH ? value.map((item) => loggableMeta(item, depth + 1)) : '[…]';
  // Only plain records are walked; a Date or a Buffer is left for pino to print.
  if (typeof value !== 'object' || value === null || ![Object.prototype, null].includes(Object.getPrototypeOf(value)))
    return value;
  if (depth >= MAX_DEPTH) return '[…]';
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !TASK_TOKEN_KEY.test(key))
      .map(([key, item]) => [key, loggableMeta(item, depth + 1)]),
  );
}

/**
 * The Temporal SDK's own log lines (workflow and activity loggers, worker state, Core) through the same
 * pino instance and its redaction. Their metadata is filtered first: the SDK attaches the task token to
 * every activity line and the activity's whole error object to "Activity failed".
 */
export function temporalLogger(pino: Pino): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) =>
    pino[levels[level]](
      { ...(loggableMeta(meta ?? {}) as object), component: 'temporal' },
      message.replace(TASK_TOKEN_TEXT, '$1[REDACTED]'),
    );
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
