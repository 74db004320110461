import type { IncentiveRecipientRole } from '@mentorflow/domain';
import type { IncentiveFacts } from './report-facts';
import type { FactRow } from './report-queries';

export interface IncentiveKindCount {
  readonly kind: string;
  readonly label: string;
  readonly count: number;
}

/** How many were rewarded and how (004 slides 22–24): granted incentives only, as of the report's moment. */
export interface IncentiveFigures {
  /** Incentives granted by the director's order or decision. */
  readonly granted: number;
  /** Distinct people rewarded in each role. */
  readonly mentorsRewarded: number;
  readonly menteesRewarded: number;
  /** Proposals still awaiting the director. */
  readonly awaitingDecision: number;
  readonly byKind: readonly IncentiveKindCount[];
}

const rewarded = (granted: readonly IncentiveFacts[], role: IncentiveRecipientRole) =>
  new Set(granted.filter((i) => i.recipientRole === role).map((i) => i.personId)).size;

/** Counts by kind, in the order kinds first appear; a kind's label is its latest recorded name. */
const byKind = (granted: readonly IncentiveFacts[]): IncentiveKindCount[] => {
  const counts = new Map<string, { label: string; count: number }>();
  for (const i of granted) counts.set(i.kind, { label: i.kindName, count: (counts.get(i.kind)?.count ?? 0) + 1 });
  return [...counts].map(([kind, c]) => ({ kind, ...c }));
};

export function incentiveFigures(rows: readonly FactRow[]): IncentiveFigures {
  const all = rows.filter((r) => r.subjectType === 'incentive').map((r) => r.facts as IncentiveFacts);
  const granted = all.filter((i) => i.status === 'approved');
  return {
    granted: granted.length,
    mentorsRewarded: rewarded(granted, 'mentor'),
    menteesRewarded: rewarded(granted, 'mentee'),
    awaitingDecision: all.filter((i) => i.status === 'proposed').length,
    byKind: byKind(granted),
  };
}

/** The region's sum of its organisations' figures; a person rewarded in two organisations counts in each. */
export function summedIncentiveFigures(figures: readonly (IncentiveFigures | undefined)[]): IncentiveFigures {
  const present = figures.filter((f): f is IncentiveFigures => f !== undefined);
  const sum = (of: (f: IncentiveFigures) => number) => present.reduce((t, f) => t + of(f), 0);
  const kinds = new Map<string, { label: string; count: number }>();
  for (const row of present.flatMap((f) => f.byKind))
    kinds.set(row.kind, { label: row.label, count: (kinds.get(row.kind)?.count ?? 0) + row.count });
  return {
    granted: sum((f) => f.granted),
    mentorsRewarded: sum((f) => f.mentorsRewarded),
    menteesRewarded: sum((f) => f.menteesRewarded),
    awaitingDecision: sum((f) => f.awaitingDecision),
    byKind: [...kinds].map(([kind, c]) => ({ kind, ...c })),
  };
}
