import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationChoice, useOrganisationsWhere } from '../../components/organisations';
import { CommandForm, InputField } from '../../components/ui';
import { formatNumericDate, todayIn } from '../../format';
import { useSubmit } from '../../use-submit';
import type { Programme } from '../../types';
import { academicYearOf } from './academic-year';

/**
 * The director (or an administrator) starts the organisation's programme: its preparatory stage begins, and the
 * programme page opens where the curator is appointed. The title names the academic year (1 Sep – 31 Aug).
 */
export function StartProgramme() {
  const session = useSession();
  const navigate = useNavigate();
  const organisations = useOrganisationsWhere(['director']);
  const { organisationId, select } = useOrganisationChoice(organisations);
  const year = academicYearOf(todayIn(session.timeZoneOf(organisationId)));
  const [title, setTitle] = useState(year.title);
  const command = useSubmit();
  if (organisations.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const started = await postJson<{ state: Programme }>(`/organisations/${organisationId}/programmes`, { title });
      void navigate(`/programmes/${started.state.programmeId}`);
    });
  };
  return (
    <section aria-labelledby="start-programme-title" className="card">
      <h2 id="start-programme-title">Начать программу наставничества</h2>
      <p className="hint">
        Программа начинается с подготовительного этапа; учебный год — с {formatNumericDate(year.start)} по{' '}
        {formatNumericDate(year.end)}. Затем назначьте куратора программы.
      </p>
      {select}
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Начать программу"
        className="form-grid"
        submit="Начать программу"
        busyText="Создание…"
        failed="Программа не начата"
      >
        <InputField label="Название программы" field="title" value={title} onChange={setTitle} />
      </CommandForm>
    </section>
  );
}
