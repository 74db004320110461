import { pairDecider } from './pair.decider';
import type { PairEvent } from './pair.events';
import { pairGateCounts } from './pair.gate-counts';
import type { PairState } from './pair.state';
import {
  afterInterim,
  completedPair,
  fold,
  inActive,
  inFormed,
  interimFailed,
  mentorReplaced,
  pairTerminated,
  terminatedPair,
} from './pair.fixtures';

describe('mentoring pair or group', () => {
  describe('gate counts for the programme', () => {
    it('counts what the stage gates need; terminated pairs do not count, completed ones count everywhere', () => {
      const other = (events: PairEvent[]): PairState => fold(events);
      expect(
        pairGateCounts([
          pairDecider.initialState(),
          other(inFormed),
          other(inActive),
          other([...inActive, ...interimFailed]),
          other(afterInterim),
          other(completedPair),
          other(terminatedPair),
          other([...inActive, pairTerminated]),
        ]),
      ).toEqual({
        pairsAssigned: 5,
        pairsAssignedWithOrderAndConsents: 5,
        pairsWithApprovedPersonalProgramme: 4,
        activePairs: 4,
        activePairsPassedInterimControl: 2,
      });
    });

    it('keeps a pair whose new mentor consented among pairs with order and consents', () =>
      expect(pairGateCounts([fold([...inFormed, mentorReplaced()])]).pairsAssignedWithOrderAndConsents).toBe(1));

    it('counts nothing for no pairs', () =>
      expect(pairGateCounts([])).toEqual({
        pairsAssigned: 0,
        pairsAssignedWithOrderAndConsents: 0,
        pairsWithApprovedPersonalProgramme: 0,
        activePairs: 0,
        activePairsPassedInterimControl: 0,
      }));
  });
});
