import { useState, type FormEvent, type ReactNode } from 'react';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationChoice, useOrganisationsWhere } from '../../components/organisations';
import { PersonPicker } from '../../components/PersonPicker';
import { usePersonLabel } from '../../components/people';
import { CommandForm, ErrorBox, InputField, SelectField, ShowMore, useLoad, usePaged } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
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

const amountOf = (text: string) => (text.trim() ? { amount: Number(text.replace(',', '.')) } : {});

/** Whom a proposal rewards, as the form chose: the body's fields and the name the notice gives. */
interface Recipient {
  readonly fields: { personId?: string; pairId?: string; recipientRole: 'mentor' | 'mentee' };
  readonly name: string;
}

/**
 * One proposal form for the mentor and the curator: whom (`children`, the field that chooses the recipient),
 * the kind, and the amount for a bonus or allowance only.
 */
function ProposalForm({
  title,
  organisationId,
  kinds,
  recipient,
  onDone,
  children,
}: {
  title: string;
  organisationId: string;
  kinds: readonly IncentiveKind[];
  recipient: () => Recipient;
  onDone: () => void;
  children: ReactNode;
}) {
  const { values, bind, reset } = useFormValues({ kind: '', amount: '' });
  const { kind, amount } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { fields, name } = recipient();
    void command.submit(async () => {
      await postJson('/incentives', { organisationId, ...fields, kind, ...amountOf(amount) });
      reset();
      onDone();
      return `Поощрение предложено: ${name}`;
    });
  };
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <CommandForm
        command={command}
        onSubmit={submit}
        label={title}
        className="form-grid"
        submit="Предложить"
        busyText="Отправка…"
        failed="Поощрение не предложено"
      >
        {children}
        <SelectField
          label={incentiveFieldLabels.kind}
          {...bind('kind')}
          empty="Выберите вид поощрения"
          options={kinds.map((k) => [k.kindId, k.name] as const)}
        />
        {kind === 'bonus' ? (
          <InputField
            label={incentiveFieldLabels.amount}
            {...bind('amount')}
            type="number"
            min="0.01"
            step="0.01"
            hint="Необязательно"
          />
        ) : null}
      </CommandForm>
    </section>
  );
}

interface ProposerProps {
  organisationId: string;
  kinds: readonly IncentiveKind[];
  onDone: () => void;
}

/** The mentor: a mentee of one of her own pairs. */
function ProposeForMentee(props: ProposerProps) {
  const session = useSession();
  const label = usePersonLabel();
  const pairs = usePaged<Pair>(`/pairs?mentorId=${session.me.sub}`, []);
  const mentees = pairs.items
    .filter((p) => p.organisationId === props.organisationId)
    .flatMap((p) =>
      (p.mentees ?? p.menteeIds.map((personId) => ({ personId, name: undefined }))).map((m) => ({
        key: `${p.pairId}:${m.personId}`,
        pairId: p.pairId,
        personId: m.personId,
        // The full name, as the director's list and the person card show it.
        name: m.name ?? label(m.personId),
      })),
    );
  const [choice, setChoice] = useState('');
  const recipient = (): Recipient => {
    const mentee = mentees.find((m) => m.key === choice);
    return {
      fields: { recipientRole: 'mentee', personId: mentee?.personId, pairId: mentee?.pairId },
      name: mentee?.name ?? '',
    };
  };
  return (
    <ProposalForm title="Предложить поощрение наставляемому" recipient={recipient} {...props}>
      <ErrorBox error={pairs.error} />
      <SelectField
        label="Наставляемый"
        field="personId"
        value={choice}
        onChange={setChoice}
        empty="Выберите наставляемого"
        options={mentees.map((m) => [m.key, m.name] as const)}
      />
      <ShowMore list={pairs} what="пар" />
    </ProposalForm>
  );
}

/** The curator: a mentor of the organisation's staff. */
function ProposeForMentor(props: ProposerProps) {
  const [person, setPerson] = useState<PersonListItem | undefined>(undefined);
  const recipient = (): Recipient => ({
    fields: { recipientRole: 'mentor', personId: person?.personId },
    name: person?.fullName ?? '',
  });
  return (
    <ProposalForm
      title="Предложить поощрение наставнику"
      recipient={recipient}
      {...props}
      onDone={() => {
        setPerson(undefined);
        props.onDone();
      }}
    >
      <PersonPicker
        label="Наставник"
        field="personId"
        organisationId={props.organisationId}
        value={person}
        onChange={setPerson}
      />
    </ProposalForm>
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
