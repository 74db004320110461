import { useSession } from '../../auth';
import { ErrorBox, ShowMore, usePaged } from '../../components/ui';
import { formatInstant, formatNumericDate } from '../../format';
import { incentiveEventLabels } from '../../../../../libs/domain/src/incentive/incentive.labels';
import type { Incentive } from './incentive';

interface Entry {
  readonly key: string;
  readonly at: string;
  readonly text: string;
}

/** An incentive's steps as a history tells them, each with who and whom by name. */
const entriesOf = (i: Incentive): Entry[] => {
  const whom = `${i.kindName} — ${i.personName ?? 'сотрудник'} (${i.recipientRoleLabel.toLowerCase()})`;
  const decider = i.decidedByName ?? 'руководитель';
  return [
    {
      key: `${i.incentiveId}:proposed`,
      at: i.proposedAt,
      text: `${incentiveEventLabels.IncentiveProposed}: ${whom}; предложил(а) ${i.proposedByName ?? 'сотрудник'}`,
    },
    ...(i.decidedAt && i.status === 'approved'
      ? [
          {
            key: `${i.incentiveId}:approved`,
            at: i.decidedAt,
            text: `${incentiveEventLabels.IncentiveApproved}: ${whom}; приказ № ${i.order?.number} от ${formatNumericDate(i.order?.date)}, ${decider}`,
          },
        ]
      : []),
    ...(i.decidedAt && i.status === 'declined'
      ? [
          {
            key: `${i.incentiveId}:declined`,
            at: i.decidedAt,
            text: `${incentiveEventLabels.IncentiveDeclined}: ${whom}; ${decider}: ${i.declineReason ?? ''}`,
          },
        ]
      : []),
  ];
};

/**
 * The pair's audit beside its own hash-chained stream: incentives of its members (each its own stream), in the
 * order they happened. Read-only; the director decides on the «Поощрения» page.
 */
export function PairIncentiveHistory({ pairId }: { pairId: string }) {
  const session = useSession();
  const list = usePaged<Incentive>(`/incentives?pairId=${pairId}`, []);
  const entries = list.items.flatMap(entriesOf).sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="card" aria-labelledby="pair-incentives-title">
      <h2 id="pair-incentives-title">Поощрения участников пары</h2>
      <ErrorBox error={list.error} />
      {list.loaded && entries.length === 0 ? <p className="empty">Поощрений не предлагали.</p> : null}
      <ol className="timeline" data-testid="pair-incentives">
        {entries.map((e) => (
          <li key={e.key}>
            <time dateTime={e.at}>{formatInstant(e.at, session.timeZoneOf(undefined))}</time> {e.text}
          </li>
        ))}
      </ol>
      <ShowMore list={list} what="поощрений" />
    </section>
  );
}
