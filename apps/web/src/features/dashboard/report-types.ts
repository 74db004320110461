/**
 * The reports' JSON as the dashboard reads it (GET /reports/region, /organisations/:id/reports/monitoring and
 * /routes). Not in api-types.ts: the reports answer JSON, XLSX or CSV, so their OpenAPI lists no JSON schema. The
 * client's Accept names text/csv too (for other downloads), so the dashboard asks `format=json` outright.
 */

export interface CountRow {
  key: string;
  label: string;
  count: number;
  share: number | null;
}

export interface Period {
  start: string;
  end: string;
}

export interface RegionFigures {
  organisations: number;
  implementing: number;
  implementingShare: number | null;
  withCurator: number;
  withCuratorShare: number | null;
  withoutDocuments: number;
  documents: CountRow[];
  pairs: number;
  forms: CountRow[];
  kinds: CountRow[];
  pairsByStatus: CountRow[];
  routes: number;
  routesByStage: CountRow[];
  openTasks: number;
  overdueTasks: number;
  draftsDecided: number;
  draftsOnTime: number;
  draftsOnTimeShare: number | null;
  practicesSubmitted: number;
  practicesPublished: number;
}

export interface RegionOrganisationRow {
  organisationId: string;
  name: string;
  municipality: string;
  implementsTargetModel: boolean;
  hasCurator: boolean;
  pairs: number;
  routes: number;
  openTasks: number;
  overdueTasks: number;
}

export interface RegionReport {
  scope: { region?: string; municipality?: string };
  asOf: string | null;
  period: Period;
  /** The first day with data (the earliest registration in scope); null for an empty region. */
  dataSince: string | null;
  totals: RegionFigures;
  municipalities: (RegionFigures & { municipality: string })[];
  organisations: { items: RegionOrganisationRow[]; total: number; limit: number; offset: number };
}

export interface OrganisationReport {
  asOf: string | null;
  period: Period;
  /** The organisation's registration day: the reports have no data before it. */
  dataSince: string | null;
  organisation: { organisationId: string; name: string; region: string; municipality: string; timeZone: string };
  targetModel: { implementsTargetModel: boolean; hasCurator: boolean };
  documents: { key: string; label: string; held: boolean }[];
  programmes: { programmeId: string; title: string; stageLabel: string; stageEnteredAt: string; daysInStage: number }[];
  pairs: { total: number; byStatus: CountRow[]; byForm: CountRow[]; byKind: CountRow[] };
  tasks: { role: string; roleLabel: string; open: number; overdue: number }[];
  controls: { interim: CountRow[]; final: CountRow[] };
  processMonitoring: { activePairs: number; overdueControlTasks: number };
}

export interface RoutesReport {
  totals: { routes: number; byStage: CountRow[] };
}

const shareFormat = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 });

/** «37,6 %» for 0.376. */
export const formatShare = (share: number): string => shareFormat.format(share);

/** A count with its share of the whole: «3 из 8 (37,5 %)». */
export const countOf = (count: number, whole: number): string =>
  whole === 0 ? String(count) : `${count} из ${whole} (${formatShare(count / whole)})`;
