import { useState, type FormEvent } from 'react';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationChoice, useOrganisationsWhere } from '../../components/organisations';
import { PersonPicker } from '../../components/PersonPicker';
import { usePersonLabel } from '../../components/people';
import { CommandForm, ErrorBox, InputField, SelectField, ShowMore, useLoad, usePaged } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { incentiveFieldLabels } from '../../../../../libs/domain/src/incentive/incentive.labels';
import type { Pair, PersonListItem } from '../../types';
import { IncentiveList } from './IncentiveList';
import type { IncentiveKind } from './incentive';

/**
 * «Поощрения» (issue 28; 002 §5.1): the mentor proposes an incentive for her mentee, the curator for a mentor,
 * the director decides; the administrator keeps the list of kinds.
 */
export function IncentivesPage() {
  const session = useSession();
  const organisations = useOrganisationsWhere(['mentor', 'curator', 'director', 'commissionHead']);
  const { organisationId, select } = useOrganisationChoice(organisations);
  const [version, setVersion] = useState(0);
  const kinds = useLoad(() => getJson<IncentiveKind[]>('/incentive-kinds?limit=100'), [version]);
  const changed = () => setVersion((v) => v + 1);
  const roleHere = (role: 'mentor' | 'curator' | 'director') =>
    session.me.assignments.some((a) => a.role === role && a.organisationId === organisationId);
  const manager = roleHere('curator') || roleHere('director') || session.has('administrator');
  return (
    <section aria-labelledby="incentives-title">
      <h1 id="incentives-title">Поощрения</h1>
      <p className="hint">
        Наставник предлагает поощрение своему наставляемому, куратор — наставнику; утверждает руководитель приказом
        (решением). Утверждённые поощрения видны в карточке сотрудника и в отчётах.
      </p>
      {select}
      <ErrorBox error={kinds.error} />
      {organisationId && roleHere('mentor') ? (
        <ProposeForMentee organisationId={organisationId} kinds={kinds.data ?? []} onDone={changed} />
      ) : null}
      {organisationId && roleHere('curator') ? (
        <ProposeForMentor organisationId={organisationId} kinds={kinds.data ?? []} onDone={changed} />
      ) : null}
      {organisationId ? (
        <IncentiveList
          query={`organisationId=${organisationId}`}
          title={manager ? 'Поощрения организации' : 'Мои предложения и поощрения'}
          version={version}
        />
      ) : null}
      {session.has('administrator') ? <IncentiveKinds kinds={kinds.data ?? []} onDone={changed} /> : null}
    </section>
  );
}

const kindOptions = (kinds: readonly IncentiveKind[]) => kinds.map((k) => [k.kindId, k.name] as const);

/** The amount field, for a bonus or allowance only. */
function AmountField({ kind, value, onChange }: { kind: string; value: string; onChange: (v: string) => void }) {
  if (kind !== 'bonus') return null;
  return (
    <InputField
      label={incentiveFieldLabels.amount}
      field="amount"
      type="number"
      min="0.01"
      step="0.01"
      value={value}
      onChange={onChange}
      hint="Необязательно"
    />
  );
}

const amountOf = (text: string) => (text.trim() ? { amount: Number(text.replace(',', '.')) } : {});

