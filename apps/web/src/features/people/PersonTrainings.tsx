import type { FormEvent } from 'react';
import { getJson, sendJson } from '../../api';
import { useSession } from '../../auth';
import { FoldedCommandForm, DataTable, InputField, labelledOptions, SelectField, useLoad } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { trainedRoleLabels } from '../../../../../libs/domain/src/person/person.training';
import { TrainingTermFields, trainingCourse, trainingDates, trainingTermsBody } from '../programmes/Preparation';
import type { PersonCardView, TrainingRow } from '../../types';

/** Who records trainings, and so reads and corrects them (the API's `recorders`). */
const keepers = ['curator', 'director', 'administrator'] as const;

/**
 * The person's training records (issue 28) on her card: course, hours, dates, certificate — read from each
 * organisation she works in whose records the reader keeps; each corrected in place by its keeper.
 */
export function PersonTrainings({ view, onChanged }: { view: PersonCardView; onChanged: () => void }) {
  const session = useSession();
  const organisations = view.employments.map((e) => e.organisationId);
  const trainings = useLoad(async () => {
    // An organisation whose records the reader does not keep answers 403/404: its records are not hers to see.
    const read = await Promise.allSettled(
      organisations.map((id) =>
        getJson<TrainingRow[]>(`/organisations/${id}/trainings?personId=${view.personId}&limit=100`).then((rows) =>
          rows.map((row) => ({ ...row, organisationId: id })),
        ),
      ),
    );
    return read.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }, [view.personId, organisations.join(',')]);
  if (!session.has(...keepers) || !trainings.data) return null;
  return (
    <section className="card" aria-labelledby="person-trainings-title">
      <h2 id="person-trainings-title">Обучение</h2>
      {trainings.data.length === 0 ? (
        <p className="empty">Сведений об обучении нет.</p>
      ) : (
        <>
          <DataTable caption="Обучение сотрудника" columns={['Курс', 'Роль', 'Часы', 'Сроки', 'Удостоверение']}>
            {trainings.data.map((row) => (
              <tr key={row.trainingId}>
                <td>{trainingCourse(row)}</td>
                <td>{row.roleLabel}</td>
                <td>{row.hours}</td>
                <td>{trainingDates(row)}</td>
                <td>{row.certificateNumber ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
          {trainings.data.map((row) => (
            <CorrectTraining key={row.trainingId} row={row} onChanged={onChanged} />
          ))}
        </>
      )}
    </section>
  );
}

/** The correction of one record: the same fields as when it was recorded, the person fixed. */
function CorrectTraining({ row, onChanged }: { row: TrainingRow & { organisationId: string }; onChanged: () => void }) {
  const { values, bind } = useFormValues({
    role: row.role,
    courseTitle: row.courseTitle,
    hours: String(row.hours),
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    certificateNumber: row.certificateNumber ?? '',
  });
  const { role, courseTitle } = values;
  const command = useSubmit();
  const label = `Исправить сведения об обучении: ${row.courseTitle}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await sendJson('PUT', `/organisations/${row.organisationId}/trainings/${row.trainingId}`, {
        role,
        // A course of the catalogue stays the catalogue's; a course typed in is corrected as text.
        ...(row.catalogueEntryId ? { catalogueEntryId: row.catalogueEntryId } : { courseTitle }),
        ...trainingTermsBody(values),
      });
      onChanged();
      return 'Сведения об обучении исправлены';
    });
  };
  return (
    <FoldedCommandForm
      title={label}
      details={{ className: 'form-details' }}
      command={command}
      onSubmit={onSubmit}
      className="form-grid"
      submit="Сохранить исправление"
      busyText="Сохранение…"
      failed="Не исправлено"
    >
      <SelectField label="Роль" {...bind('role')} options={labelledOptions(trainedRoleLabels)} />
      {row.catalogueEntryId ? null : <InputField label="Курс" {...bind('courseTitle')} />}
      <TrainingTermFields bind={bind} />
    </FoldedCommandForm>
  );
}
