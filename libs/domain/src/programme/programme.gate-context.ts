/**
 * Counts the workflow fetches from other slices (pairs, selection) at decision time: the programme
 * asks for them rather than copying the pairs' logic. Types only, so the events, the gates and the
 * pairs' read helpers can all name it without importing each other.
 */
export interface ProgrammeGateContext {
  readonly mentorsSelected: number;
  readonly menteesSelected: number;
  readonly pairsAssigned: number;
  readonly pairsAssignedWithOrderAndConsents: number;
  readonly pairsWithApprovedPersonalProgramme: number;
  readonly activePairs: number;
  readonly activePairsPassedInterimControl: number;
}
