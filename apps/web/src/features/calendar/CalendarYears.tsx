import { useState, type FormEvent } from 'react';
import { getJson, postJson } from '../../api';
import { DataTable, DoneBox, ErrorBox, Loading, Progress, useLoad } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { formatInstant } from '../../format';
import { readTextFile } from './read-file';
import { XmlFileField } from './XmlFileField';
import type { CalendarYearInfo } from '../../types';
import { CalendarOverlays } from './CalendarOverlays';

/** The production calendar years deadlines are counted on; an administrator loads a missing year from its XML. */
export function CalendarYears() {
  const years = useLoad(() => getJson<CalendarYearInfo[]>('/calendar/years'), []);
  const horizon = useLoad(() => getJson<{ loadedThrough: number; warning?: string }>('/calendar/years/horizon'), []);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<{ label: string; value?: number; max?: number } | null>(null);
  const { submit: send, error, done } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      if (!file) throw Object.assign(new Error('Выберите файл календаря'), {});
      try {
        setStage({ label: 'Чтение файла', value: 0, max: file.size });
        const xml = await readTextFile(file, (loaded) =>
          setStage({ label: 'Чтение файла', value: loaded, max: file.size }),
        );
        setStage({ label: 'Проверка и загрузка календаря' });
        const result = await postJson<{ year: number; days: number }>('/calendar/years', { xml });
        years.reload();
        horizon.reload();
        return `Календарь на ${result.year} год загружен (особых дней: ${result.days}). Новые сроки считаются по нему.`;
      } finally {
        setStage(null);
      }
    });
  };

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">Производственный календарь</h1>
      <p className="hint">
        Рабочие дни считаются по официальному календарю с переносами; год без календаря не считается «по будням» — его
        нужно загрузить.
      </p>
      {horizon.data ? (
        <p className={horizon.data.warning ? 'alert alert-error' : 'hint'} role="status" data-testid="calendar-horizon">
          Календарь загружен по {horizon.data.loadedThrough} год включительно.
          {horizon.data.warning ? ` ${horizon.data.warning}.` : ''}
        </p>
      ) : null}
      <ErrorBox error={years.error} />
      {years.loading && !years.data ? <Loading /> : null}
      {years.data ? (
        <DataTable caption="Загруженные годы" captionVisible columns={['Год', 'Источник', 'Загружен']}>
          {years.data.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td>
              <td>{y.source === 'loaded' ? 'Загружен администратором' : 'Поставляется с системой'}</td>
              <td>{y.loadedAt ? formatInstant(y.loadedAt, 'Europe/Moscow') + ' (МСК)' : '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <form className="card form-grid" onSubmit={submit} noValidate>
        <h2>Загрузить или заменить год</h2>
        <XmlFileField label="Файл календаря (XML, формат xmlcalendar)" error={error} onFile={setFile} />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={stage !== null}>
            Загрузить
          </button>
        </div>
        {stage ? <Progress label={stage.label} value={stage.value} max={stage.max} /> : null}
        <ErrorBox error={error} />
        <DoneBox done={done} />
      </form>
      <CalendarOverlays />
    </section>
  );
}
