import {
  pairFormLabels,
  pairForms,
  pairKindLabels,
  pairKinds,
  pairStatusLabels,
  routeStageLabels,
  routeStages,
  type PairForm,
  type PairKind,
  type RouteStage,
} from '@mentorflow/domain';
import type { OrganisationFacts, PairFacts, PracticeFacts, RouteFacts, TaskFacts } from './report-facts';
import {
  countRows,
  isActiveTask,
  isOverdue,
  ofType,
  organisationModelIndicators,
  share,
  targetModelDocumentKeys,
  targetModelDocumentLabels,
  type CountRow,
  type HeldDocuments,
} from './report-figures';
import type { FactRow } from './report-queries';
import { incentiveFigures, summedIncentiveFigures, type IncentiveFigures } from './incentive-figures';

// ---- Region report (slides 17–19, 25) ---------------------------------------------------------

/** A pair/group's status as the region counts it: every pair formed, terminated ones too. */
export const regionPairStatuses = ['formed', 'active', 'completed', 'terminated'] as const;
export type RegionPairStatus = (typeof regionPairStatuses)[number];

export interface RegionOrganisationRow {
  readonly organisationId: string;
  readonly name: string;
  readonly municipality: string;
  readonly implementsTargetModel: boolean;
  readonly documents: HeldDocuments;
  readonly hasCurator: boolean;
  /** Pairs/groups not terminated. */
  readonly pairs: number;
  readonly pairsByForm: Readonly<Record<PairForm, number>>;
  /** A pair of combined kinds counts under each (002 §9.1.3); absent on rows built before kinds were counted. */
  readonly pairsByKind?: Readonly<Record<PairKind, number>>;
  /** Every pair/group by status, terminated ones included (issue 27: pairs by status). */
  readonly pairsByStatus: Readonly<Record<RegionPairStatus, number>>;
  readonly routes: number;
  readonly routesByStage: Readonly<Record<RouteStage, number>>;
  /** The organisation's tasks still to do at the moment, and those of them past their deadline. */
  readonly openTasks: number;
  readonly overdueTasks: number;
  /** Drafts whose 10-working-day outcome is known (delivered, or reported late), and those on time. */
  readonly draftsDecided: number;
  readonly draftsOnTime: number;
  /** Practices of the bank its people submitted (whatever became of them), and those published (issue 28). */
  readonly practicesSubmitted: number;
  readonly practicesPublished: number;
  /** Mentors with a training recorded by the report's day (issue 28); absent on rows built before it was counted. */
  readonly trainedMentors?: number;
  /** Incentives granted (issue 28): how many mentors and mentees were rewarded, by kind. */
  readonly incentives: IncentiveFigures;
}

export interface RegionAggregate {
  readonly organisations: number;
  readonly implementing: number;
  readonly implementingShare: number | null;
  readonly withCurator: number;
  readonly withCuratorShare: number | null;
  readonly withoutDocuments: number;
  readonly documents: CountRow<keyof HeldDocuments>[];
  /** Pairs/groups not terminated. */
  readonly pairs: number;
  readonly forms: CountRow<PairForm>[];
  /** Kinds (004 slide 19 counts them apart from forms); a combined pair counts under each, so shares may sum above 1. */
  readonly kinds: CountRow<PairKind>[];
  /** Every pair/group formed, by status; shares of all of them. */
  readonly pairsByStatus: CountRow<RegionPairStatus>[];
  readonly routes: number;
  readonly routesByStage: CountRow<RouteStage>[];
  readonly openTasks: number;
  readonly overdueTasks: number;
  readonly overdueTasksShare: number | null;
  readonly draftsDecided: number;
  readonly draftsOnTime: number;
  readonly draftsOnTimeShare: number | null;
  readonly practicesSubmitted: number;
  readonly practicesPublished: number;
  readonly trainedMentors: number;
  readonly incentives: IncentiveFigures;
}

const countBy = <K extends string>(keys: readonly K[], values: readonly string[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, values.filter((v) => v === key).length])) as Record<K, number>;

