import { endOfLocalDay } from '@mentorflow/calendar';
import type { PairForm } from '@mentorflow/domain';
import type { GeneratedRegion, LedgerOrganisation } from './generate-region';

/**
 * The regional figures computed straight from the generator's ledger, with none of the projections'
 * or the report's code: what the report must show. An event counts for a day when it happened before
 * the end of that day in the organisation's time zone.
 */
export interface ExpectedRegionFigures {
  organisations: number;
  implementing: number;
  withCurator: number;
  documents: {
    implementationAct: number;
    regulationApprovalOrder: number;
    roadMap: number;
    pairAssignmentOrderWithConsent: number;
    approvedPersonalisedProgramme: number;
    mentorContractSupplement: number;
  };
  forms: Partial<Record<PairForm, number>>;
  draftsDecided: number;
  draftsOnTime: number;
  municipalities: Record<string, { organisations: number; implementing: number; withCurator: number }>;
}

const before = (at: number | undefined, limit: number): boolean => at !== undefined && at < limit;

function organisationFigures(org: LedgerOrganisation, limit: number) {
  const livePairs = org.pairs.filter((p) => before(p.formedAt, limit) && !before(p.terminatedAt, limit));
  const documents = {
    implementationAct: before(org.documents.implementationAct, limit),
    regulationApprovalOrder: before(org.documents.regulationApprovalOrder, limit),
    // The generator records no road map (it advances no programme past the preparatory stage).
    roadMap: false,
    pairAssignmentOrderWithConsent: livePairs.length > 0,
    approvedPersonalisedProgramme: livePairs.some((p) => before(p.approvedAt, limit)),
    mentorContractSupplement: before(org.documents.mentorContractSupplement, limit),
  };
  return {
    documents,
    implementing:
      documents.implementationAct &&
      documents.regulationApprovalOrder &&
      documents.pairAssignmentOrderWithConsent &&
      documents.approvedPersonalisedProgramme,
    withCurator: before(org.curatorSince, limit),
    livePairs,
    drafts: org.drafts.filter((d) => before(d.decidedAt, limit)),
  };
}

export function expectedRegionFigures(
  region: GeneratedRegion,
  asOf?: string,
  municipality?: string,
): ExpectedRegionFigures {
  const result: ExpectedRegionFigures = {
    organisations: 0,
    implementing: 0,
    withCurator: 0,
    documents: {
      implementationAct: 0,
      regulationApprovalOrder: 0,
      roadMap: 0,
      pairAssignmentOrderWithConsent: 0,
      approvedPersonalisedProgramme: 0,
      mentorContractSupplement: 0,
    },
    forms: {},
    draftsDecided: 0,
    draftsOnTime: 0,
    municipalities: {},
  };
  for (const org of region.ledger) {
    if (municipality !== undefined && org.municipality !== municipality) continue;
    const limit = asOf === undefined ? Number.POSITIVE_INFINITY : Date.parse(endOfLocalDay(asOf, org.timeZone));
    if (!before(org.registeredAt, limit)) continue;
    const f = organisationFigures(org, limit);
    result.organisations += 1;
    result.implementing += f.implementing ? 1 : 0;
    result.withCurator += f.withCurator ? 1 : 0;
    for (const key of Object.keys(result.documents) as (keyof ExpectedRegionFigures['documents'])[])
      result.documents[key] += f.documents[key] ? 1 : 0;
    for (const pair of f.livePairs) result.forms[pair.form] = (result.forms[pair.form] ?? 0) + 1;
    result.draftsDecided += f.drafts.length;
    result.draftsOnTime += f.drafts.filter((d) => d.onTime).length;
    const m = result.municipalities[org.municipality] ?? { organisations: 0, implementing: 0, withCurator: 0 };
    result.municipalities[org.municipality] = {
      organisations: m.organisations + 1,
      implementing: m.implementing + (f.implementing ? 1 : 0),
      withCurator: m.withCurator + (f.withCurator ? 1 : 0),
    };
  }
  return result;
}
