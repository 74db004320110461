import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationsWhere } from '../../components/organisations';
import {
  CommandForm,
  DataTable,
  ErrorBox,
  InputField,
  Loading,
  SelectField,
  usePaged,
  ShowMore,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { associationKeeperRoles, type Association, type AssociationListItem } from './association';

const levelOptions = [
  ['organisation', 'Образовательная организация'],
  ['municipality', 'Муниципалитет (ведёт муниципальный методический центр)'],
] as const;

/** «Методическое объединение»: the associations the user keeps or belongs to, and a new one for a keeper. */
export function Associations() {
  const session = useSession();
  const list = usePaged<AssociationListItem>('/associations', []);
  const keeper = session.has(...associationKeeperRoles);
  return (
    <section aria-labelledby="associations-title">
      <h1 id="associations-title">Методическое объединение наставников</h1>
      <p className="hint">
        Члены объединения, план работы на год (каждое мероприятие — задача ответственному) и заседания с протоколами.
      </p>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {!list.loaded ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p>Методических объединений пока нет.</p>
      ) : (
        <DataTable
          caption="Методические объединения"
          columns={['Название', 'Уровень', 'Организация', 'Членов', 'Мероприятий', 'Заседаний']}
        >
          {list.items.map((a) => (
            <tr key={a.associationId}>
              <td>
                <Link to={`/associations/${a.associationId}`}>{a.name}</Link>
              </td>
              <td>{a.levelLabel}</td>
              <td>{a.organisationName}</td>
              <td>{a.memberCount}</td>
              <td>{a.planItemCount}</td>
              <td>{a.meetingCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ShowMore list={list} what="объединения" />
      {keeper ? <CreateAssociation /> : null}
    </section>
  );
}

function CreateAssociation() {
  const organisations = useOrganisationsWhere(associationKeeperRoles);
  const navigate = useNavigate();
  const command = useSubmit();
  const { values, bind } = useFormValues({
    name: '',
    level: 'organisation' as 'organisation' | 'municipality',
    organisationId: organisations[0]?.id ?? '',
  });
  const { name, level, organisationId } = values;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const created = await postJson<Association>('/associations', { name, level, organisationId });
      void navigate(`/associations/${created.associationId}`);
    });
  };
  return (
    <>
      <h2>Создать методическое объединение</h2>
      <CommandForm
        command={command}
        onSubmit={onSubmit}
        label="Создать методическое объединение"
        submit="Создать"
        busyText="Создание…"
        failed="Объединение не создано"
      >
        <InputField label="Название" {...bind('name')} />
        <SelectField label="Уровень" {...bind('level')} options={levelOptions} />
        <SelectField
          label="Организация"
          {...bind('organisationId')}
          options={organisations.map((o) => [o.id, o.name] as const)}
        />
      </CommandForm>
    </>
  );
}
