import { useState, type FormEvent } from 'react';
import { download, postJson, saveBlob, type UnmetCondition } from '../../api';
import { useSession } from '../../auth';
import { Badge, DataTable, DoneBox, ErrorBox, Field, Progress, SelectField } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { readBase64 } from '../calendar/read-file';
import type { components } from '../../api-types';

type ImportFile = components['schemas']['PeopleImportFileDto'];
type Outcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** What POST …/people/import/{preview,apply} answer. */
interface ImportResult {
  fileName: string;
  applied: boolean;
  counts: Record<Outcome, number>;
  rows: {
    line: number;
    personnelKey: string;
    fullName: string;
    outcome: Outcome;
    changedFieldLabels: string[];
    problems: UnmetCondition[];
  }[];
}

const outcomeLabels: Record<Outcome, string> = {
  created: 'будет создан',
  updated: 'будет изменён',
  unchanged: 'без изменений',
  refused: 'отклонён',
};
const appliedLabels: Record<Outcome, string> = {
  created: 'создан',
  updated: 'изменён',
  unchanged: 'без изменений',
  refused: 'отклонён',
};
const tones = { created: 'ok', updated: 'info', unchanged: 'neutral', refused: 'danger' } as const;

const countsText = (counts: Record<Outcome, number>, applied: boolean) =>
  `${applied ? 'Создано' : 'Будет создано'}: ${counts.created}, ${applied ? 'изменено' : 'будет изменено'}: ${counts.updated}, без изменений: ${counts.unchanged}, отклонено: ${counts.refused}`;

/**
 * Staff import from Excel or CSV (issue 18): the curator picks a file, reads the preview (per row: created,
 * updated with the fields that change, unchanged, refused with the reason), then applies the valid rows.
 */
export function ImportPeople() {
  const session = useSession();
  const organisationIds = [
    ...new Set(
      session.has('administrator')
        ? [...session.organisations.keys()]
        : session.me.assignments
            .filter((a) => ['curator', 'director'].includes(a.role) && a.organisationId)
            .map((a) => a.organisationId as string),
    ),
  ];
  const [organisationId, setOrganisationId] = useState(organisationIds[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const { submit, error, done, busy } = useSubmit();

  const send = (step: 'preview' | 'apply') =>
    submit(async () => {
      if (!file) throw new Error('Выберите файл XLSX или CSV');
      try {
        setStage('Чтение файла');
        const body: ImportFile = { fileName: file.name, content: await readBase64(file) };
        setStage(step === 'preview' ? 'Проверка строк' : 'Запись сотрудников');
        const answer = await postJson<ImportResult>(`/organisations/${organisationId}/people/import/${step}`, body);
        setResult(answer);
        return step === 'apply' ? `Импорт выполнен. ${countsText(answer.counts, true)}.` : undefined;
      } finally {
        setStage(null);
      }
    });

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    void send('preview');
  };

  const downloadTemplate = () =>
    submit(async () => {
      saveBlob(
        await download(`/organisations/${organisationId}/people/import/template`, () => {}),
        'шаблон-сотрудники.xlsx',
      );
    });

  const labels = result?.applied ? appliedLabels : outcomeLabels;
  return (
    <section aria-labelledby="people-import-title">
      <h1 id="people-import-title">Импорт сотрудников из Excel</h1>
      <p className="hint">
        Загрузите список сотрудников организации в формате XLSX или CSV (UTF-8 или Windows-1251, разделитель «;» или
        «,») с заголовками столбцов, как в шаблоне. Строка находит сотрудника по табельному номеру: повторная загрузка
        того же файла ничего не меняет, исправленного — меняет только исправленное. Не более 10 000 строк и 10 МиБ.
      </p>
      <form className="card form-grid" onSubmit={onPreview} noValidate>
        {organisationIds.length > 1 ? (
          <SelectField
            label="Организация"
            field="organisationId"
            value={organisationId}
            onChange={setOrganisationId}
            options={organisationIds.map((id) => [id, session.organisations.get(id)?.name ?? id] as const)}
          />
        ) : null}
        <Field label="Файл со списком сотрудников (XLSX или CSV)" field="content" error={error}>
          {(props) => (
            <input
              {...props}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy || !organisationId}>
            Проверить файл
          </button>
          <button
            type="button"
            className="button-link"
            onClick={() => void downloadTemplate()}
            disabled={!organisationId}
          >
            Скачать шаблон XLSX
          </button>
        </div>
        {stage ? <Progress label={stage} /> : null}
        <ErrorBox error={error} />
        <DoneBox done={done} />
      </form>
      {result ? (
        <div className="card">
          <h2>
            {result.applied ? 'Результат импорта' : 'Предпросмотр'}: {result.fileName}
          </h2>
          <p role="status">{countsText(result.counts, result.applied)}</p>
          {!result.applied && result.counts.created + result.counts.updated > 0 ? (
            <div className="actions">
              <button type="button" className="button-primary" disabled={busy} onClick={() => void send('apply')}>
                Импортировать
              </button>
            </div>
          ) : null}
          <DataTable
            caption="Строки файла"
            captionVisible
            columns={['Строка', 'Табельный номер', 'ФИО', 'Результат', 'Изменения или причина']}
          >
            {result.rows.map((row) => (
              <tr key={row.line}>
                <th scope="row">{row.line}</th>
                <td>{row.personnelKey}</td>
                <td>{row.fullName}</td>
                <td>
                  <Badge tone={tones[row.outcome]}>{labels[row.outcome]}</Badge>
                </td>
                <td>
                  {row.outcome === 'refused'
                    ? row.problems.map((p) => p.message).join('; ')
                    : row.changedFieldLabels.join(', ')}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
    </section>
  );
}
