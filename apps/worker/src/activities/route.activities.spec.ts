import { uuidV5, type EventStore, type SqlExecutor } from '@mentorflow/event-store';
import { createRouteActivities } from './route.activities';

// No calendar year has been loaded by an administrator: the shipped years apply.
const activities = createRouteActivities({ store: { readStream: async () => [] } as unknown as EventStore, db: { query: async () => [] } as unknown as SqlExecutor });
const routeId = '0b9f3c9e-6f5c-4a53-9d0e-3b8f3a2b6c1d';

describe('route activities', () => {
  it('makes RFC 4122 name-based UUIDs (the standard DNS example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow('Not a UUID');
  });

  it('rolls the monthly check over the year end in the organisation time zone', async () => {
    // 31 Dec 22:30 in Moscow is still December there: the next check is January's.
    await expect(activities.routeMonthlyCheck({ routeId, after: '2026-12-31T19:30:00.000Z', timeZone: 'Europe/Moscow' })).resolves.toMatchObject({
      month: '2027-01',
      startsAt: '2026-12-31T21:00:00.000Z',
      dueLocalDate: '2027-01-31',
      dueAt: '2027-01-31T21:00:00.000Z',
    });
    // The same instant is already 1 January in Kamchatka: the next check is February's, due on its last day.
    await expect(activities.routeMonthlyCheck({ routeId, after: '2026-12-31T19:30:00.000Z', timeZone: 'Asia/Kamchatka' })).resolves.toMatchObject({
      month: '2027-02',
      dueLocalDate: '2027-02-28',
    });
  });

  it('continues after the last month already raised, one task id per route and month', async () => {
    const next = await activities.routeMonthlyCheck({ routeId, after: '2026-06-10T00:00:00.000Z', lastMonth: '2027-12', timeZone: 'Asia/Novosibirsk' });
    expect(next).toMatchObject({ month: '2028-01', dueLocalDate: '2028-01-31' });
    expect(next.taskId).toBe(uuidV5(routeId, 'check-2028-01'));
    expect(uuidV5(routeId, 'check-2028-01')).not.toBe(uuidV5('1b9f3c9e-6f5c-4a53-9d0e-3b8f3a2b6c1d', 'check-2028-01'));
  });

  it('gives late control diagnostics 10 working days when the route has already ended', async () => {
    await expect(
      activities.routeControlDiagnosticsDeadline({ startedAt: '2026-04-28T10:00:00+03:00', endDate: '2026-04-01', timeZone: 'Europe/Moscow' }),
    ).resolves.toEqual({ dueAt: '2026-05-14T21:00:00.000Z', dueLocalDate: '2026-05-14' });
  });
});
