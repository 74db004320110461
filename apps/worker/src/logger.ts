import type { LoggerService } from '@nestjs/common';
import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { logRedaction } from '@mentorflow/config';
import pino, { type Logger as Pino } from 'pino';

/** The worker logs as the API does: JSON lines through pino, with personal data and credentials redacted. */
export const createWorkerPino = (destination?: pino.DestinationStream): Pino =>
  pino({ level: process.env.LOG_LEVEL ?? 'info', redact: logRedaction }, destination ?? pino.destination(1));

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's logger interface over pino (nestjs-pino needs an HTTP server; the worker has none). */
export class WorkerNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}
  log(message: unknown, ...rest: unknown[]) { this.write('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.write('trace', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.write('fatal', message, rest); }

  private write(level: PinoLevel, message: unknown, rest: unknown[]) {
    // Nest passes the context (class name) last.
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) this.pino[level]({ err: message, context }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...message, context });
    else this.pino[level]({ context, ...(rest.length > 0 ? { details: rest } : {}) }, String(message));
  }
}

const levels: Record<LogLevel, PinoLevel> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK's own log lines (workflow and activity loggers, worker state) through the same pino
 * instance, so their metadata — which can carry failure messages — passes the same redaction.
 */
export function temporalLogger(pino: Pino): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => pino[levels[level]]({ ...meta, component: 'temporal' }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
