import { isUUID } from 'class-validator';
import {
  canonicalJson,
  idempotencyScope,
  idempotentUpdateId,
  isIdempotentCommand,
  newIdempotentId,
  requestHash,
  runIdempotent,
} from './idempotency';

describe('idempotent commands', () => {
  const key = '0b7a4a2e-6c1f-4f3e-9a52-3d2f1c0e9b11';
  const scope = idempotencyScope('sub-1', 'POST /organisations/o-1/programmes', key);
  const draws = () => runIdempotent(scope, () => [newIdempotentId(), newIdempotentId(), idempotentUpdateId()]);

  it('given the same key, when a retry draws its ids and update id, then they are the first attempt’s', () => {
    expect(draws()).toEqual(draws());
    const [first, second, update] = draws();
    expect(isUUID(first, 4)).toBe(true);
    expect(second).not.toBe(first);
    expect(update).toBe(`${scope}:update`);
  });

  it('given another caller or another route, when it uses the same key, then its scope differs', () => {
    expect(idempotencyScope('sub-2', 'POST /organisations/o-1/programmes', key)).not.toBe(scope);
    expect(idempotencyScope('sub-1', 'POST /organisations/o-2/programmes', key)).not.toBe(scope);
  });

  it('given no key, when ids are drawn, then they are random and no update id is set', () => {
    expect(isIdempotentCommand()).toBe(false);
    expect(idempotentUpdateId()).toBeUndefined();
    expect(newIdempotentId()).not.toBe(newIdempotentId());
  });

  it('given two bodies differing only in key order, when hashed, then they are the same request', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined, a: 'x' }], a: null })).toBe(
      '{"a":null,"b":[1,{"a":"x","d":2}]}',
    );
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash(undefined)).toBe(requestHash(null));
  });
});
