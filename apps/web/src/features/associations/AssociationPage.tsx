import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { getJson, postJson } from '../../api';
import { PersonPicker } from '../../components/PersonPicker';
import {
  CommandForm,
  DataTable,
  ErrorBox,
  InputField,
  Loading,
  SelectField,
  TextAreaField,
  useLoad,
} from '../../components/ui';
import { formatNumericDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { Association, PickedPerson } from './association';

const planStatusLabels: Record<string, string> = {
  open: 'Запланировано',
  overdue: 'Просрочено',
  done: 'Выполнено',
  cancelled: 'Отменено',
};

/** One association: its members, its yearly plan and its meetings' minutes; the forms for those who keep it. */
export function AssociationPage() {
  const { associationId } = useParams();
  const loaded = useLoad(() => getJson<Association>(`/associations/${associationId}`), [associationId]);
  const a = loaded.data;
  if (!a) return loaded.error ? <ErrorBox error={loaded.error} /> : <Loading />;
  const path = `/associations/${a.associationId}`;
  return (
    <article aria-labelledby="association-title">
      <h1 id="association-title">{a.name}</h1>
      <p>
        {a.levelLabel}: {a.organisationName ?? a.municipality}
      </p>

      <h2>Члены объединения</h2>
      {a.members.length === 0 ? (
        <p>В объединении пока нет наставников.</p>
      ) : (
        <ul aria-label="Члены объединения">
          {a.members.map((m) => (
            <li key={m.personId}>
              {m.fullName ?? 'Сотрудник'}
              {m.organisationName ? ` — ${m.organisationName}` : ''}
            </li>
          ))}
        </ul>
      )}
      {a.canManage ? <AddMember association={a} onDone={loaded.reload} /> : null}

      <h2>План работы</h2>
      {a.plan.length === 0 ? (
        <p>В плане пока нет мероприятий.</p>
      ) : (
        <DataTable caption="План работы" columns={['Дата', 'Мероприятие', 'Ответственный', 'Отметка']}>
          {a.plan.map((item) => (
            <tr key={item.itemId}>
              <td>{formatNumericDate(item.date)}</td>
              <td>{item.title}</td>
              <td>{item.responsibleName ?? '—'}</td>
              <td>{planStatusLabels[item.status] ?? item.status}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {a.canManage && a.members.length > 0 ? <AddPlanItem association={a} path={path} onDone={loaded.reload} /> : null}

      <h2>Заседания</h2>
      {a.meetings.length === 0 ? (
        <p>Заседаний пока не было.</p>
      ) : (
        a.meetings.map((m) => (
          <section key={m.meetingId} aria-label={`Протокол № ${m.minutesNumber} от ${formatNumericDate(m.date)}`}>
            <h3>
              Протокол № {m.minutesNumber} от {formatNumericDate(m.date)}
            </h3>
            <p>
              <strong>Повестка:</strong> <span className="prewrap">{m.agenda}</span>
            </p>
            <p>
              <strong>Решения:</strong> <span className="prewrap">{m.decisions}</span>
            </p>
            <p>
              <strong>Присутствовали:</strong> {m.attendees.map((p) => p.fullName ?? 'Сотрудник').join(', ')}
            </p>
          </section>
        ))
      )}
      {a.canManage && a.members.length > 0 ? (
        <RecordMeeting association={a} path={path} onDone={loaded.reload} />
      ) : null}
    </article>
  );
}

function AddMember({ association, onDone }: { association: Association; onDone: () => void }) {
  const command = useSubmit();
  const [person, setPerson] = useState<PickedPerson | undefined>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/associations/${association.associationId}/members`, { personId: person?.personId ?? '' });
      const name = person?.fullName;
      setPerson(undefined);
      onDone();
      return `${name ?? 'Наставник'} включён(а) в объединение`;
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={onSubmit}
      label="Включить наставника"
      submit="Включить в объединение"
      busyText="Запись…"
      failed="Наставник не включён"
    >
      <PersonPicker
        label="Наставник"
        field="personId"
        organisationId={association.organisationId}
        value={person}
        onChange={setPerson}
      />
    </CommandForm>
  );
}

function AddPlanItem({ association, path, onDone }: { association: Association; path: string; onDone: () => void }) {
  const command = useSubmit();
  const { values, set, bind } = useFormValues({ title: '', date: '', responsibleId: '' });
  const { title, date, responsibleId } = values;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`${path}/plan`, { title, date, responsibleId });
      set('title', '');
      set('date', '');
      onDone();
      return 'Мероприятие включено в план: ответственный получил задачу';
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={onSubmit}
      label="Мероприятие плана"
      submit="Включить в план"
      busyText="Запись…"
      failed="Мероприятие не включено"
    >
      <InputField label="Мероприятие" {...bind('title')} />
      <InputField label="Дата" {...bind('date')} required type="date" />
      <SelectField
        label="Ответственный"
        {...bind('responsibleId')}
        empty="Выберите члена объединения"
        options={association.members.map((m) => [m.personId, m.fullName ?? 'Сотрудник'] as const)}
      />
    </CommandForm>
  );
}

function RecordMeeting({ association, path, onDone }: { association: Association; path: string; onDone: () => void }) {
  const command = useSubmit();
  const { values, set, bind } = useFormValues({ date: '', minutesNumber: '', agenda: '', decisions: '' });
  const { date, minutesNumber, agenda, decisions } = values;
  const [attendeeIds, setAttendeeIds] = useState<string[]>([]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`${path}/meetings`, { date, minutesNumber, agenda, decisions, attendeeIds });
      set('agenda', '');
      set('decisions', '');
      set('minutesNumber', '');
      onDone();
      return 'Протокол заседания записан';
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={onSubmit}
      label="Протокол заседания"
      submit="Записать протокол"
      busyText="Запись…"
      failed="Протокол не записан"
    >
      <InputField label="Дата заседания" {...bind('date')} required type="date" />
      <InputField label="Номер протокола" {...bind('minutesNumber')} />
      <TextAreaField label="Повестка" {...bind('agenda')} />
      <TextAreaField label="Решения" {...bind('decisions')} />
      <fieldset>
        <legend>Присутствовали</legend>
        {association.members.map((m) => (
          <label key={m.personId} className="checkbox">
            <input
              type="checkbox"
              checked={attendeeIds.includes(m.personId)}
              onChange={(e) =>
                setAttendeeIds((ids) =>
                  e.target.checked ? [...ids, m.personId] : ids.filter((id) => id !== m.personId),
                )
              }
            />{' '}
            {m.fullName ?? 'Сотрудник'}
          </label>
        ))}
      </fieldset>
    </CommandForm>
  );
}
