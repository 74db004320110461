import { regionalOrganisationKinds } from '@mentorflow/domain';
import type { SqlExecutor } from '@mentorflow/event-store';
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
 * Every fact valid just before each organisation's instant: valid_from < at <= valid_to. The instant is
 * exclusive (the start of the next local day), so an event stamped at it is not yet part of the day.
 */
export async function loadFactsAsOf(
  db: SqlExecutor,
  organisations: readonly OrganisationInstant[],
  types?: readonly ReportSubjectType[],
): Promise<FactRow[]> {
  if (organisations.length === 0) return [];
  const rows = await db.query<{
    subject_type: ReportSubjectType;
    subject_id: string;
    organisation_id: string;
    facts: unknown;
  }>(
    `SELECT f.subject_type, f.subject_id, f.organisation_id, f.facts
     FROM report_facts f
     JOIN unnest($1::text[], $2::timestamptz[]) AS o(organisation_id, at) ON o.organisation_id = f.organisation_id
     WHERE ($3::text[] IS NULL OR f.subject_type = ANY($3::text[]))
       AND f.valid_from < o.at AND (f.valid_to IS NULL OR f.valid_to >= o.at)
     ORDER BY f.organisation_id, f.subject_type, f.subject_id`,
    [organisations.map((o) => o.organisationId), organisations.map((o) => o.at ?? 'infinity'), types ?? null],
  );
  return rows.map((r) => ({
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    organisationId: r.organisation_id,
    facts: r.facts,
  }));
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