/** One organisation's row as of `atMs` (overdue tasks are those past their deadline at that instant). */
export function regionOrganisationRow(
  organisationId: string,
  rows: readonly FactRow[],
  atMs: number,
): RegionOrganisationRow | undefined {
  const organisation = ofType<OrganisationFacts>(rows, 'organisation')[0]?.facts;
  if (!organisation) return undefined;
  const indicators = organisationModelIndicators(rows);
  const allPairs = ofType<PairFacts>(rows, 'pair').map((p) => p.facts);
  const pairs = allPairs.filter((p) => p.status !== 'terminated');
  const routes = ofType<RouteFacts>(rows, 'route').map((r) => r.facts);
  const decided = routes.filter((r) => r.draftDeliveredOnTime !== undefined);
  const tasks = ofType<TaskFacts>(rows, 'task')
    .map((t) => t.facts)
    .filter(isActiveTask);
  const practices = ofType<PracticeFacts>(rows, 'practice').map((p) => p.facts);
  return {
    organisationId,
    name: organisation.name,
    municipality: organisation.municipality,
    implementsTargetModel: indicators.implementsTargetModel,
    documents: indicators.documents,
    hasCurator: indicators.hasCurator,
    pairs: pairs.length,
    pairsByForm: countBy(
      pairForms,
      pairs.map((p) => p.form),
    ),
    pairsByKind: countBy(
      pairKinds,
      pairs.flatMap((p) => p.kinds ?? [p.kind]),
    ),
    pairsByStatus: countBy(
      regionPairStatuses,
      allPairs.map((p) => p.status),
    ),
    routes: routes.length,
    routesByStage: countBy(
      routeStages,
      routes.map((r) => r.stage),
    ),
    openTasks: tasks.length,
    overdueTasks: tasks.filter((t) => isOverdue(t, atMs)).length,
    draftsDecided: decided.length,
    draftsOnTime: decided.filter((r) => r.draftDeliveredOnTime === true).length,
    practicesSubmitted: practices.length,
    practicesPublished: practices.filter((p) => p.status === 'published').length,
    incentives: incentiveFigures(rows),
  };
}

const sum = (organisations: readonly RegionOrganisationRow[], of: (o: RegionOrganisationRow) => number): number =>
  organisations.reduce((total, o) => total + of(o), 0);

/** A breakdown summed over the organisations: each key's count and its share of `whole`. */
const summed = <K extends string>(
  organisations: readonly RegionOrganisationRow[],
  keys: readonly K[],
  labels: Readonly<Record<K, string>>,
  of: (o: RegionOrganisationRow, key: K) => number,
  whole: number,
): CountRow<K>[] =>
  keys.map((key) => {
    const count = sum(organisations, (o) => of(o, key));
    return { key, label: labels[key], count, share: share(count, whole) };
  });

export function regionAggregate(organisations: readonly RegionOrganisationRow[]): RegionAggregate {
  const n = organisations.length;
  const implementing = organisations.filter((o) => o.implementsTargetModel).length;
  const withCurator = organisations.filter((o) => o.hasCurator).length;
  const pairs = sum(organisations, (o) => o.pairs);
  const pairsFormed = sum(organisations, (o) => regionPairStatuses.reduce((t, s) => t + o.pairsByStatus[s], 0));
  const routes = sum(organisations, (o) => o.routes);
  const openTasks = sum(organisations, (o) => o.openTasks);
  const overdueTasks = sum(organisations, (o) => o.overdueTasks);
  const draftsDecided = sum(organisations, (o) => o.draftsDecided);
  const draftsOnTime = sum(organisations, (o) => o.draftsOnTime);
  return {
    organisations: n,
    implementing,
    implementingShare: share(implementing, n),
    withCurator,
    withCuratorShare: share(withCurator, n),
    withoutDocuments: organisations.filter((o) => targetModelDocumentKeys.every((k) => !o.documents[k])).length,
    documents: countRows(
      targetModelDocumentKeys,
      targetModelDocumentLabels,
      organisations.flatMap((o) => targetModelDocumentKeys.filter((k) => o.documents[k])),
    ).map((row) => ({ ...row, share: share(row.count, n) })),
    pairs,
    forms: summed(organisations, pairForms, pairFormLabels, (o, form) => o.pairsByForm[form], pairs),
    kinds: summed(organisations, pairKinds, pairKindLabels, (o, kind) => o.pairsByKind?.[kind] ?? 0, pairs),
    pairsByStatus: summed(
      organisations,
      regionPairStatuses,
      pairStatusLabels,
      (o, status) => o.pairsByStatus[status],
      pairsFormed,
    ),
    routes,
    routesByStage: summed(organisations, routeStages, routeStageLabels, (o, stage) => o.routesByStage[stage], routes),
    openTasks,
    overdueTasks,
    overdueTasksShare: share(overdueTasks, openTasks),
    draftsDecided,
    draftsOnTime,
    draftsOnTimeShare: share(draftsOnTime, draftsDecided),
    practicesSubmitted: sum(organisations, (o) => o.practicesSubmitted),
    practicesPublished: sum(organisations, (o) => o.practicesPublished),
    trainedMentors: sum(organisations, (o) => o.trainedMentors ?? 0),
    incentives: summedIncentiveFigures(organisations.map((o) => o.incentives)),
  };
}
