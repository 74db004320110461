import { pairGateCounts, type PairState, type ProgrammeGateContext } from '@mentorflow/domain';
import type { SqlExecutor } from '@mentorflow/event-store';

/**
 * The counts the programme's stage gates ask of the participants and pairs slices. One reader for
 * the workflow's activity and the API's checklist, so both apply the same rule.
 */
export async function loadProgrammeGateContext(db: SqlExecutor, programmeId: string): Promise<ProgrammeGateContext> {
  const [selection] = await db.query<{ mentors: number; mentees: number }>(
    `SELECT count(DISTINCT person_id) FILTER (WHERE role = 'mentor')::int AS mentors,
            count(DISTINCT person_id) FILTER (WHERE role = 'mentee')::int AS mentees
     FROM participants_view WHERE programme_id = $1 AND status = 'registered'`,
    [programmeId],
  );
  return {
    mentorsSelected: selection?.mentors ?? 0,
    menteesSelected: selection?.mentees ?? 0,
    ...(await loadPairCounts(db, programmeId)),
  };
}

type PairCounts = Omit<ProgrammeGateContext, 'mentorsSelected' | 'menteesSelected'>;

async function loadPairCounts(db: SqlExecutor, programmeId: string): Promise<PairCounts> {
  const rows = await db.query<{ state: PairState }>('SELECT state FROM pairs_view WHERE programme_id = $1', [
    programmeId,
  ]);
  return pairGateCounts(rows.map((r) => r.state));
}
