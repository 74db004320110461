import { useState, type FormEvent } from 'react';
import { deleteJson, postJson } from '../../api';
import { useSession } from '../../auth';
import {
  Badge,
  CommandForm,
  ErrorBox,
  InputField,
  Loading,
  SelectField,
  ShowMore,
  useDebouncedSearch,
  usePaged,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues, type Bind } from '../../components/form-values';
import { formatInstant } from '../../format';
import { roleLabels } from '../../labels';
import type { Assignment, Role, User } from '../../types';

const roles = Object.keys(roleLabels) as Role[];

/** Users and their roles per organisation (administrators only; every change is an audited event). */
export function Users() {
  const [typed, setTyped] = useState('');
  const q = useDebouncedSearch(typed);
  const users = usePaged<User>(`/users${q ? `?q=${encodeURIComponent(q)}` : ''}`, []);
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Пользователи и роли</h1>
      <ErrorBox error={users.error} />
      {!users.loaded && !users.error ? <Loading /> : null}
      {/* The one just registered is found by her sign-in subject: by name she may be past the first hundred. */}
      <CreateUser
        onCreated={(sub) => {
          setTyped(sub);
          users.reload();
        }}
      />
      <InputField
        label="Поиск пользователя"
        field="q"
        hint="Часть ФИО, идентификатора входа или электронной почты"
        type="search"
        value={typed}
        onChange={setTyped}
        autoComplete="off"
      />
      {users.loaded && users.items.length === 0 && q ? <p className="empty">Никого не найдено</p> : null}
      <ul className="card-list">
        {users.items.map((user) => (
          <UserCard key={user.userId} user={user} onChanged={users.reload} />
        ))}
      </ul>
      <ShowMore list={users} what="пользователей" />
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: (sub: string) => void }) {
  const { values, bind, reset } = useFormValues({ sub: '', fullName: '', email: '' });
  const { sub, fullName, email } = values;
  const { submit: send, error } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson('/users', { sub, fullName, ...(email ? { email } : {}) });
      reset();
      onCreated(sub.trim());
    });
  };
  return (
    <form className="card form-grid" onSubmit={submit} noValidate>
      <h2>Новый пользователь</h2>
      <UserFields error={error} bind={bind} />
      <div className="actions">
        <button type="submit">Зарегистрировать</button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

type UserField = 'fullName' | 'sub' | 'email';

/**
 * A user's name, sign-in subject and e-mail, as registered and as corrected. The subject is explained for an
 * administrator who has never seen a token.
 */
function UserFields({ error, bind }: { error: unknown; bind: Bind<UserField> }) {
  return (
    <>
      <InputField label="ФИО" {...bind('fullName')} error={error} autoComplete="off" />
      <InputField
        label="Идентификатор входа (sub)"
        {...bind('sub')}
        error={error}
        autoComplete="off"
        hint="Постоянный идентификатор пользователя у поставщика входа (поле sub его токена, например из Keycloak или ЕСИА), без пробелов; не логин и не e-mail. Ошибку можно исправить позже — не создавайте второго пользователя."
      />
      <InputField
        label="Электронная почта (необязательно)"
        {...bind('email')}
        error={error}
        type="email"
        autoComplete="off"
      />
    </>
  );
}

/** Corrects the user in place: the same account, roles and history (never a second user for a typo). */
function EditUser({ user, onSaved, onCancel }: { user: User; onSaved: () => void; onCancel: () => void }) {
  const { values, bind } = useFormValues({ fullName: user.fullName, sub: user.sub, email: user.email ?? '' });
  const { fullName, sub, email } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/users/${user.userId}/details`, { fullName, sub, email });
      onSaved();
      return 'Изменения сохранены';
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label={`Исправить пользователя ${user.fullName}`}
      className="form-grid"
      submit="Сохранить"
      busyText="Сохранение…"
      failed="Изменения не сохранены"
    >
      <UserFields error={command.error} bind={bind} />
      <button type="button" className="button-link" onClick={onCancel}>
        Закрыть
      </button>
    </CommandForm>
  );
}

function UserCard({ user, onChanged }: { user: User; onChanged: () => void }) {
  const session = useSession();
  const { values, bind } = useFormValues({
    role: 'curator' as Role,
    organisationId: '',
    region: '',
    municipality: '',
  });
  const { role, organisationId, region, municipality } = values;
  const [editing, setEditing] = useState(false);
  // One error slot for the card's three commands, as each clears the others' error.
  const { submit: send, error } = useSubmit();
  const scopeOf = (a: Assignment) =>
    a.organisationId
      ? (session.organisations.get(a.organisationId)?.name ?? a.organisationId)
      : (a.municipality ?? a.region ?? 'вся система');
  const grant = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      // The role's scope: an organisation, a region (and municipality) for a coordinator, nothing for an administrator.
      await postJson(
        `/users/${user.userId}/roles`,
        role === 'regionalCoordinator'
          ? { role, region, ...(municipality.trim() ? { municipality } : {}) }
          : role === 'administrator'
            ? { role }
            : { role, organisationId },
      );
      onChanged();
    });
  };
  const blocked = user.disabledAt !== null;
  const isSelf = user.sub === session.me.sub;
  // A blocked user's tokens are refused from their next request; unblocking gives them back.
  const setBlocked = (block: boolean) =>
    send(async () => {
      await postJson(`/users/${user.userId}/${block ? 'deactivate' : 'activate'}`, {});
      onChanged();
    });
  const revoke = (a: Assignment) =>
    send(async () => {
      await deleteJson(`/users/${user.userId}/roles`, {
        role: a.role,
        organisationId: a.organisationId,
        region: a.region,
        municipality: a.municipality,
      });
      onChanged();
    });
  return (
    <li className="card">
      <h2>
        {user.fullName} {blocked ? <Badge tone="danger">Заблокирован</Badge> : <Badge tone="ok">Активен</Badge>}
      </h2>
      <p className="hint">
        {user.sub}
        {user.email ? ` · ${user.email}` : ''}
        {blocked && user.disabledAt
          ? ` · заблокирован ${formatInstant(user.disabledAt, session.timeZoneOf(undefined))} (МСК)`
          : ''}
      </p>
      {editing ? (
        <EditUser
          user={user}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="actions">
          <button type="button" onClick={() => setEditing(true)} aria-label={`Исправить пользователя ${user.fullName}`}>
            Исправить
          </button>
        </p>
      )}
      {isSelf ? null : (
        <p className="actions">
          <button
            type="button"
            className={blocked ? undefined : 'button-danger'}
            onClick={() => void setBlocked(!blocked)}
            aria-label={`${blocked ? 'Разблокировать' : 'Заблокировать'} пользователя ${user.fullName}`}
          >
            {blocked ? 'Разблокировать' : 'Заблокировать'}
          </button>
        </p>
      )}
      <ul className="assignments">
        {user.assignments.map((a) => (
          <li key={`${a.role}-${a.organisationId ?? a.region ?? ''}-${a.municipality ?? ''}`}>
            {roleLabels[a.role]} — {scopeOf(a)}{' '}
            <button
              type="button"
              className="button-link"
              onClick={() => void revoke(a)}
              aria-label={`Снять роль «${roleLabels[a.role]}» (${scopeOf(a)})`}
            >
              Снять
            </button>
          </li>
        ))}
        {user.assignments.length === 0 ? <li className="empty">Ролей нет</li> : null}
      </ul>
      <form className="inline-form" onSubmit={grant} noValidate>
        <SelectField
          label="Роль"
          {...bind('role')}
          error={error}
          options={roles.map((r) => [r, roleLabels[r]] as const)}
        />
        {role === 'regionalCoordinator' ? (
          <>
            <InputField label="Регион" {...bind('region')} error={error} />
            <InputField
              label="Муниципалитет (для муниципального координатора)"
              {...bind('municipality')}
              error={error}
            />
          </>
        ) : role === 'administrator' ? (
          <p className="hint">Администратор действует во всей системе.</p>
        ) : (
          <SelectField
            label="Организация"
            {...bind('organisationId')}
            error={error}
            empty="— выберите организацию —"
            options={[...session.organisations.values()].map((o) => [o.organisationId, o.name] as const)}
          />
        )}
        <button type="submit">Назначить роль</button>
      </form>
      <ErrorBox error={error} />
    </li>
  );
}
