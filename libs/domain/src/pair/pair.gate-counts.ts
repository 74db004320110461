import { isIsoDate } from '../shared/dates';
import type { ProgrammeGateContext } from '../programme/programme.gate-context';
import { pairOrderProblems } from './pair.rules';
import { isFormedPair, type FormedPair, type PairState } from './pair.state';

export type PairGateCounts = Pick<
  ProgrammeGateContext,
  | 'pairsAssigned'
  | 'pairsAssignedWithOrderAndConsents'
  | 'pairsWithApprovedPersonalProgramme'
  | 'activePairs'
  | 'activePairsPassedInterimControl'
>;

/** The current mentor and every mentee have a dated written consent, and the order is complete. */
export const pairHasOrderAndConsents = (pair: FormedPair): boolean =>
  pairOrderProblems(pair.order).length === 0 &&
  [pair.mentorId, ...pair.menteeIds].every((personId) =>
    pair.consents.some((c) => c.personId === personId && isIsoDate(c.date)),
  );

export const pairPassedInterimControl = (pair: FormedPair): boolean =>
  pair.interimControls.at(-1)?.outcome === 'passed';

/**
 * The counts the programme's stage gates need, over the pairs of one programme. Terminated pairs do
 * not count. A completed pair was assigned, approved and active and passed its controls, so it counts
 * in all five — also in activePairs, which keeps "passed" never above "active" as the gate checks.
 */
export const pairGateCounts = (states: readonly PairState[]): PairGateCounts => {
  const counted = states.filter(isFormedPair).filter((pair) => pair.status !== 'terminated');
  const count = (holds: (pair: FormedPair) => boolean): number => counted.filter(holds).length;
  return {
    pairsAssigned: counted.length,
    pairsAssignedWithOrderAndConsents: count(pairHasOrderAndConsents),
    pairsWithApprovedPersonalProgramme: count((pair) => pair.personalProgramme !== undefined),
    activePairs: count((pair) => pair.status === 'active' || pair.status === 'completed'),
    activePairsPassedInterimControl: count(
      (pair) => pair.status === 'completed' || (pair.status === 'active' && pairPassedInterimControl(pair)),
    ),
  };
};
