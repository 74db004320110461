import type { ProgrammeGateContext } from '@mentorflow/domain';
import type { SqlExecutor } from '@mentorflow/event-store';

/**
 * The counts the programme's stage gates ask of the pairs slice. One reader for the workflow's
 * activity and the API's checklist, so both see the same rule. Until pairs are recorded nothing is
 * selected or assigned, and the gates that need them stay unmet.
 */
export async function loadProgrammeGateContext(db: SqlExecutor, programmeId: string): Promise<ProgrammeGateContext> {
  void db;
  void programmeId;
  return {
    mentorsSelected: 0,
    menteesSelected: 0,
    pairsAssigned: 0,
    pairsAssignedWithOrderAndConsents: 0,
    pairsWithApprovedPersonalProgramme: 0,
    activePairs: 0,
    activePairsPassedInterimControl: 0,
  };
}
