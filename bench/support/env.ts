/**
 * Environment defaults for benchmarks that run the API and worker in-process. Imported before any app
 * module: some read LOG_LEVEL and the like when they load. The report goes to stdout, so request logs
 * (LOG_LEVEL=info, one line per request) are turned down to warnings.
 */
process.env.JWT_SECRET ??= 'bench-secret-bench-secret-bench-secret-0123456789';
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'warn';
process.env.THROTTLE_LIMIT ??= '100000000';
process.env.THROTTLE_READ_LIMIT ??= '100000000';
process.env.THROTTLE_ANONYMOUS_LIMIT ??= '100000000';
// The shipped default, not the 20 ms the end-to-end tests use (projection lag depends on it).
process.env.PROJECTOR_POLL_MS ??= '50';

export {};
