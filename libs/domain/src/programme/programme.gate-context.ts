/**
 * Counts the workflow fetches from other slices (pairs, selection) at decision time: the programme
 * asks for them rather than copying the pairs' logic. It imports nothing, so the events, the gates and
 * the pairs' read helpers can all name it without importing each other.
 */
export interface ProgrammeGateContext {
  readonly mentorsSelected: number;
  readonly menteesSelected: number;
  readonly pairsAssigned: number;
  readonly pairsAssignedWithOrderAndConsents: number;
  readonly pairsWithApprovedPersonalProgramme: number;
  readonly activePairs: number;
  readonly activePairsPassedInterimControl: number;
  /**
   * Monitoring results (002 §10) the organisation recorded for periods reaching into the programme, per
   * monitoring stage. Absent only in counts taken before the gate read them (recorded histories, stored
   * StageAdvanced events): those decisions were made without them and must replay as they were made.
   */
  readonly processMonitoringResults?: number;
  readonly influenceMonitoringResults?: number;
  /**
   * Set by every count taken since the preparatory stage gained its content (issue 28): the problem analysis
   * and the mentors' training. Absent in recorded histories and stored StageAdvanced events, whose decisions
   * were made without these conditions and must replay as they were made.
   */
  readonly preparationChecked?: boolean;
  /** Selected (registered) mentors of the programme with no training recorded. */
  readonly mentorsWithoutTraining?: number;
  /** The organisation's setting «обучение наставников обязательно»: untrained mentors block the stage. */
  readonly mentorTrainingRequired?: boolean;
}

/** The counts before anyone is selected or paired. */
export const emptyGateContext: ProgrammeGateContext = {
  mentorsSelected: 0,
  menteesSelected: 0,
  pairsAssigned: 0,
  pairsAssignedWithOrderAndConsents: 0,
  pairsWithApprovedPersonalProgramme: 0,
  activePairs: 0,
  activePairsPassedInterimControl: 0,
  processMonitoringResults: 0,
  influenceMonitoringResults: 0,
};
