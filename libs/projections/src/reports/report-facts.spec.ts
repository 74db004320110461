import { monitoringStream, organisationStream, pairStream } from '@mentorflow/domain';
import { eventOccurredAt, subjectsOf } from './report-facts';
import { planIntervals } from './report-facts.projection';

describe('report facts: which subjects an event changes, and when it happened', () => {
  it('dates an event by the instant the domain stamped into it, not by when it reached the store', () => {
    const event = {
      type: 'PairFormed',
      data: { formedAt: '2025-12-01T07:00:00.000Z', term: { start: '2025-12-01' } },
      recordedAt: '2026-11-23T04:00:00.000Z',
    };
    expect(eventOccurredAt(event)).toBe('2025-12-01T07:00:00.000Z');
  });

  it('takes the raising time of a task, not its due instant', () => {
    const event = {
      type: 'TaskRaised',
      data: { dueAt: '2026-05-14T21:00:00.000Z', raisedAt: '2026-04-28T09:00:00.000Z' },
      recordedAt: '2026-04-28T09:00:01.000Z',
    };
    expect(eventOccurredAt(event)).toBe('2026-04-28T09:00:00.000Z');
  });

  it('falls back to the store time when the data carries none', () => {
    expect(eventOccurredAt({ type: 'Other', data: {}, recordedAt: '2026-01-01T00:00:00.000Z' })).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('sends a pair task event both to the pair and to the task, an organisation event only to the organisation', () => {
    const taskEvent = {
      streamId: pairStream('p1'),
      type: 'TaskOverdue',
      data: { taskId: 't1', overdueAt: '2026-01-01T00:00:00.000Z' },
    };
    expect(subjectsOf(taskEvent).map((s) => s.key)).toEqual(['pair:p1', 'task:t1']);
    expect(
      subjectsOf({ streamId: organisationStream('o1'), type: 'StaffAssigned', data: {} }).map((s) => s.key),
    ).toEqual(['organisation:o1']);
    expect(
      subjectsOf({ streamId: monitoringStream('o1'), type: 'MonitoringResultRecorded', data: { resultId: 'r1' } }).map(
        (s) => s.key,
      ),
    ).toEqual(['monitoringResult:r1']);
  });
});

describe('planIntervals', () => {
  const v = (at: string, json: string) => ({ at, organisationId: 'o1', json });
  const open = { id: '7', from: '2026-01-01T00:00:00.000Z', json: '{"a":1}' };

  it('closes the open interval at the first change and chains the new ones, the last left open', () =>
    expect(
      planIntervals(open, [v('2026-02-01T00:00:00.000Z', '{"a":2}'), v('2026-03-01T00:00:00.000Z', '{"a":3}')]),
    ).toEqual({
      update: { id: '7', json: null, organisationId: null, validTo: '2026-02-01T00:00:00.000Z' },
      inserts: [
        { ...v('2026-02-01T00:00:00.000Z', '{"a":2}'), validTo: '2026-03-01T00:00:00.000Z' },
        { ...v('2026-03-01T00:00:00.000Z', '{"a":3}'), validTo: null },
      ],
    }));

  it('adds nothing for an unchanged version, even with keys in another order', () =>
    expect(planIntervals({ ...open, json: '{"b":1,"a":1}' }, [v('2026-02-01T00:00:00.000Z', '{"a":1,"b":1}')])).toEqual(
      { inserts: [] },
    ));

  it('replaces the content of an interval that began at the same instant instead of leaving an empty one', () =>
    expect(planIntervals(open, [v('2026-01-01T00:00:00.000Z', '{"a":2}')])).toEqual({
      update: { id: '7', json: '{"a":2}', organisationId: 'o1', validTo: null },
      inserts: [],
    }));

  it('opens the first interval of a new subject', () =>
    expect(planIntervals(undefined, [v('2026-01-01T00:00:00.000Z', '{"a":1}')])).toEqual({
      inserts: [{ ...v('2026-01-01T00:00:00.000Z', '{"a":1}'), validTo: null }],
    }));
});
