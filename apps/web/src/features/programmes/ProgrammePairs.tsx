import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { getJson } from '../../api';
import { useSession } from '../../auth';
import {
  Badge,
  DataTable,
  ErrorBox,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  useLoad,
  useAllPages,
  usePaged,
} from '../../components/ui';
import { PersonId, usePersonLabel } from '../../components/people';
import { formatLocalDate } from '../../format';
import { FormPairForm, menteesOf, PairActions, pairActions, type PairAction } from '../pairs/PairForms';
import { MentorCapacityForm } from '../participants/ParticipantReview';
import { pairFormLabels, pairStatusLabels } from '../../labels';
import type { MentorLoad, Pair, PairStatus, Participant } from '../../types';

const pairStatuses = Object.keys(pairStatusLabels) as PairStatus[];
import { useAnchor, useProgramme } from './programme-screens';

/** The programme's pairs and groups: their actions, forming one (on its button), the mentors' capacity. */
export function ProgrammePairs() {
  const { programme, refreshChecklist } = useProgramme();
  const session = useSession();
  const organisation = session.organisations.get(programme.organisationId);
  const [capacityChanged, setCapacityChanged] = useState<number>();
  const capacity = capacityChanged ?? organisation?.settings?.mentorCapacity ?? 2;
  // All of them: the pair form offers every registered mentor and mentee, however many the programme has.
  const participants = useAllPages<Participant>(`/programmes/${programme.programmeId}/participants`, [
    programme.programmeId,
  ]);
  return (
    <section aria-labelledby="pairs-title" className="card">
      <h2 id="pairs-title">Пары и группы</h2>
      <Pairs
        programmeId={programme.programmeId}
        capacity={capacity}
        canAudit={session.has('administrator', 'curator')}
        canForm={session.has('director', 'curator', 'administrator')}
        participants={participants.items}
        onChanged={refreshChecklist}
      />
      {session.has('director', 'curator', 'administrator') ? (
        <MentorCapacityForm
          organisationId={programme.organisationId}
          capacity={capacity}
          onChanged={setCapacityChanged}
        />
      ) : null}
    </section>
  );
}

