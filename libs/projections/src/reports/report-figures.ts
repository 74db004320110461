import {
  competenceAreaLabels,
  competenceAreas,
  competenceLevel,
  finalControlOutcomeLabels,
  hasProgrammeDocument,
  implementsTargetModel,
  isMentorReportTask,
  interimControlOutcomeLabels,
  monitoringIndicatorDefinitions,
  monitoringIndicators,
  monitoringStageLabels,
  pairForms,
  pairFormLabels,
  pairKindLabels,
  pairKinds,
  pairStatusLabels,
  programmeStageLabels,
  roleLabels,
  targetModelDocuments,
  type CompetenceArea,
  type PairForm,
  type PairKind,
  type ProgrammeGateContext,
  type ProgrammeStageOrClosed,
  type TargetModelDocuments,
} from '@mentorflow/domain';
import type {
  MonitoringResultFacts,
  OrganisationFacts,
  PairFacts,
  ProgrammeFacts,
  RouteFacts,
  TaskFacts,
} from './report-facts';
import type { FactRow } from './report-queries';
import { incentiveFigures, type IncentiveFigures } from './incentive-figures';

const DAY_MS = 86_400_000;

/** Who a task waits for, in the words of the domain map (DOMAIN.md "People and roles"). */
export const reportRoleLabels: Readonly<Record<string, string>> = roleLabels;

/**
 * The documents a report asks about (004 slide 17 «Какие документы по наставничеству есть в Вашей ОО?»): those of
 * slide 27 that make an organisation implement the model, the road map of implementing it, the contract supplement.
 */
export interface HeldDocuments extends TargetModelDocuments {
  readonly roadMap: boolean;
}

export const targetModelDocumentKeys = [
  'implementationAct',
  'regulationApprovalOrder',
  'roadMap',
  'pairAssignmentOrderWithConsent',
  'approvedPersonalisedProgramme',
  'mentorContractSupplement',
] as const satisfies readonly (keyof HeldDocuments)[];

export const targetModelDocumentLabels: Readonly<Record<keyof HeldDocuments, string>> = {
  implementationAct: 'Распорядительный акт о внедрении ЦМН',
  regulationApprovalOrder: 'Приказ об утверждении положения о системе наставничества',
  roadMap: 'Дорожная карта по внедрению ЦМН',
  pairAssignmentOrderWithConsent: 'Приказ о закреплении пар/групп (с письменного согласия)',
  approvedPersonalisedProgramme: 'Утверждённая персонализированная программа наставничества',
  mentorContractSupplement: 'Дополнительное соглашение к трудовому договору наставника',
};

export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export const ofType = <T>(rows: readonly FactRow[], type: FactRow['subjectType']): { id: string; facts: T }[] =>
  rows.filter((r) => r.subjectType === type).map((r) => ({ id: r.subjectId, facts: r.facts as T }));

/** Active and past due, or already marked overdue by the workflow's timer. */
export const isOverdue = (task: TaskFacts, atMs: number): boolean =>
  task.status === 'overdue' || (task.status === 'open' && task.dueAt !== undefined && Date.parse(task.dueAt) < atMs);

export const isActiveTask = (task: TaskFacts): boolean => task.status === 'open' || task.status === 'overdue';

// ---- The organisation's target-model indicator ------------------------------------------------

export interface OrganisationModelIndicators {
  readonly implementsTargetModel: boolean;
  readonly documents: HeldDocuments;
  readonly hasCurator: boolean;
}

/**
 * Slide 27 through the domain's own `implementsTargetModel`: each programme with the gate counts of its
 * pairs (each pair's facts carry its own 0/1 share of them). The organisation implements the model when
 * one of its programmes does; it holds a document when one of its programmes holds it.
 */
export function organisationModelIndicators(rows: readonly FactRow[]): OrganisationModelIndicators {
  const pairs = ofType<PairFacts>(rows, 'pair');
  const programmes = ofType<ProgrammeFacts>(rows, 'programme');
  const documents: Record<keyof HeldDocuments, boolean> = {
    implementationAct: false,
    regulationApprovalOrder: false,
    roadMap: false,
    pairAssignmentOrderWithConsent: false,
    approvedPersonalisedProgramme: false,
    mentorContractSupplement: false,
  };
  let implementing = false;
  for (const programme of programmes) {
    const context = programmeContext(
      pairs.filter((p) => p.facts.programmeId === programme.facts.programmeId).map((p) => p.facts),
    );
    implementing ||= implementsTargetModel(programme.facts, context);
    const held: HeldDocuments = {
      ...targetModelDocuments(programme.facts, context),
      roadMap: hasProgrammeDocument(programme.facts, 'roadMap'),
    };
    for (const key of targetModelDocumentKeys) documents[key] ||= held[key];
  }
  const organisation = ofType<OrganisationFacts>(rows, 'organisation')[0]?.facts;
  // Slide 18 asks whether the organisation has a curator: a curator on staff, or one appointed to a programme.
  const hasCurator =
    (organisation?.curatorIds.length ?? 0) > 0 || programmes.some((p) => p.facts.curatorId !== undefined);
  return { implementsTargetModel: implementing, documents, hasCurator };
}

