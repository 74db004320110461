import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, CommandForm, InputField, ShowMore, TextAreaField, usePaged } from '../../components/ui';
import { formatDay, formatNumericDate, todayIn } from '../../format';
import { useSubmit } from '../../use-submit';
import { incentiveFieldLabels } from '../../../../../libs/domain/src/incentive/incentive.labels';
import { incentiveLine, incentiveStatusTone, type Incentive } from './incentive';

/**
 * Incentives a page at a time (`query`: of an organisation, a person, a pair's members): to whom, which, who
 * proposed it, the director's decision; the director decides those awaiting it here.
 */
export function IncentiveList({ query, title, version = 0 }: { query: string; title: string; version?: number }) {
  const list = usePaged<Incentive>(`/incentives?${query}`, [version]);
  const session = useSession();
  // The decision's answer is read from the incentive's stream; the list's read model catches up a moment later.
  const [decided, setDecided] = useState<Record<string, Incentive>>({});
  const shown = list.items.map((i) => decided[i.incentiveId] ?? i);
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {list.loaded && list.items.length === 0 ? <p className="empty">Поощрений нет.</p> : null}
      <ul className="list" data-testid="incentives">
        {shown.map((i) => {
          const zone = session.timeZoneOf(i.organisationId);
          return (
            <li key={i.incentiveId}>
              <p>
                <Link to={`/people/${i.personId}`}>{i.personName ?? 'Сотрудник'}</Link> (
                {i.recipientRoleLabel.toLowerCase()}
                ): {incentiveLine(i, formatNumericDate)}{' '}
                <Badge tone={incentiveStatusTone[i.status]}>{i.statusLabel}</Badge>
              </p>
              <small>
                Предложил(а) {i.proposedByName ?? 'сотрудник'} {formatDay(i.proposedAt, zone)}
                {i.decidedAt ? `; решение ${formatDay(i.decidedAt, zone)}` : ''}
                {i.declineReason ? `; причина отказа: ${i.declineReason}` : ''}
              </small>
              {i.canDecide ? (
                <Decision incentive={i} onDone={(d) => setDecided((all) => ({ ...all, [d.incentiveId]: d }))} />
              ) : null}
            </li>
          );
        })}
      </ul>
      <ShowMore list={list} what="поощрений" />
    </section>
  );
}

/** The director grants the incentive by an order (number, date) or declines it with a reason. */
function Decision({ incentive, onDone }: { incentive: Incentive; onDone: (decided: Incentive) => void }) {
  const session = useSession();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIn(session.timeZoneOf(incentive.organisationId)));
  const [reason, setReason] = useState('');
  const approval = useSubmit();
  const refusal = useSubmit();
  const who = incentive.personName ?? 'сотрудника';
  const approve = (event: FormEvent) => {
    event.preventDefault();
    void approval.submit(async () => {
      onDone(await postJson<Incentive>(`/incentives/${incentive.incentiveId}/approve`, { order: { number, date } }));
      return 'Поощрение утверждено';
    });
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void refusal.submit(async () => {
      onDone(await postJson<Incentive>(`/incentives/${incentive.incentiveId}/decline`, { reason }));
      return 'Отказ записан';
    });
  };
  return (
    <div className="form-grid">
      <CommandForm
        command={approval}
        onSubmit={approve}
        label={`Утвердить поощрение: ${who}`}
        submit="Утвердить"
        busyText="Запись…"
        failed="Поощрение не утверждено"
      >
        <InputField label={incentiveFieldLabels.orderNumber} field="order.number" value={number} onChange={setNumber} />
        <InputField
          label={incentiveFieldLabels.orderDate}
          field="order.date"
          required
          type="date"
          value={date}
          onChange={setDate}
        />
      </CommandForm>
      <CommandForm
        command={refusal}
        onSubmit={decline}
        label={`Отказать в поощрении: ${who}`}
        submit="Отказать"
        busyText="Запись…"
        variant="plain"
        failed="Отказ не записан"
      >
        <TextAreaField
          label={incentiveFieldLabels.reason}
          field="reason"
          value={reason}
          onChange={setReason}
          rows={2}
        />
      </CommandForm>
    </div>
  );
}
