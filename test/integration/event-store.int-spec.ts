import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  EventStore,
  EventIdReuseError,
  START_OF_STORE,
  WrongExpectedVersionError,
  cursorOf,
  type NewEvent,
  type RecordedEvent,
} from '@mentorflow/event-store';
import { pairStream } from '@mentorflow/domain';
import { openTestEventStore, readEverything } from '../support/database';

const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actorId: 'tester', organisationId: randomUUID() },
});

describe('EventStore on PostgreSQL', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeAll(async () => ({ dataSource, store } = await openTestEventStore()));
  afterAll(() => dataSource.destroy());

  it('appends a batch atomically with gapless stream versions and reads it back in order', async () => {
    const stream = `test-${randomUUID()}`;
    const first = await store.append(stream, 0, [event('A', { n: 1 }), event('B', { n: 2 })]);
    const second = await store.append(stream, first.nextExpectedVersion, [event('C', { n: 3 })]);

    expect(second.nextExpectedVersion).toBe(3);
    const read = await store.readStream(stream);
    expect(read.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
      [1, 'A', { n: 1 }],
      [2, 'B', { n: 2 }],
      [3, 'C', { n: 3 }],
    ]);
    expect(read[0]?.metadata).toMatchObject({ actorId: 'tester' });
    expect(new Set(read.map((e) => e.position)).size).toBe(3);
  });

  it('refuses a stale expected version with a typed conflict and writes nothing', async () => {
    const stream = `test-${randomUUID()}`;
    await store.append(stream, 0, [event()]);

    await expect(store.append(stream, 0, [event()])).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      expectedVersion: 0,
      actualVersion: 1,
    });
    await expect(store.append(stream, 5, [event()])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.streamVersion(stream)).toBe(1);
  });

  it('lets exactly one of many concurrent writers at the same version win', async () => {
    const stream = `test-${randomUUID()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.append(stream, 0, [event(), event()])),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures.every((f) => f.reason instanceof WrongExpectedVersionError)).toBe(true);
    expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('treats re-appending the same event ids as a no-op returning the original positions', async () => {
    const stream = `test-${randomUUID()}`;
    const batch = [event('A'), event('B')];
    const original = await store.append(stream, 0, batch);

    const retried = await store.append(stream, 0, batch);
    const concurrentRetries = await Promise.all([store.append(stream, 0, batch), store.append(stream, 0, batch)]);

    expect(retried).toEqual({ ...original, duplicate: true });
    for (const r of concurrentRetries) expect(r.positions).toEqual(original.positions);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('refuses a batch that reuses only some stored ids, writing nothing', async () => {
    const stream = `test-${randomUUID()}`;
    const stored = event();
    await store.append(stream, 0, [stored]);

    await expect(store.append(stream, 1, [stored, event()])).rejects.toBeInstanceOf(EventIdReuseError);
    expect(await store.streamVersion(stream)).toBe(1);
  });

  it('never lets readAll pass an event whose transaction commits after a later one', async () => {
    const slow = await dataSource.createQueryRunner();
    await slow.connect();
    const slowStream = `slow-${randomUUID()}`;
    const fastStream = `fast-${randomUUID()}`;
    const before = await readEverything(store);
    const cursor = before.length ? cursorOf(before[before.length - 1] as RecordedEvent) : START_OF_STORE;
    try {
      // The slow transaction takes the lower position and stays open…
      await slow.startTransaction();
      await new EventStore({ query: (sql, p) => slow.query(sql, p) }).append(slowStream, 0, [event('Slow')]);
      // …while a later append commits.
      await store.append(fastStream, 0, [event('Fast')]);

      const whileOpen = await store.readAll(cursor);
      expect(whileOpen.map((e) => e.streamId)).not.toContain(slowStream);
      expect(whileOpen.map((e) => e.streamId)).not.toContain(fastStream);

      await slow.commitTransaction();
      const afterCommit = await store.readAll(cursor);
      expect(afterCommit.map((e) => e.streamId)).toEqual([slowStream, fastStream]);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });

  it('is not stalled by a rolled-back append', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const before = await readEverything(store);
    const cursor = before.length ? cursorOf(before[before.length - 1] as RecordedEvent) : START_OF_STORE;
    await runner.startTransaction();
    await new EventStore({ query: (sql, p) => runner.query(sql, p) }).append(`gone-${randomUUID()}`, 0, [
      event('Gone'),
    ]);
    const kept = `kept-${randomUUID()}`;
    await store.append(kept, 0, [event('Kept')]);
    await runner.rollbackTransaction();
    await runner.release();

    expect((await store.readAll(cursor)).map((e) => e.streamId)).toEqual([kept]);
  });

  it('chains each event to the previous one and names the first tampered event', async () => {
    const stream = pairStream(randomUUID());
    let version = 0;
    for (const n of [1, 2, 3, 4]) {
      version = (await store.append(stream, version, [event('Step', { n, nested: { b: 2, a: [1, 'два'] } })]))
        .nextExpectedVersion;
    }
    await store.append(stream, version, [event('Batch', { n: 5 }), event('Batch', { n: 6 })]);
    expect(await store.verifyStream(stream)).toEqual({ valid: true, events: 6 });

    await dataSource.query(
      `UPDATE events SET data = jsonb_set(data, '{n}', '30') WHERE stream_id = $1 AND stream_version = 3`,
      [stream],
    );

    const verdict = await store.verifyStream(stream);
    expect(verdict).toMatchObject({ valid: false, firstBrokenVersion: 3 });
  });

  it('accepts the head hash from the previous append, and recovers from a stale one without breaking the chain', async () => {
    const stream = pairStream(randomUUID());
    const first = await store.append(stream, 0, [event('One')]);
    const second = await store.append(stream, first.nextExpectedVersion, [event('Two')], {
      previousHash: first.lastHash,
    });
    await store.append(stream, second.nextExpectedVersion, [event('Three')], { previousHash: first.lastHash });

    expect(await store.verifyStream(stream)).toEqual({ valid: true, events: 3 });
  });
});
