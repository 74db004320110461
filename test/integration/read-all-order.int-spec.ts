import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { cursorOf, EventStore } from '@mentorflow/event-store';
import { openTestDataSource } from '../support/database';

/**
 * Regression: readAll sorted by the text alias of transaction_id, so once transaction ids gained a
 * digit ('999' → '1000') a batch started with the newer ids and the cursor then skipped the older
 * ones for good — projections silently lost events (found loading a generated region).
 */
describe('readAll across a power of ten in transaction ids', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  const append = async (store: EventStore, streamId: string) => {
    await store.append(streamId, 0, [
      { eventId: randomUUID(), type: 'ReadAllOrderProbe', data: {}, metadata: { actorId: 'tester' } },
    ]);
    const [event] = await store.readStream(streamId);
    if (!event) throw new Error('not appended');
    return event;
  };

  it('returns events in numeric transaction order, one batch after another', async () => {
    const store = new EventStore(dataSource);
    const marker = await append(store, `probe-${randomUUID()}`);
    const older = await append(store, `probe-${randomUUID()}`);
    const boundary = 10 ** older.transactionId.length;
    // Each COMMIT in the loop ends a transaction that took an id: burn ids up to the next power of ten.
    await dataSource.query(
      `DO $$ BEGIN WHILE pg_current_xact_id()::text::bigint < ${boundary} LOOP COMMIT; END LOOP; END $$`,
    );
    const newer = await append(store, `probe-${randomUUID()}`);
    expect(newer.transactionId.length).toBeGreaterThan(older.transactionId.length);

    expect((await store.readAll(cursorOf(marker), 1)).map((e) => e.eventId)).toEqual([older.eventId]);
    expect((await store.readAll(cursorOf(older), 1)).map((e) => e.eventId)).toEqual([newer.eventId]);
  });
});
