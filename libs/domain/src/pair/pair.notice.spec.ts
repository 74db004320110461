import type { CommandMetadata } from '../shared/decider';
import type { PairCommand } from './pair.commands';
import type { PairEvent, PairTerminationNotice } from './pair.events';
import {
  at,
  curator,
  director,
  formedState,
  inActive,
  inFormed,
  pairTerminated,
  spec,
  terminatedPair,
} from './pair.fixtures';

// Moscow: Mon 2 November 2026 → 3 working days on is Fri 6 November (4 November is a holiday).
const givenAt = '2026-11-02T09:00:00.000Z';
const ends = { endsOn: '2026-11-06', endsAt: '2026-11-06T21:00:00.000Z' };
const notice = (
  data: Partial<Extract<PairCommand, { type: 'GiveTerminationNotice' }>['data']> = {},
  metadata: CommandMetadata = { ...at('mentee-1', 'mentee', givenAt), today: '2026-11-02' },
): PairCommand => ({ type: 'GiveTerminationNotice', data: { noticeDate: '2026-11-02', ...ends, ...data }, metadata });
const given: PairTerminationNotice = {
  noticeDate: '2026-11-02',
  givenBy: 'mentee-1',
  givenByRole: 'mentee',
  ...ends,
};
const noticeGiven: PairEvent = {
  type: 'PairTerminationNoticeGiven',
  data: { pairId: 'pair-1', ...given, recordedAt: givenAt },
};
const end = (now: string): PairCommand => ({
  type: 'EndPairOnNotice',
  data: {},
  metadata: { actorId: 'system', role: 'system', now },
});
const reason = 'Досрочное прекращение по письменному заявлению наставляемого от 02.11.2026';

describe('early termination on written notice (Labour Code art. 351.8)', () => {
  describe('GiveTerminationNotice', () => {
    it('records the mentee’s notice with its date and the day the pair ends', () =>
      spec.given(inActive).when(notice()).then([noticeGiven]));

    it('records the mentor’s notice as the mentor’s', () =>
      spec
        .given(inFormed)
        .when(notice({}, { ...at('mentor-1', 'mentor', givenAt), today: '2026-11-02' }))
        .then([
          {
            type: 'PairTerminationNoticeGiven',
            data: { ...(noticeGiven.data as object), givenBy: 'mentor-1', givenByRole: 'mentor' },
          } as PairEvent,
        ]));

    it('refuses a notice dated in the future, naming the date', () =>
      spec
        .given(inActive)
        .when(notice({ noticeDate: '2026-11-03' }))
        .thenRefuses('pair.notice.invalid', ['notice.date.inFuture']));

    it.each([curator, director, at('mentee-9', 'mentee')])('refuses $actorId giving it', (metadata) =>
      spec.given(inActive).when(notice({}, metadata)).thenRefuses('pair.forbidden'),
    );

    it('refuses a second notice and a closed pair', () => {
      spec
        .given([...inActive, noticeGiven])
        .when(notice())
        .thenRefuses('pair.notice.alreadyGiven');
      spec.given(terminatedPair).when(notice()).thenRefuses('pair.closed');
    });

    it('keeps the pending notice in the state', () =>
      expect(formedState([...inActive, noticeGiven]).terminationNotice).toEqual(given));
  });

  describe('EndPairOnNotice', () => {
    it('ends the pair once the notice period has run, cancelling open tasks', () =>
      spec
        .given([...inActive, noticeGiven])
        .when(end(ends.endsAt))
        .then(
          [
            {
              type: 'PairTerminated',
              data: {
                ...(pairTerminated.data as object),
                reason,
                order: undefined,
                notice: given,
                terminatedAt: ends.endsAt,
                terminatedBy: 'system',
              },
            } as PairEvent,
            ...['task-interim', 'task-report', 'task-final'].map((taskId): PairEvent => ({
              type: 'TaskCancelled',
              data: { taskId, cancelledAt: ends.endsAt, reason },
            })),
          ].map((e) => JSON.parse(JSON.stringify(e)) as PairEvent),
        ));

    it('refuses before the day the notice allows, and without a notice', () => {
      spec
        .given([...inActive, noticeGiven])
        .when(end('2026-11-05T09:00:00.000Z'))
        .thenRefuses('pair.notice.notYetDue');
      spec.given(inActive).when(end(ends.endsAt)).thenRefuses('pair.notice.none');
    });

    it('keeps the notice in the termination, with no order', () => {
      const events = [...inFormed, noticeGiven];
      const state = formedState([
        ...events,
        {
          type: 'PairTerminated',
          data: { ...(pairTerminated.data as object), order: undefined, notice: given, reason } as never,
        },
      ]);
      expect(state.status).toBe('terminated');
      expect(state.termination).toEqual({
        reason,
        notice: given,
        terminatedAt: (pairTerminated.data as { terminatedAt: string }).terminatedAt,
        terminatedBy: 'director-1',
      });
    });
  });
});
