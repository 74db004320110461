import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { getJson, postJson } from '../../api';
import { NoConsentFlag, usePeople } from '../../components/people';
import { useOrganisationChoice, useOrganisationsWhere } from '../../components/organisations';
import {
  DataTable,
  DoneBox,
  ErrorBox,
  InputField,
  Loading,
  PAGE_SIZE,
  SelectField,
  ShowMore,
  SubmitButton,
  useLoad,
  usePaged,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { employmentStatusLabels, qualificationCategoryLabels } from '../../../../../libs/domain/src/person/person.card';
import type { PersonListItem, Role, User } from '../../types';
import { useSession } from '../../auth';
import { CardFields, EmploymentFields } from './person-form';
import {
  blankCard,
  blankEmployment,
  cardBody,
  employmentBody,
  type CardValues,
  type EmploymentValues,
} from './person-values';

/** The roles that keep an organisation's staff directory (issue 18: who sees what). */
const staffRoles: Role[] = ['curator', 'director', 'administrator'];

/** Waits this long after the last key before searching, so the list follows typing without a request per key. */
const SEARCH_DEBOUNCE_MS = 250;

/** «Сотрудники»: an organisation's staff, searched by surname as you type, with the form that adds a person. */
export function StaffDirectory() {
  // Their own organisations for a curator or director, every one for an administrator.
  const organisations = useOrganisationsWhere(staffRoles);
  const { organisationId, select } = useOrganisationChoice(organisations);
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">Сотрудники</h1>
      {organisations.length === 0 ? <p className="empty">Нет организаций, сотрудников которых вы ведёте.</p> : null}
      {select}
      {organisationId ? <OrganisationStaff key={organisationId} organisationId={organisationId} /> : null}
    </section>
  );
}

/** One organisation's staff: the search box, the list it filters on the server, and the form that adds a person. */
function OrganisationStaff({ organisationId }: { organisationId: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [withoutWorkEmail, setWithoutWorkEmail] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const staff = usePaged<PersonListItem>(
    `/organisations/${organisationId}/people${withoutWorkEmail ? '/without-work-email' : ''}${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    [],
  );
  return (
    <>
      <InputField
        label="Поиск по фамилии"
        field="q"
        hint="Регистр и буквы «е»/«ё» не важны"
        type="search"
        value={typed}
        onChange={setTyped}
        autoComplete="off"
      />
      <label className="checkbox">
        <input type="checkbox" checked={withoutWorkEmail} onChange={(e) => setWithoutWorkEmail(e.target.checked)} />{' '}
        Только без адреса для уведомлений
      </label>
      <StaffTable staff={staff} searching={typed !== '' || withoutWorkEmail} />
      <AddPerson organisationId={organisationId} onAdded={staff.reload} />
    </>
  );
}

function StaffTable({ staff, searching }: { staff: ReturnType<typeof usePaged<PersonListItem>>; searching: boolean }) {
  if (staff.error) return <ErrorBox error={staff.error} />;
  if (!staff.loaded) return <Loading />;
  if (staff.items.length === 0)
    return (
      <p className="empty" role="status">
        {searching ? 'Никого не найдено.' : 'Сотрудники ещё не добавлены.'}
      </p>
    );
  return (
    <>
      <DataTable
        caption="Сотрудники организации"
        columns={['ФИО', 'Должность', 'Предметы', 'Категория', 'Статус', 'Рабочие контакты']}
      >
        {staff.items.map((p) => (
          <tr key={p.personId}>
            <td>
              <Link to={`/people/${p.personId}`}>{p.fullName}</Link>
              {/* Absent for a depersonalised person («Обезличено»): no name left to flag. */}
              {p.hasConsent === false ? (
                <>
                  {' '}
                  <NoConsentFlag />
                </>
              ) : null}
            </td>
            <td>{p.positions.join('; ') || '—'}</td>
            <td>{p.subjects.join(', ') || '—'}</td>
            <td>{p.category ? qualificationCategoryLabels[p.category] : '—'}</td>
            <td>{employmentStatusLabels[p.status] ?? p.status}</td>
            <td>
              {[p.workEmail, p.workPhone].filter(Boolean).join(', ') || '—'}
              {p.workEmail || p.status === 'dismissed' ? null : (
                <>
                  {' '}
                  <NoWorkEmailFlag />
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <ShowMore list={staff} what="сотрудников" />
    </>
  );
}

/** Notifications cannot reach the person: the card has no work e-mail (issue 21). */
function NoWorkEmailFlag() {
  return (
    <span
      className="badge badge-warn no-work-email"
      title="Письма с задачами и напоминаниями не доходят: нет рабочего e-mail"
    >
      нет адреса для уведомлений
    </span>
  );
}

/** A subject that can be a person's id: the directory keys a person who signs in by their account's subject. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function AddPerson({ organisationId, onAdded }: { organisationId: string; onAdded: () => void }) {
  const { refresh } = usePeople();
  const session = useSession();
  // An administrator links the card to the person's account, so the roles granted there act under this name.
  const isAdministrator = session.has('administrator');
  const accounts = useLoad(async () => {
    const all: User[] = [];
    // Every account, a page at a time (a few thousand at most: a school system's users).
    for (let offset = 0; isAdministrator && offset < 50 * PAGE_SIZE; offset += PAGE_SIZE) {
      const page = await getJson<User[]>(`/users?limit=${PAGE_SIZE}&offset=${offset}`);
      all.push(...page);
      if (page.length < PAGE_SIZE) break;
    }
    return all;
  }, [isAdministrator]);
  const [account, setAccount] = useState('');
  const [card, setCard] = useState<CardValues>(blankCard);
  const [employment, setEmployment] = useState<EmploymentValues>(blankEmployment);
  const { submit: send, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson<{ personId: string }>(`/organisations/${organisationId}/people`, {
        ...cardBody(card),
        ...employmentBody(employment),
        ...(account ? { personId: account } : {}),
      });
      setAccount('');
      const name = [card.surname, card.firstName, card.patronymic]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' ');
      setCard(blankCard);
      setEmployment(blankEmployment);
      onAdded();
      refresh();
      return `Сотрудник ${name} добавлен`;
    });
  };
  return (
    <details className="form-details card">
      <summary>Добавить сотрудника</summary>
      <form onSubmit={submit} noValidate aria-label="Добавить сотрудника" className="form-grid">
        <CardFields values={card} onChange={setCard} error={error} />
        <EmploymentFields values={employment} onChange={setEmployment} error={error} />
        {isAdministrator ? (
          <SelectField
            label="Учётная запись для входа (необязательно)"
            field="personId"
            error={error}
            value={account}
            onChange={setAccount}
            empty="— без учётной записи —"
            options={(accounts.data ?? [])
              .filter((u) => UUID.test(u.sub))
              .map((u) => [u.sub, `${u.fullName} (${u.email ?? u.sub})`] as const)}
          />
        ) : null}
        <div className="actions">
          <SubmitButton busy={busy} busyText="Сохранение…">
            Добавить
          </SubmitButton>
        </div>
        <ErrorBox error={error} title="Сотрудник не добавлен" />
        <DoneBox done={done} />
      </form>
    </details>
  );
}
