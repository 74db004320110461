import { useState, type FormEvent } from 'react';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import {
  DataTable,
  DoneBox,
  ErrorBox,
  Field,
  InputField,
  ShowMore,
  useDebouncedSearch,
  usePaged,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { readBase64 } from '../calendar/read-file';

/** An entry of the further-training catalogue as GET /training-catalogue lists it. */
export interface CatalogueEntry {
  entryId: string;
  title: string;
  provider: string;
  hours: number;
  form: string;
  registryId: string | null;
}

/**
 * The further-training catalogue (issue 28): the administrator imports it from CSV or XLSX (the federal registry
 * has no open dataset); everybody who records training searches it.
 */
export function TrainingCatalogue() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const q = useDebouncedSearch(search);
  const list = usePaged<CatalogueEntry>(`/training-catalogue?q=${encodeURIComponent(q)}`, [q]);
  const [file, setFile] = useState<File | null>(null);
  const { submit, busy, error, done } = useSubmit();

  const onImport = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      if (!file) throw new Error('Выберите файл XLSX или CSV');
      const answer = await postJson<{ created: number; updated: number }>('/training-catalogue/import', {
        fileName: file.name,
        content: await readBase64(file),
      });
      list.reload();
      return `Каталог загружен: добавлено ${answer.created}, обновлено ${answer.updated}`;
    });
  };

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">Каталог программ повышения квалификации</h1>
      {session.has('administrator') ? (
        <form className="card form-grid" onSubmit={onImport} noValidate aria-label="Импорт каталога">
          <p className="hint">
            Файл XLSX или CSV со столбцами «Название», «Организация», «Часы», «Форма» и, если есть, «ID в реестре».
            Повторная загрузка обновляет программы по ID в реестре или по организации и названию. Ошибка в любой строке
            — ничего не записывается, сообщение называет строку и столбец.
          </p>
          <Field label="Файл каталога (XLSX или CSV)" field="content" error={error}>
            {(props) => (
              <input
                {...props}
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? 'Загрузка…' : 'Загрузить каталог'}
            </button>
          </div>
          <ErrorBox error={error} title="Каталог не загружен" />
          <DoneBox done={done} />
        </form>
      ) : null}
      <div className="card">
        <InputField label="Поиск" field="q" value={search} onChange={setSearch} hint="Слова названия или организации" />
        {list.items.length === 0 ? (
          <p>{list.loaded ? 'Программ не найдено.' : 'Загрузка…'}</p>
        ) : (
          <DataTable
            caption="Программы повышения квалификации"
            columns={['Название', 'Организация', 'Часы', 'Форма', 'ID в реестре']}
          >
            {list.items.map((entry) => (
              <tr key={entry.entryId}>
                <td>{entry.title}</td>
                <td>{entry.provider}</td>
                <td>{entry.hours}</td>
                <td>{entry.form}</td>
                <td>{entry.registryId ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <ShowMore list={list} what="программы" />
      </div>
    </section>
  );
}
