import { QueryFailedError } from 'typeorm';
import { classifySqlState, classifyStoreFailure, sqlStateOf } from './sql-state';

const pgError = (code: string) => Object.assign(new Error('pg'), { code, severity: 'ERROR' });

describe('SQLSTATE classification of a failed append', () => {
  it.each([
    ['08000', 'connection_exception'],
    ['08006', 'connection_failure'],
    ['08P01', 'protocol_violation'],
    ['40001', 'serialization_failure'],
    ['40P01', 'deadlock_detected'],
    ['53100', 'disk_full'],
    ['53200', 'out_of_memory'],
    ['53300', 'too_many_connections'],
    ['57P01', 'admin_shutdown'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['57014', 'query_canceled'],
    ['55P03', 'lock_not_available'],
    ['58030', 'io_error'],
  ])('%s (%s) is transient: retried until the store answers', (code) => {
    expect(classifySqlState(code)).toBe('transient');
  });

  it.each([
    ['22P05', 'untranslatable_character: U+0000 in jsonb'],
    ['22021', 'character_not_in_repertoire: NUL in a text parameter'],
    ['22P02', 'invalid_text_representation'],
    ['22001', 'string_data_right_truncation'],
    ['23505', 'unique_violation'],
    ['23502', 'not_null_violation'],
    ['23514', 'check_violation'],
    ['40002', 'transaction_integrity_constraint_violation'],
    ['42883', 'undefined_function'],
    ['42P01', 'undefined_table'],
    ['P0001', 'raise_exception'],
    ['XX000', 'internal_error'],
  ])('%s (%s) is permanent: fails the same way on every retry', (code) => {
    expect(classifySqlState(code)).toBe('permanent');
  });

  it('finds the SQLSTATE under TypeORM’s QueryFailedError and under a cause', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], pgError('22P05'));
    expect(sqlStateOf(wrapped)).toBe('22P05');
    expect(classifyStoreFailure(wrapped)).toBe('permanent');
    expect(classifyStoreFailure(new Error('append failed', { cause: pgError('40P01') }))).toBe('transient');
  });

  it('treats an error without a SQLSTATE (socket, pool) as transient', () => {
    expect(
      sqlStateOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBeUndefined();
    expect(classifyStoreFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'transient',
    );
    expect(classifyStoreFailure(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyStoreFailure(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });
});
