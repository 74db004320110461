import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

const logger = new NestLogger('TypeORM');

/**
 * TypeORM's console loggers print a failed query with its parameters, and an append's parameters are
 * the events as JSON (names, СНИЛС, diary texts). This one logs the statement (the application's SQL,
 * values only as $n placeholders) and the SQLSTATE, through Nest's logger (pino in the API and the
 * worker, with their redaction), and nothing else: like `logging: ['error']` before it, only failures.
 */
export class ParameterFreeTypeOrmLogger implements Logger {
  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    logger.warn(`Query failed${typeof code === 'string' ? ` (${code})` : ''}: ${query.slice(0, 300)}`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
