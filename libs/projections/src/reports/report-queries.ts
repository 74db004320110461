import { regionalOrganisationKinds } from '@mentorflow/domain';
import type { SqlExecutor } from '@mentorflow/event-store';
import type { DataSource } from 'typeorm';
import type { OrganisationFacts, ReportSubjectType } from './report-facts';

export interface FactRow {
  readonly subjectType: ReportSubjectType;
  readonly subjectId: string;
  readonly organisationId: string;
  // The shape depends on subjectType (see report-facts.ts); the figures narrow it.
  readonly facts: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An organisation and the instant its report is taken at: `null` means its current facts. */
export interface OrganisationInstant {
  readonly organisationId: string;
  readonly at: string | null;
}

/**
 * A fact valid just before its organisation's instant `o.at`: valid_from < at <= valid_to. The instant is
 * exclusive (the start of the next local day), so an event stamped at it is not yet part of the day.
 */
const VALID_AT_INSTANT = 'f.valid_from < o.at AND (f.valid_to IS NULL OR f.valid_to >= o.at)';

interface FactRecord {
  subject_type: ReportSubjectType;
  subject_id: string;
  organisation_id: string;
  facts: unknown;
}

const toFactRow = (r: FactRecord): FactRow => ({
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  organisationId: r.organisation_id,
  facts: r.facts,
});

/** Every fact valid just before each organisation's instant (VALID_AT_INSTANT). */
export async function loadFactsAsOf(
  db: SqlExecutor,
  organisations: readonly OrganisationInstant[],
  types?: readonly ReportSubjectType[],
): Promise<FactRow[]> {
  if (organisations.length === 0) return [];
  const rows = await db.query<FactRecord>(
    `SELECT f.subject_type, f.subject_id, f.organisation_id, f.facts
     FROM report_facts f
     JOIN unnest($1::text[], $2::timestamptz[]) AS o(organisation_id, at) ON o.organisation_id = f.organisation_id
     WHERE ($3::text[] IS NULL OR f.subject_type = ANY($3::text[])) AND ${VALID_AT_INSTANT}
     ORDER BY f.organisation_id, f.subject_type, f.subject_id`,
    [organisations.map((o) => o.organisationId), organisations.map((o) => o.at ?? 'infinity'), types ?? null],
  );
  return rows.map(toFactRow);
}

/** An organisation, the instant its region row is taken at, and the instant its open tasks fall due against. */
export interface RegionInstant extends OrganisationInstant {
  readonly atMs: number;
}

/** A due date before every instant: all `isOverdue` asks of a task that fell due before the report's instant. */
const FELL_DUE = '1970-01-01T00:00:00.000Z';

/**
 * The facts a region's rows are built from, as of each organisation's instant: the organisations', programmes'
 * and incentives' whole, and of the pairs, routes, tasks and practices the few fields the rows count — their
 * `region_key` column (migration 1766600000000), grouped by PostgreSQL from an index alone, each group answered once
 * with how many share it and stood in the rows as the same object `n` times (the figures count, they do not change
 * it): a region's quarter-million fact documents stay unread (benchmark 15). A task keeps its status and, only when
 * it fell due before the instant, a due date before it. In no order. A field the rows come to count is added to
 * `report_fact_region_key` by a migration that also derives the column anew (the column is stored).
 */
export async function loadRegionFactsAsOf(
  db: SqlExecutor,
  organisations: readonly RegionInstant[],
): Promise<FactRow[]> {
  if (organisations.length === 0) return [];
  const params = [
    organisations.map((o) => o.organisationId),
    organisations.map((o) => o.at ?? 'infinity'),
    organisations.map((o) => new Date(o.atMs).toISOString()),
  ];
  const scope = `FROM report_facts f
     JOIN unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS o(organisation_id, at, due_before)
       ON o.organisation_id = f.organisation_id
     WHERE ${VALID_AT_INSTANT}`;
  const [whole, counted] = await Promise.all([
    db.query<FactRecord>(
      `SELECT f.subject_type, f.subject_id, f.organisation_id, f.facts ${scope}
         AND f.subject_type IN ('organisation', 'programme', 'incentive')`,
      params,
    ),
    db.query<{
      subject_type: ReportSubjectType;
      organisation_id: string;
      facts: Record<string, unknown>;
      fell_due: boolean | null;
      n: number;
    }>(
      `SELECT f.subject_type, f.organisation_id, f.region_key AS facts, f.due_at < o.due_before AS fell_due,
              count(*)::int AS n ${scope} AND f.region_key IS NOT NULL
       GROUP BY 1, 2, 3, 4`,
      params,
    ),
  ]);
  const rows: FactRow[] = whole.map(toFactRow);
  for (const r of counted) {
    const row: FactRow = {
      subjectType: r.subject_type,
      subjectId: '',
      organisationId: r.organisation_id,
      facts: r.fell_due ? { ...r.facts, dueAt: FELL_DUE } : r.facts,
    };
    for (let i = 0; i < r.n; i++) rows.push(row);
  }
  return rows;
}

/**
 * `loadRegionFactsAsOf` on one connection with room to group in memory: at the default 4 MB the region's
 * quarter-million counted facts were sorted on disk before grouping (benchmark 15's plan); SET LOCAL keeps
 * the setting to this transaction.
 */
export function loadRegionFactsInMemory(db: DataSource, organisations: readonly RegionInstant[]): Promise<FactRow[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '32MB'`);
    return loadRegionFactsAsOf(tx, organisations);
  });
}

export interface ScopedOrganisation {
  readonly organisationId: string;
  readonly facts: OrganisationFacts;
  /** When the organisation's first facts hold from (its registration): where the reports have data. */
  readonly since: Date;
}

/** Organisations of a region (and municipality), with their current name and time zone, ordered by name. */
export async function loadOrganisationsInScope(
  db: SqlExecutor,
  scope: { region?: string; municipality?: string; organisationId?: string },
): Promise<ScopedOrganisation[]> {
  const rows = await db.query<{ subject_id: string; facts: OrganisationFacts; since: Date }>(
    `SELECT subject_id, facts,
            -- An organisation's facts are its own (organisation_id = subject_id): by report_facts_as_of_idx, not a
            -- scan of every subject's facts for each organisation.
            (SELECT min(first.valid_from) FROM report_facts first
              WHERE first.organisation_id = report_facts.organisation_id AND first.subject_type = 'organisation'
                AND first.subject_id = report_facts.subject_id) AS since
     FROM report_facts
     WHERE subject_type = 'organisation' AND valid_to IS NULL
       -- A region's figures count educational organisations; a ЦНППМ, ИРО or methodical centre serves them.
       AND ($3::text IS NOT NULL OR coalesce(facts->>'kind', '') <> ALL($4::text[]))
       AND ($1::text IS NULL OR facts->>'region' = $1)
       AND ($2::text IS NULL OR facts->>'municipality' = $2)
       AND ($3::text IS NULL OR subject_id = $3)
     ORDER BY facts->>'municipality', facts->>'name', subject_id`,
    [scope.region ?? null, scope.municipality ?? null, scope.organisationId ?? null, regionalOrganisationKinds],
  );
  return rows.map((r) => ({ organisationId: r.subject_id, facts: r.facts, since: new Date(r.since) }));
}

/**
 * Mentors with a training recorded by each organisation's instant (issue 28), counted per organisation: a
 * training is recorded only once it ended, so one recorded before the instant had ended by the report's day.
 * Counts only: the names stay in the `personal` schema.
 */
export async function loadTrainedMentors(
  db: SqlExecutor,
  organisations: readonly OrganisationInstant[],
): Promise<Map<string, number>> {
  if (organisations.length === 0) return new Map();
  const rows = await db.query<{ organisation_id: string; trained: number }>(
    `SELECT o.organisation_id, count(DISTINCT t.person_id)::int AS trained
     FROM unnest($1::text[], $2::timestamptz[]) AS o(organisation_id, at)
     JOIN personal.trainings t ON t.organisation_id::text = o.organisation_id AND t.role = 'mentor' AND t.recorded_at < o.at
     GROUP BY o.organisation_id`,
    [organisations.map((o) => o.organisationId), organisations.map((o) => o.at ?? 'infinity')],
  );
  return new Map(rows.map((r) => [r.organisation_id, r.trained]));
}