/** The mentor: a mentee of one of her own pairs, and the kind. */
function ProposeForMentee({
  organisationId,
  kinds,
  onDone,
}: {
  organisationId: string;
  kinds: readonly IncentiveKind[];
  onDone: () => void;
}) {
  const session = useSession();
  const label = usePersonLabel();
  const pairs = usePaged<Pair>(`/pairs?mentorId=${session.me.sub}`, []);
  const mentees = pairs.items
    .filter((p) => p.organisationId === organisationId)
    .flatMap((p) =>
      (p.mentees ?? p.menteeIds.map((personId) => ({ personId, name: undefined }))).map((m) => ({
        key: `${p.pairId}:${m.personId}`,
        pairId: p.pairId,
        personId: m.personId,
        name: label(m.personId, m.name),
      })),
    );
  const [choice, setChoice] = useState('');
  const [kind, setKind] = useState('');
  const [amount, setAmount] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mentee = mentees.find((m) => m.key === choice);
    void command.submit(async () => {
      await postJson('/incentives', {
        organisationId,
        recipientRole: 'mentee',
        personId: mentee?.personId,
        pairId: mentee?.pairId,
        kind,
        ...amountOf(amount),
      });
      setKind('');
      setAmount('');
      onDone();
      return `Поощрение предложено: ${mentee?.name ?? ''}`;
    });
  };
  return (
    <section className="card" aria-labelledby="propose-mentee-title">
      <h2 id="propose-mentee-title">Предложить поощрение наставляемому</h2>
      <ErrorBox error={pairs.error} />
      <ShowMore list={pairs} what="пар" />
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Предложить поощрение наставляемому"
        className="form-grid"
        submit="Предложить"
        busyText="Отправка…"
        failed="Поощрение не предложено"
      >
        <SelectField
          label="Наставляемый"
          field="personId"
          value={choice}
          onChange={setChoice}
          empty="Выберите наставляемого"
          options={mentees.map((m) => [m.key, m.name] as const)}
        />
        <SelectField
          label={incentiveFieldLabels.kind}
          field="kind"
          value={kind}
          onChange={setKind}
          empty="Выберите вид поощрения"
          options={kindOptions(kinds)}
        />
        <AmountField kind={kind} value={amount} onChange={setAmount} />
      </CommandForm>
    </section>
  );
}

/** The curator: a mentor of the organisation's staff, and the kind. */
function ProposeForMentor({
  organisationId,
  kinds,
  onDone,
}: {
  organisationId: string;
  kinds: readonly IncentiveKind[];
  onDone: () => void;
}) {
  const [person, setPerson] = useState<PersonListItem | undefined>(undefined);
  const [kind, setKind] = useState('');
  const [amount, setAmount] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson('/incentives', {
        organisationId,
        recipientRole: 'mentor',
        personId: person?.personId,
        kind,
        ...amountOf(amount),
      });
      setPerson(undefined);
      setKind('');
      setAmount('');
      onDone();
      return `Поощрение предложено: ${person?.fullName ?? ''}`;
    });
  };
  return (
    <section className="card" aria-labelledby="propose-mentor-title">
      <h2 id="propose-mentor-title">Предложить поощрение наставнику</h2>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Предложить поощрение наставнику"
        className="form-grid"
        submit="Предложить"
        busyText="Отправка…"
        failed="Поощрение не предложено"
      >
        <PersonPicker
          label="Наставник"
          field="personId"
          organisationId={organisationId}
          value={person}
          onChange={setPerson}
        />
        <SelectField
          label={incentiveFieldLabels.kind}
          field="kind"
          value={kind}
          onChange={setKind}
          empty="Выберите вид поощрения"
          options={kindOptions(kinds)}
        />
        <AmountField kind={kind} value={amount} onChange={setAmount} />
      </CommandForm>
    </section>
  );
}

/** The administrator's list of kinds: 002 §5.1's stay; her own may be added and removed. */
function IncentiveKinds({ kinds, onDone }: { kinds: readonly IncentiveKind[]; onDone: () => void }) {
  const [name, setName] = useState('');
  const command = useSubmit();
  const removal = useSubmit();
  const add = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson('/incentive-kinds', { name });
      setName('');
      onDone();
      return 'Вид поощрения добавлен';
    });
  };
  const remove = (kind: IncentiveKind) =>
    void removal.submit(async () => {
      await postJson(`/incentive-kinds/${kind.kindId}/removal`);
      onDone();
      return `«${kind.name}» исключён из списка`;
    });
  return (
    <section className="card" aria-labelledby="incentive-kinds-title">
      <h2 id="incentive-kinds-title">Виды поощрений</h2>
      <ul className="list" aria-label="Виды поощрений">
        {kinds.map((k) => (
          <li key={k.kindId}>
            {k.name}{' '}
            {k.builtIn ? (
              <small className="hint">из Положения</small>
            ) : (
              <button type="button" onClick={() => remove(k)} disabled={removal.busy}>
                Исключить «{k.name}»
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorBox error={removal.error} title="Вид поощрения не исключён" />
      <CommandForm
        command={command}
        onSubmit={add}
        label="Добавить вид поощрения"
        className="form-grid"
        submit="Добавить"
        busyText="Запись…"
        failed="Вид поощрения не добавлен"
      >
        <InputField label={incentiveFieldLabels.name} field="name" value={name} onChange={setName} />
      </CommandForm>
    </section>
  );
}
