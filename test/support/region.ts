import { endOfLocalDay } from '@mentorflow/calendar';
import type { SqlExecutor } from '@mentorflow/event-store';
import {
  loadFactsAsOf,
  loadRegionFactsAsOf,
  loadOrganisationsInScope,
  regionAggregate,
  regionOrganisationRow,
  type RegionOrganisationRow,
} from '@mentorflow/projections';
import type { ExpectedRegionFigures } from '../../scripts/region/expected-figures';
import { generateRegion } from '../../scripts/region/generate-region';

/**
 * The region's per-organisation rows from the report facts, as of the end of `asOf` (or now). With `currentFacts`,
 * the facts are the current ones while tasks are still judged overdue at the end of `asOf`: what the region showed
 * that day when its history ended there.
 */
export async function regionRows(
  db: SqlExecutor,
  region: string,
  asOf?: string,
  { currentFacts = false, grouped = false }: { currentFacts?: boolean; grouped?: boolean } = {},
): Promise<RegionOrganisationRow[]> {
  const organisations = await loadOrganisationsInScope(db, { region });
  const now = Date.now();
  const instants = organisations.map((o) => ({
    organisationId: o.organisationId,
    at: asOf === undefined || currentFacts ? null : endOfLocalDay(asOf, o.facts.timeZone),
    atMs: asOf === undefined ? now : Date.parse(endOfLocalDay(asOf, o.facts.timeZone)),
  }));
  // `grouped`: as the region report reads them (the numerous subjects' counted fields), not every document.
  const facts = grouped ? await loadRegionFactsAsOf(db, instants) : await loadFactsAsOf(db, instants);
  return instants
    .map((o) =>
      regionOrganisationRow(
        o.organisationId,
        facts.filter((f) => f.organisationId === o.organisationId),
        o.atMs,
      ),
    )
    .filter((r): r is RegionOrganisationRow => r !== undefined);
}

/** The report's figures in the shape of the generator's expected ones (a reshaping, no counting rules). */
export function figuresOf(rows: readonly RegionOrganisationRow[]): ExpectedRegionFigures {
  const totals = regionAggregate(rows);
  const municipalities: ExpectedRegionFigures['municipalities'] = {};
  for (const name of new Set(rows.map((r) => r.municipality))) {
    const m = regionAggregate(rows.filter((r) => r.municipality === name));
    municipalities[name] = { organisations: m.organisations, implementing: m.implementing, withCurator: m.withCurator };
  }
  return {
    organisations: totals.organisations,
    implementing: totals.implementing,
    withCurator: totals.withCurator,
    documents: Object.fromEntries(totals.documents.map((d) => [d.key, d.count])) as ExpectedRegionFigures['documents'],
    forms: Object.fromEntries(totals.forms.filter((f) => f.count > 0).map((f) => [f.key, f.count])),
    draftsDecided: totals.draftsDecided,
    draftsOnTime: totals.draftsOnTime,
    municipalities,
  };
}

/**
 * A region of its own for a spec (other test files share the database): 3 municipalities, 8 organisations,
 * 40 pairs, 30 routes. Its history ends at a fixed instant, not today: the generator counts draft deadlines on
 * the shipped calendar and leaves out the routes of a year it lacks, so a history ending after the shipped
 * data would differ by the run's date (or have no drafts at all).
 */
export const testRegion = ({ seed, region, regionCode }: { seed: number; region: string; regionCode: number }) =>
  generateRegion({
    municipalities: 3,
    organisations: 8,
    pairs: 40,
    routes: 30,
    seed,
    region,
    regionCode,
    now: Date.parse('2026-11-30T09:00:00.000Z'),
  });
