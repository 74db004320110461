import { endOfLocalDay } from '@mentorflow/calendar';
import type { SqlExecutor } from '@mentorflow/event-store';
import {
  loadFactsAsOf,
  loadOrganisationsInScope,
  regionAggregate,
  regionOrganisationRow,
  type RegionOrganisationRow,
} from '@mentorflow/projections';
import type { ExpectedRegionFigures } from '../../scripts/region/expected-figures';

/** The region's per-organisation rows from the report facts, as of the end of `asOf` (or now). */
export async function regionRows(db: SqlExecutor, region: string, asOf?: string): Promise<RegionOrganisationRow[]> {
  const organisations = await loadOrganisationsInScope(db, { region });
  const facts = await loadFactsAsOf(
    db,
    organisations.map((o) => ({
      organisationId: o.organisationId,
      at: asOf === undefined ? null : endOfLocalDay(asOf, o.facts.timeZone),
    })),
  );
  return organisations
    .map((o) =>
      regionOrganisationRow(
        o.organisationId,
        facts.filter((f) => f.organisationId === o.organisationId),
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
