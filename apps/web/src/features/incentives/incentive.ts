/** An incentive as GET /incentives and GET /incentives/:id answer it: the people named beside their ids. */
export interface Incentive {
  incentiveId: string;
  organisationId: string;
  personId: string;
  personName: string | null;
  recipientRole: 'mentor' | 'mentee';
  recipientRoleLabel: string;
  pairId?: string;
  kind: string;
  kindName: string;
  amount?: number;
  status: 'proposed' | 'approved' | 'declined';
  statusLabel: string;
  proposedAt: string;
  proposedBy: string;
  proposedByName: string | null;
  order?: { number: string; date: string };
  decidedAt?: string;
  decidedBy?: string;
  decidedByName: string | null;
  declineReason?: string;
  canDecide: boolean;
}

export interface IncentiveKind {
  kindId: string;
  name: string;
  builtIn: boolean;
}

export interface ResultsSummary {
  incentivesGranted: number;
  incentivesAwaitingDecision: number;
  mentorsRewarded: number;
  practicesSubmitted: number;
  practicesPublished: number;
}

export const incentiveStatusTone = { proposed: 'info', approved: 'ok', declined: 'warn' } as const;

/** «Почётная грамота, приказ № 45-п от 06.10.2026; 5 000 руб.»: what was granted, in one line. */
export const incentiveLine = (i: Incentive, formatDate: (date: string) => string): string =>
  [
    i.kindName,
    i.order ? `приказ № ${i.order.number} от ${formatDate(i.order.date)}` : '',
    i.amount === undefined ? '' : `${i.amount.toLocaleString('ru-RU')} руб.`,
  ]
    .filter(Boolean)
    .join(', ');
