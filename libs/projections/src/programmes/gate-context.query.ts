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
    ...(await loadMonitoringCounts(db, programmeId)),
    ...(await loadTrainingCounts(db, programmeId)),
  };
}

type TrainingCounts = Required<
  Pick<ProgrammeGateContext, 'preparationChecked' | 'mentorsWithoutTraining' | 'mentorTrainingRequired'>
>;

/**
 * The preparatory stage's training condition (issue 28): selected mentors with no training recorded (counted
 * only, no names: this goes to the workflow), and whether the organisation made training compulsory.
 */
async function loadTrainingCounts(db: SqlExecutor, programmeId: string): Promise<TrainingCounts> {
  const [row] = await db.query<{ untrained: number; required: boolean | null }>(
    `SELECT (SELECT count(DISTINCT v.person_id)::int FROM participants_view v
              WHERE v.programme_id = $1 AND v.status = 'registered' AND v.role = 'mentor'
                AND NOT EXISTS (SELECT 1 FROM personal.trainings t WHERE t.person_id::text = v.person_id::text)) AS untrained,
            (SELECT s.mentor_training_required FROM organisation_settings s JOIN programmes_view p
               ON p.organisation_id::text = s.organisation_id::text WHERE p.programme_id = $1) AS required`,
    [programmeId],
  );
  return {
    preparationChecked: true,
    mentorsWithoutTraining: row?.untrained ?? 0,
    mentorTrainingRequired: row?.required ?? false,
  };
}

type MonitoringCounts = Required<Pick<ProgrammeGateContext, 'processMonitoringResults' | 'influenceMonitoringResults'>>;

/**
 * Results of the organisation's monitoring journal (002 §10) whose period reaches into the programme: the
 * journal belongs to the organisation, and a result about a year before the programme says nothing of it.
 * The programme's start is compared as a UTC date: at most a day more lenient than its local date.
 */
async function loadMonitoringCounts(db: SqlExecutor, programmeId: string): Promise<MonitoringCounts> {
  const [row] = await db.query<{ process: number; influence: number }>(
    `SELECT count(*) FILTER (WHERE f.facts->>'stage' = 'process')::int AS process,
            count(*) FILTER (WHERE f.facts->>'stage' = 'influence')::int AS influence
     FROM programmes_view p
     JOIN report_facts f ON f.organisation_id = p.organisation_id::text
     WHERE p.programme_id = $1 AND f.subject_type = 'monitoringResult' AND f.valid_to IS NULL
       AND f.facts->>'periodEnd' >= left(p.state->>'startedAt', 10)`,
    [programmeId],
  );
  return { processMonitoringResults: row?.process ?? 0, influenceMonitoringResults: row?.influence ?? 0 };
}

type PairCounts = Omit<
  ProgrammeGateContext,
  'mentorsSelected' | 'menteesSelected' | keyof MonitoringCounts | keyof TrainingCounts
>;

async function loadPairCounts(db: SqlExecutor, programmeId: string): Promise<PairCounts> {
  const rows = await db.query<{ state: PairState }>('SELECT state FROM pairs_view WHERE programme_id = $1', [
    programmeId,
  ]);
  return pairGateCounts(rows.map((r) => r.state));
}