export function programmeContext(pairs: readonly PairFacts[]): ProgrammeGateContext {
  const sum = (key: keyof PairFacts['gate']) => pairs.reduce((total, p) => total + p.gate[key], 0);
  return {
    // Selection counts matter to the preparatory gate only, not to the documents of slide 27.
    mentorsSelected: 0,
    menteesSelected: 0,
    pairsAssigned: sum('pairsAssigned'),
    pairsAssignedWithOrderAndConsents: sum('pairsAssignedWithOrderAndConsents'),
    pairsWithApprovedPersonalProgramme: sum('pairsWithApprovedPersonalProgramme'),
    activePairs: sum('activePairs'),
    activePairsPassedInterimControl: sum('activePairsPassedInterimControl'),
  };
}

// ---- Organisation report --------------------------------------------------------------------

export interface CountRow<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly count: number;
  readonly share: number | null;
}

export interface OrganisationReport {
  readonly organisation: {
    organisationId: string;
    name: string;
    region: string;
    municipality: string;
    timeZone: string;
  };
  readonly targetModel: OrganisationModelIndicators;
  /** Mentors with a training recorded by the report's day (issue 28): added by the API from the personal schema. */
  readonly trainedMentors?: number;
  readonly programmes: {
    programmeId: string;
    title: string;
    stage: ProgrammeStageOrClosed;
    stageLabel: string;
    stageEnteredAt: string;
    daysInStage: number;
    curatorId: string | null;
  }[];
  readonly pairs: {
    total: number;
    byStatus: CountRow<string>[];
    byForm: CountRow<PairForm>[];
    byKind: CountRow<PairKind>[];
  };
  readonly mentorLoad: { mentorId: string; activePairs: number; mentees: number }[];
  readonly tasks: { role: string; roleLabel: string; open: number; overdue: number }[];
  readonly controls: {
    interim: CountRow<string>[];
    final: CountRow<string>[];
  };
  /** The process-monitoring indicators of 002 §10 the events themselves carry. */
  readonly processMonitoring: {
    activePairs: number;
    interimControlPassedShare: number | null;
    finalControlPassedShare: number | null;
    terminatedPairs: number;
    overdueControlTasks: number;
  };
  readonly monitoringResults: MonitoringResultRow[];
  /** Incentives granted as of the moment (issue 28): how many were rewarded, by kind. */
  readonly incentives: IncentiveFigures;
}

export interface MonitoringResultRow {
  readonly resultId: string;
  readonly indicator: string;
  readonly indicatorLabel: string;
  readonly stage: string;
  readonly stageLabel: string;
  readonly value: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly pairId: string | null;
  readonly comment: string | null;
  readonly recordedAt: string;
}

export const countRows = <K extends string>(
  keys: readonly K[],
  labels: Readonly<Record<K, string>>,
  values: readonly string[],
): CountRow<K>[] =>
  keys.map((key) => {
    const count = values.filter((v) => v === key).length;
    return { key, label: labels[key], count, share: share(count, values.length) };
  });

/** The latest result for each indicator, pair and period: a later entry corrects an earlier one. */
export function monitoringResultRows(rows: readonly FactRow[]): MonitoringResultRow[] {
  const latest = new Map<string, MonitoringResultFacts>();
  const results = ofType<MonitoringResultFacts>(rows, 'monitoringResult')
    .map((r) => r.facts)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  for (const result of results)
    latest.set([result.indicator, result.pairId ?? '', result.periodStart, result.periodEnd].join('|'), result);
  const order = (indicator: string) => (monitoringIndicators as readonly string[]).indexOf(indicator);
  return [...latest.values()]
    .sort(
      (a, b) =>
        order(a.indicator) - order(b.indicator) || (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0),
    )
    .map((r) => ({
      resultId: r.resultId,
      indicator: r.indicator,
      indicatorLabel: monitoringIndicatorDefinitions[r.indicator].label,
      stage: r.stage,
      stageLabel: monitoringStageLabels[r.stage],
      value: r.value,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      pairId: r.pairId ?? null,
      comment: r.comment ?? null,
      recordedAt: r.recordedAt,
    }));
}

/**
 * A control's outcomes among the `total` pairs with a programme, each with its share of them, and a last row
 * for the pairs not controlled yet («Не проведён»).
 */
