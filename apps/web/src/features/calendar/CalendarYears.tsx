import { getJson, postJson } from '../../api';
import { DataTable, ErrorBox, Loading, useLoad } from '../../components/ui';
import { formatInstant } from '../../format';
import { useXmlUpload } from './read-file';
import { XmlFileField, XmlUploadOutcome } from './XmlFileField';
import type { CalendarYearInfo } from '../../types';
import { CalendarOverlays } from './CalendarOverlays';

/** The production calendar years deadlines are counted on; an administrator loads a missing year from its XML. */
export function CalendarYears() {
  const years = useLoad(() => getJson<CalendarYearInfo[]>('/calendar/years'), []);
  const horizon = useLoad(() => getJson<{ loadedThrough: number; warning?: string }>('/calendar/years/horizon'), []);
  const upload = useXmlUpload('Выберите файл календаря', 'Проверка и загрузка календаря', async (xml) => {
    const result = await postJson<{ year: number; days: number }>('/calendar/years', { xml });
    years.reload();
    horizon.reload();
    return `Календарь на ${result.year} год загружен (особых дней: ${result.days}). Новые сроки считаются по нему.`;
  });

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
      <form className="card form-grid" onSubmit={upload.submit} noValidate>
        <h2>Загрузить или заменить год</h2>
        <XmlFileField label="Файл календаря (XML, формат xmlcalendar)" error={upload.error} onFile={upload.setFile} />
        <XmlUploadOutcome upload={upload}>Загрузить</XmlUploadOutcome>
      </form>
      <CalendarOverlays />
    </section>
  );
}
