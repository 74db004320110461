import { parseCalendarOverlayXml } from '@mentorflow/calendar';
import { uuidV5, type EventStore, type RecordedEvent, type SqlExecutor } from '@mentorflow/event-store';
import { organisationStream, productionCalendarStream } from '@mentorflow/domain';
import { calendarOverlayLoadedType } from '@mentorflow/projections';
import { createRouteActivities } from './route.activities';

// No calendar year has been loaded by an administrator: the shipped years apply.
const activities = createRouteActivities({
  store: { readStream: async () => [] } as unknown as EventStore,
  db: { query: async () => [] } as unknown as SqlExecutor,
});
const routeId = '0b9f3c9e-6f5c-4a53-9d0e-3b8f3a2b6c1d';

describe('route activities', () => {
  it('makes RFC 4122 name-based UUIDs (the standard DNS example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow('Not a UUID');
  });

  it('rolls the monthly check over the year end in the organisation time zone', async () => {
    // 31 Dec 22:30 in Moscow is still December there: the next check is January's.
    await expect(
      activities.routeMonthlyCheck({ routeId, after: '2026-12-31T19:30:00.000Z', timeZone: 'Europe/Moscow' }),
    ).resolves.toMatchObject({
      month: '2027-01',
      startsAt: '2026-12-31T21:00:00.000Z',
      dueLocalDate: '2027-01-31',
      dueAt: '2027-01-31T21:00:00.000Z',
    });
    // The same instant is already 1 January in Kamchatka: the next check is February's, due on its last day.
    await expect(
      activities.routeMonthlyCheck({ routeId, after: '2026-12-31T19:30:00.000Z', timeZone: 'Asia/Kamchatka' }),
    ).resolves.toMatchObject({
      month: '2027-02',
      dueLocalDate: '2027-02-28',
    });
  });

  it('continues after the last month already raised, one task id per route and month', async () => {
    const next = await activities.routeMonthlyCheck({
      routeId,
      after: '2026-06-10T00:00:00.000Z',
      lastMonth: '2027-12',
      timeZone: 'Asia/Novosibirsk',
    });
    expect(next).toMatchObject({ month: '2028-01', dueLocalDate: '2028-01-31' });
    expect(next.taskId).toBe(uuidV5(routeId, 'check-2028-01'));
    expect(uuidV5(routeId, 'check-2028-01')).not.toBe(uuidV5('1b9f3c9e-6f5c-4a53-9d0e-3b8f3a2b6c1d', 'check-2028-01'));
  });

  it('gives late control diagnostics 10 working days when the route has already ended', async () => {
    await expect(
      activities.routeControlDiagnosticsDeadline({
        startedAt: '2026-04-28T10:00:00+03:00',
        endDate: '2026-04-01',
        timeZone: 'Europe/Moscow',
      }),
    ).resolves.toEqual({ dueAt: '2026-05-14T21:00:00.000Z', dueLocalDate: '2026-05-14' });
  });

  describe("an organisation's region", () => {
    // A constructed Tatarstan overlay for 2027: Ураза-байрам on Wed 10 March, a federal working day.
    const overlay = parseCalendarOverlayXml(`<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2027" lang="ru" country="ru" region="Республика Татарстан">
    <holidays><holiday id="1" title="Ураза-байрам"/></holidays>
    <days><day d="03.10" t="1" h="1"/></days>
</calendar>`);
    const kazan = '11111111-1111-4111-8111-111111111111';
    const samara = '22222222-2222-4222-8222-222222222222';
    const registered = (organisationId: string, region: string) =>
      ({
        type: 'OrganisationRegistered',
        data: {
          organisationId,
          name: 'Школа',
          kind: 'school',
          municipality: 'г. о.',
          region,
          timeZone: 'Europe/Moscow',
          settings: { mentorCapacity: 2 },
          registeredAt: '2026-01-01T00:00:00Z',
          registeredBy: 'admin',
        },
      }) as unknown as RecordedEvent;
    const streams: Record<string, RecordedEvent[]> = {
      [productionCalendarStream]: [
        {
          type: calendarOverlayLoadedType,
          data: { region: overlay.region, year: 2027, overlay, loadedBy: 'admin', loadedAt: '2026-12-01T00:00:00Z' },
        } as unknown as RecordedEvent,
      ],
      [organisationStream(kazan)]: [registered(kazan, 'Республика Татарстан')],
      [organisationStream(samara)]: [registered(samara, 'Самарская область')],
    };
    const regional = createRouteActivities({
      store: { readStream: async (streamId: string) => streams[streamId] ?? [] } as unknown as EventStore,
      db: { query: async () => [] } as unknown as SqlExecutor,
    });
    // Diagnostics on Wed 3 March 2027; federal working days after it: 4, 5, (8 March a holiday) 9, 10, 11, 12, 15, 16, 17, 18.
    const draftFor = (organisationId?: string) =>
      regional.routeDraftDeadline({
        diagnosticsRecordedAt: '2027-03-03T12:00:00+03:00',
        timeZone: 'Europe/Moscow',
        ...(organisationId ? { organisationId } : {}),
      });

    it('moves the draft deadline and its reminder by exactly the overlay day for an organisation of that region', async () => {
      await expect(draftFor(kazan)).resolves.toEqual({
        dueAt: '2027-03-19T21:00:00.000Z',
        dueLocalDate: '2027-03-19',
        remindAt: ['2027-03-17T21:00:00.000Z'],
      });
    });

    it('leaves organisations of other regions, and a deadline without an organisation, on the federal calendar', async () => {
      const federal = {
        dueAt: '2027-03-18T21:00:00.000Z',
        dueLocalDate: '2027-03-18',
        remindAt: ['2027-03-16T21:00:00.000Z'],
      };
      await expect(draftFor(samara)).resolves.toEqual(federal);
      await expect(draftFor()).resolves.toEqual(federal);
    });

    it('counts the escalation of an overdue draft with the overlay too', async () => {
      // Overdue during Tue 9 March: two working days are 11 and 12 March in Tatarstan, 10 and 11 elsewhere.
      const overdueAt = '2027-03-09T15:00:00.000Z';
      await expect(
        regional.routeDraftEscalation({ organisationId: kazan, overdueAt, timeZone: 'Europe/Moscow' }),
      ).resolves.toMatchObject({ dueLocalDate: '2027-03-12' });
      await expect(
        regional.routeDraftEscalation({ organisationId: samara, overdueAt, timeZone: 'Europe/Moscow' }),
      ).resolves.toMatchObject({ dueLocalDate: '2027-03-11' });
    });
  });
});
