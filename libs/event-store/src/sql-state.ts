/**
 * Whether a failed write may succeed if tried again. PostgreSQL names every error by a five-character
 * SQLSTATE whose first two characters are its class; what the server or the connection went through
 * (a restart, a lost socket, a serialisation conflict, too many connections) heals by itself, what the
 * statement carried (a NUL in jsonb, a broken constraint, a bad cast) fails the same way every time.
 */
export type StoreFailureKind = 'transient' | 'permanent';

/** Classes that are about the server's or the connection's state, never about the data. */
const TRANSIENT_CLASSES = new Set([
  '08', // connection exception
  '53', // insufficient resources (disk full, out of memory, too many connections)
  '58', // system error (I/O error) outside PostgreSQL
]);

const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '40003', // statement_completion_unknown
  '55P03', // lock_not_available
  '57014', // query_canceled: a statement timeout under load, or a cancel on shutdown
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '57P05', // idle_session_timeout
]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE of a pg error, also when TypeORM wrapped it (QueryFailedError.driverError) or it is a cause. */
export function sqlStateOf(error: unknown): string | undefined {
  let current = error as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (typeof current.code === 'string' && SQLSTATE.test(current.code)) return current.code;
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return undefined;
}

export function classifySqlState(sqlState: string): StoreFailureKind {
  return TRANSIENT_CLASSES.has(sqlState.slice(0, 2)) || TRANSIENT_CODES.has(sqlState) ? 'transient' : 'permanent';
}

/**
 * Only an error PostgreSQL answered with a SQLSTATE of a data, integrity, syntax or similar class is
 * permanent. Anything without one — a refused or reset socket, a pool timeout, "Connection terminated"
 * — is the database out of reach, and a command must wait for it rather than be lost.
 */
export function classifyStoreFailure(error: unknown): StoreFailureKind {
  const sqlState = sqlStateOf(error);
  return sqlState === undefined ? 'transient' : classifySqlState(sqlState);
}