const controlRows = <K extends string>(
  outcomes: readonly K[],
  labels: Readonly<Record<K, string>>,
  done: readonly string[],
  total: number,
): CountRow<string>[] => [
  ...countRows(outcomes, labels, done).map((r) => ({ ...r, share: share(r.count, total) })),
  { key: 'pending', label: 'Не проведён', count: total - done.length, share: share(total - done.length, total) },
];

export function organisationReport(
  organisationId: string,
  rows: readonly FactRow[],
  atMs: number,
): OrganisationReport | undefined {
  const organisation = ofType<OrganisationFacts>(rows, 'organisation')[0]?.facts;
  if (!organisation) return undefined;
  const pairs = ofType<PairFacts>(rows, 'pair').map((p) => ({ pairId: p.id, ...p.facts }));
  const tasks = ofType<TaskFacts>(rows, 'task').map((t) => t.facts);
  const programmes = ofType<ProgrammeFacts>(rows, 'programme').map((p) => p.facts);

  const load = new Map<string, { activePairs: number; mentees: number }>();
  for (const pair of pairs.filter((p) => p.status === 'formed' || p.status === 'active')) {
    const entry = load.get(pair.mentorId) ?? { activePairs: 0, mentees: 0 };
    load.set(pair.mentorId, { activePairs: entry.activePairs + 1, mentees: entry.mentees + pair.menteeCount });
  }
  const roles = [...new Set(tasks.filter(isActiveTask).map((t) => t.role))].sort();
  const counted = pairs.filter((p) => p.status !== 'terminated');
  // Controls are due for pairs whose personalised programme was approved and which were not terminated.
  const withProgramme = pairs.filter((p) => p.status === 'active' || p.status === 'completed');
  const interimDone = withProgramme.filter((p) => p.interimOutcome !== undefined);
  const finalDone = withProgramme.filter((p) => p.finalOutcome !== undefined);
  const controlKinds = new Set(['interimControl', 'finalControl']);

  return {
    organisation: {
      organisationId,
      name: organisation.name,
      region: organisation.region,
      municipality: organisation.municipality,
      timeZone: organisation.timeZone,
    },
    targetModel: organisationModelIndicators(rows),
    programmes: programmes.map((p) => ({
      programmeId: p.programmeId,
      title: p.title,
      stage: p.stage,
      stageLabel: programmeStageLabels[p.stage],
      stageEnteredAt: p.stageEnteredAt,
      daysInStage: Math.max(0, Math.floor((atMs - Date.parse(p.stageEnteredAt)) / DAY_MS)),
      curatorId: p.curatorId ?? null,
    })),
    pairs: {
      total: pairs.length,
      byStatus: countRows(
        ['formed', 'active', 'completed', 'terminated'] as const,
        pairStatusLabels,
        pairs.map((p) => p.status),
      ),
      byForm: countRows(
        pairForms,
        pairFormLabels,
        counted.map((p) => p.form),
      ),
      // A pair of combined kinds counts under each of them (002 §9.1.3).
      byKind: countRows(
        pairKinds,
        pairKindLabels,
        counted.flatMap((p) => p.kinds ?? [p.kind]),
      ),
    },
    mentorLoad: [...load.entries()]
      .map(([mentorId, l]) => ({ mentorId, ...l }))
      .sort((a, b) => b.mentees - a.mentees || (a.mentorId < b.mentorId ? -1 : 1)),
    tasks: roles.map((role) => {
      const mine = tasks.filter((t) => t.role === role && isActiveTask(t));
      return {
        role,
        roleLabel: reportRoleLabels[role] ?? role,
        open: mine.length,
        overdue: mine.filter((t) => isOverdue(t, atMs)).length,
      };
    }),
    controls: {
      interim: controlRows(
        ['passed', 'needsCorrection'] as const,
        interimControlOutcomeLabels,
        interimDone.map((p) => p.interimOutcome as string),
        withProgramme.length,
      ),
      final: controlRows(
        ['passed', 'notPassed'] as const,
        finalControlOutcomeLabels,
        finalDone.map((p) => p.finalOutcome as string),
        withProgramme.length,
      ),
    },
    processMonitoring: {
      activePairs: pairs.filter((p) => p.status === 'active').length,
      interimControlPassedShare: share(
        interimDone.filter((p) => p.interimOutcome === 'passed').length,
        withProgramme.length,
      ),
      finalControlPassedShare: share(finalDone.filter((p) => p.finalOutcome === 'passed').length, finalDone.length),
      terminatedPairs: pairs.filter((p) => p.status === 'terminated').length,
      // The mentor's report shares the final control's kind but is a report, not a control measure.
      overdueControlTasks: tasks.filter((t) => controlKinds.has(t.kind) && !isMentorReportTask(t) && isOverdue(t, atMs))
        .length,
    },
    monitoringResults: monitoringResultRows(rows),
    incentives: incentiveFigures(rows),
  };
}

// ---- Routes report ----------------------------------------------------------------------------