function Pairs({
  programmeId,
  capacity,
  canAudit,
  canForm,
  participants,
  onChanged,
}: {
  programmeId: string;
  capacity: number;
  canAudit: boolean;
  canForm: boolean;
  participants: Participant[];
  onChanged: () => Promise<void>;
}) {
  const session = useSession();
  const label = usePersonLabel();
  // The list's filter is in the address (?status=): the home page's counts link to it.
  const [params, setParams] = useSearchParams();
  const status = (pairStatuses as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as PairStatus)
    : '';
  const filterBy = (value: PairStatus | '') =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('status', value);
        else next.delete('status');
        return next;
      },
      { replace: true },
    );
  const pairs = usePaged<Pair>(`/pairs?programmeId=${programmeId}${status ? `&status=${status}` : ''}`, [
    programmeId,
    status,
  ]);
  const canReadLoad = session.has('curator', 'director', 'commissionHead', 'administrator');
  const mentorKey = [...new Set(pairs.items.map((p) => p.mentorId))].sort().join();
  const loads = useLoad(async () => {
    const result = new Map<string, number>();
    if (!canReadLoad) return result;
    await Promise.all(
      mentorKey
        .split(',')
        .filter(Boolean)
        .map(async (mentorId) => {
          const load = await getJson<MentorLoad>(`/mentors/${mentorId}/load`).catch(() => undefined);
          if (load) result.set(mentorId, load.load);
        }),
    );
    return result;
  }, [mentorKey, pairs.items]);
  // The inbox's link to a pair's review names the pair (?pair=): its actions open on it.
  const { search, key } = useLocation();
  const asked = new URLSearchParams(search);
  const askedPair = asked.get('pair') ?? '';
  const askedAction = asked.get('action') as PairAction | null;
  const [selected, setSelected] = useState(askedPair);
  // …and a link to a control (?action=) opens its form on that pair; the checklist's link names no pair: the
  // form opens on the first pair the command applies to, once the pairs are read.
  const [open, setOpen] = useState<{ action: PairAction; nonce: number }>();
  useEffect(() => {
    if (!askedAction || !pairActions.includes(askedAction) || !pairs.loaded) return;
    const target = askedPair
      ? pairs.items.find((p) => p.pairId === askedPair)
      : pairs.items.find((p) =>
          askedAction === 'approve'
            ? p.status === 'formed'
            : askedAction === 'interim'
              ? p.status === 'active' && !p.interimControls.some((c) => c.outcome === 'passed')
              : p.status === 'formed' || p.status === 'active',
        );
    if (!target) return;
    setSelected(target.pairId);
    setOpen({ action: askedAction, nonce: Date.now() });
    // Once per link followed (its key), not on every re-read of the pairs.
  }, [key, pairs.loaded]);
  useAnchor(pairs.loaded);

  const mentees = (pair: Pair) => menteesOf(pair);
  const current = pairs.items.find((p) => p.pairId === selected);
  const changed = async () => {
    pairs.reload();
    await onChanged();
    // The pairs list is a projection that lags the accepted command: read it until it shows the change.
    void pairs.awaitChange();
  };

  return (
    <>
      {pairs.items.length > 0 || status ? (
        <SelectField
          label="Статус"
          field="status"
          value={status}
          onChange={filterBy}
          empty="Все пары и группы"
          options={labelledOptions(pairStatusLabels)}
        />
      ) : null}
      {pairs.error ? <ErrorBox error={pairs.error} /> : null}
      {!pairs.loaded && !pairs.error ? <Loading /> : null}
      {pairs.loaded && pairs.items.length === 0 ? (
        <p className="empty">
          {status
            ? `Нет пар и групп со статусом «${pairStatusLabels[status]}».`
            : 'Пары и группы ещё не закреплены приказом руководителя.'}
        </p>
      ) : null}
      {pairs.items.length ? (
        <DataTable
          caption="Наставнические пары и группы"
          columns={[
            'Форма',
            'Наставник',
            'Нагрузка наставника',
            'Наставляемые',
            'Статус',
            'Срок',
            'Приказ',
            ...(canAudit ? ['История'] : []),
          ]}
        >
          {pairs.items.map((pair) => {
            const load = loads.data?.get(pair.mentorId);
            return (
              <tr key={pair.pairId} data-pair-id={pair.pairId}>
                <td>
                  {pairFormLabels[pair.form]}
                  {pair.menteeIds.length > 1 ? ' (группа)' : ''}
                </td>
                <td>
                  <PersonId id={pair.mentorId} name={pair.mentorName} />
                  {pair.mentorHistory.length > 1 ? <small> (замена наставника)</small> : null}
                </td>
                <td>
                  {load === undefined ? (
                    '—'
                  ) : (
                    <Badge tone={load >= capacity ? 'warn' : 'ok'}>{`${load} из ${capacity}`}</Badge>
                  )}
                </td>
                <td>
                  {mentees(pair).map((m) => (
                    <PersonId key={m.personId} id={m.personId} name={m.name} hasConsent={m.hasConsent} />
                  ))}
                </td>
                <td>
                  <Badge tone={pair.status === 'terminated' ? 'danger' : pair.status === 'active' ? 'ok' : 'neutral'}>
                    {pairStatusLabels[pair.status]}
                  </Badge>
                </td>
                <td>
                  {formatLocalDate(pair.term.start)} — {formatLocalDate(pair.term.end)}
                </td>
                <td>
                  № {pair.order.number} от {formatLocalDate(pair.order.date)}
                </td>
                {canAudit ? (
                  <td>
                    <Link to={`/audit/${pair.pairId}`}>История</Link>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      <ShowMore list={pairs} what="пар и групп" />
      {pairs.items.length ? (
        <div className="pair-actions">
          <h3 id="pair-actions-title">Действия с парой или группой</h3>
          <SelectField
            label="Пара или группа"
            field="pair"
            value={selected}
            onChange={setSelected}
            empty="— выберите пару или группу —"
            options={pairs.items.map(
              (p) =>
                [
                  p.pairId,
                  `№ ${p.order.number}: наставник ${label(p.mentorId, p.mentorName)}, наставляемые ${menteesOf(p)
                    .map((m) => label(m.personId, m.name))
                    .join(', ')} — ${pairStatusLabels[p.status]}`,
                ] as const,
            )}
          />
          {current ? (
            <PairActions
              key={current.pairId}
              pair={current}
              mentors={participants.filter((p) => p.role === 'mentor')}
              onChanged={changed}
              open={open}
            />
          ) : null}
        </div>
      ) : null}
      {canForm ? (
        <FormPairForm programmeId={programmeId} participants={participants} capacity={capacity} onFormed={changed} />
      ) : null}
    </>
  );
}
