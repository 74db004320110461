import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { postJson } from '../../api';
import { useAuth } from '../../auth';
import {
  CommandForm,
  DataTable,
  ErrorBox,
  InputField,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  useDebouncedSearch,
  usePaged,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import {
  organisationKindLabels,
  russianTimeZones,
} from '../../../../../libs/domain/src/organisation/organisation.labels';
import type { OrganisationKind } from '../../../../../libs/domain/src/organisation/organisation.events';
import type { Organisation } from '../../types';

/** «Москва, … (МСК, UTC+3)» for a zone the list names; the IANA name for one it does not. */
export const timeZoneLabel = (timeZone: string) =>
  russianTimeZones.find(([zone]) => zone === timeZone)?.[1] ?? timeZone;

/** «Организации»: the organisations the user may see, searched by name, municipality or region, and registering one. */
export function Organisations() {
  const [typed, setTyped] = useState('');
  const q = useDebouncedSearch(typed);
  const [registering, setRegistering] = useState(false);
  const organisations = usePaged<Organisation>(`/organisations${q ? `?q=${encodeURIComponent(q)}` : ''}`, []);
  const empty = organisations.loaded && organisations.items.length === 0 && q === '';
  return (
    <section aria-labelledby="organisations-title">
      <h1 id="organisations-title">Организации</h1>
      {empty ? (
        <p className="empty">
          Организаций пока нет. Начните с регистрации образовательной организации, затем добавьте её сотрудников и
          назначьте руководителя в разделе «Пользователи и роли».
        </p>
      ) : null}
      {organisations.loaded && !empty ? (
        <InputField
          label="Поиск организации"
          field="q"
          hint="Часть названия, муниципалитета или региона"
          type="search"
          value={typed}
          onChange={setTyped}
          autoComplete="off"
        />
      ) : null}
      <ErrorBox error={organisations.error} />
      {!organisations.loaded && !organisations.error ? <Loading /> : null}
      {organisations.loaded && organisations.items.length === 0 && q !== '' ? (
        <p className="empty" role="status">
          Ничего не найдено.
        </p>
      ) : null}
      {organisations.items.length ? (
        <DataTable caption="Организации" columns={['Организация', 'Вид', 'Муниципалитет, регион', 'Часовой пояс']}>
          {organisations.items.map((o) => (
            <tr key={o.organisationId}>
              <td>
                <Link to={`/people?organisation=${o.organisationId}`}>{o.name}</Link>
              </td>
              <td>{organisationKindLabels[o.kind as OrganisationKind] ?? o.kind}</td>
              <td>
                {o.municipality}, {o.region}
              </td>
              <td>{timeZoneLabel(o.timeZone)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ShowMore list={organisations} what="организаций" />
      {empty || registering ? (
        <RegisterOrganisation
          onRegistered={() => {
            setRegistering(true);
            // The list is a projection that lags the accepted command: read it again until it has caught up.
            for (const delay of [0, 400, 1000, 2500]) setTimeout(organisations.reload, delay);
          }}
        />
      ) : (
        <p className="actions">
          <button type="button" onClick={() => setRegistering(true)}>
            Зарегистрировать организацию
          </button>
        </p>
      )}
    </section>
  );
}

function RegisterOrganisation({ onRegistered }: { onRegistered: () => void }) {
  const { refresh } = useAuth();
  const { values, set, bind } = useFormValues({
    name: '',
    kind: 'school' as OrganisationKind,
    region: '',
    municipality: '',
    timeZone: '',
  });
  const { name, kind, region, municipality, timeZone } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const { organisationId } = await postJson<{ organisationId: string }>('/organisations', {
        name,
        kind,
        region,
        municipality,
        timeZone,
      });
      onRegistered();
      // Other screens (roles, staff, programmes) offer the session's organisations, read from a projection that
      // lags the command: read them again until the new one is there.
      for (let attempt = 0; attempt < 20; attempt++) {
        if ((await refresh())?.organisations.has(organisationId)) break;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const registered = name;
      set('name', '');
      set('municipality', '');
      return `Организация «${registered}» зарегистрирована`;
    });
  };
  return (
    <section aria-labelledby="register-organisation-title" className="card">
      <h2 id="register-organisation-title">Зарегистрировать организацию</h2>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Зарегистрировать организацию"
        className="form-grid"
        submit="Зарегистрировать"
        busyText="Регистрация…"
        failed="Организация не зарегистрирована"
      >
        <InputField label="Полное название" {...bind('name')} />
        <SelectField label="Вид организации" {...bind('kind')} options={labelledOptions(organisationKindLabels)} />
        <InputField label="Регион" {...bind('region')} hint="Например: Самарская область" />
        <InputField label="Муниципалитет" {...bind('municipality')} hint="Например: г. Тольятти" />
        <SelectField
          label="Часовой пояс"
          {...bind('timeZone')}
          empty="— выберите город —"
          hint="Сроки задач истекают в полночь по местному времени организации"
          options={russianTimeZones}
        />
      </CommandForm>
    </section>
  );
}