export interface RoutesReport {
  readonly totals: { routes: number; byStage: CountRow<string>[] };
  readonly competences: {
    area: CompetenceArea;
    label: string;
    diagnosed: number;
    initialAverage: number | null;
    controlled: number;
    controlAverage: number | null;
    /** Routes at each level (003 §5.4: 81–100 % high, 50–80 % basic, below 50 % deficit), before and after. */
    initialHigh: number;
    initialBasic: number;
    initialDeficits: number;
    controlHigh: number;
    controlBasic: number;
    controlDeficits: number;
  }[];
  readonly portfolio: { entries: number; routesWithEntries: number; routesActiveLast30Days: number };
  readonly methodologists: {
    methodologistId: string;
    draftsAwaited: number;
    delivered: number;
    onTime: number;
    overdue: number;
  }[];
  readonly routes: {
    routeId: string;
    code: string;
    stage: string;
    stageLabel: string;
    teacherId: string;
    methodologistId: string;
    tutorId: string;
    portfolioEntries: number;
    draftDeliveredOnTime: boolean | null;
    draftOverdue: boolean;
  }[];
}

const average = (values: readonly number[]): number | null =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;

const atLevel = (percents: readonly number[], level: 'high' | 'basic' | 'deficit'): number =>
  percents.filter((p) => competenceLevel(p).level === level).length;

/** A draft still awaited after its deadline, or one the workflow's timer already reported late. */
const draftOverdue = (route: RouteFacts, atMs: number): boolean =>
  route.draftDueAt !== undefined &&
  route.draftSubmittedAt === undefined &&
  (route.draftMarkedOverdue || Date.parse(route.draftDueAt) < atMs);

export function routesReport(
  rows: readonly FactRow[],
  atMs: number,
  routeStageLabels: Readonly<Record<string, string>>,
): RoutesReport {
  const routes = ofType<RouteFacts>(rows, 'route').map((r) => ({ routeId: r.id, ...r.facts }));
  const byMethodologist = new Map<string, RoutesReport['methodologists'][number]>();
  for (const route of routes.filter((r) => r.draftDueAt !== undefined)) {
    const entry = byMethodologist.get(route.methodologistId) ?? {
      methodologistId: route.methodologistId,
      draftsAwaited: 0,
      delivered: 0,
      onTime: 0,
      overdue: 0,
    };
    byMethodologist.set(route.methodologistId, {
      ...entry,
      draftsAwaited: entry.draftsAwaited + 1,
      delivered: entry.delivered + (route.draftSubmittedAt === undefined ? 0 : 1),
      onTime: entry.onTime + (route.draftDeliveredOnTime === true ? 1 : 0),
      overdue: entry.overdue + (draftOverdue(route, atMs) ? 1 : 0),
    });
  }
  const stages = Object.keys(routeStageLabels);
  return {
    totals: {
      routes: routes.length,
      byStage: countRows(
        stages,
        routeStageLabels,
        routes.map((r) => r.stage),
      ),
    },
    competences: competenceAreas.map((area) => {
      const initial = routes.map((r) => r.initial[area]).filter((v): v is number => v !== undefined);
      const control = routes.map((r) => r.control[area]).filter((v): v is number => v !== undefined);
      return {
        area,
        label: competenceAreaLabels[area],
        diagnosed: initial.length,
        initialAverage: average(initial),
        controlled: control.length,
        controlAverage: average(control),
        initialHigh: atLevel(initial, 'high'),
        initialBasic: atLevel(initial, 'basic'),
        initialDeficits: atLevel(initial, 'deficit'),
        controlHigh: atLevel(control, 'high'),
        controlBasic: atLevel(control, 'basic'),
        controlDeficits: atLevel(control, 'deficit'),
      };
    }),
    portfolio: {
      entries: routes.reduce((total, r) => total + r.portfolioEntries, 0),
      routesWithEntries: routes.filter((r) => r.portfolioEntries > 0).length,
      routesActiveLast30Days: routes.filter(
        (r) => r.lastPortfolioAt !== undefined && Date.parse(r.lastPortfolioAt) >= atMs - 30 * DAY_MS,
      ).length,
    },
    methodologists: [...byMethodologist.values()].sort(
      (a, b) => b.overdue - a.overdue || (a.methodologistId < b.methodologistId ? -1 : 1),
    ),
    routes: routes
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((r) => ({
        routeId: r.routeId,
        code: r.code,
        stage: r.stage,
        stageLabel: routeStageLabels[r.stage] ?? r.stage,
        teacherId: r.teacherId,
        methodologistId: r.methodologistId,
        tutorId: r.tutorId,
        portfolioEntries: r.portfolioEntries,
        draftDeliveredOnTime: r.draftDeliveredOnTime ?? null,
        draftOverdue: draftOverdue(r, atMs),
      })),
  };
}
