import { useState, type FormEvent } from 'react';
import { getJson, postJson } from '../../api';
import { useAuth } from '../../auth';
import { DataTable, DoneBox, ErrorBox, Loading, Progress, useLoad } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { formatInstant } from '../../format';
import { readTextFile } from './read-file';
import { XmlFileField } from './XmlFileField';
import type { CalendarOverlayInfo } from '../../types';

/**
 * Regions' own non-working days over the federal calendar (Татарстан: Ураза-байрам, Курбан-байрам,
 * 30 августа, 6 ноября; …): the loaded overlays, and an administrator loads or replaces one from its XML.
 */
export function CalendarOverlays() {
  const isAdministrator = useAuth().session?.has('administrator') ?? false;
  const overlays = useLoad(() => getJson<CalendarOverlayInfo[]>('/calendar/overlays?limit=100'), []);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<{ label: string; value?: number; max?: number } | null>(null);
  const { submit: send, error, done } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      if (!file) throw new Error('Выберите файл регионального календаря');
      try {
        setStage({ label: 'Чтение файла', value: 0, max: file.size });
        const xml = await readTextFile(file, (loaded) =>
          setStage({ label: 'Чтение файла', value: loaded, max: file.size }),
        );
        setStage({ label: 'Проверка и сохранение регионального календаря' });
        const result = await postJson<CalendarOverlayInfo>('/calendar/overlays', { xml });
        overlays.reload();
        return `Региональный календарь «${result.region}» на ${result.year} год сохранён (особых дней: ${result.days}). Сроки организаций региона считаются с ним.`;
      } finally {
        setStage(null);
      }
    });
  };

  return (
    <section aria-labelledby="calendar-overlays-title">
      <h2 id="calendar-overlays-title">Региональные нерабочие дни</h2>
      <p className="hint">
        Субъекты Российской Федерации объявляют и собственные нерабочие дни (например, в Республике Татарстан —
        Ураза-байрам, Курбан-байрам, День Республики 30 августа и День Конституции Республики 6 ноября). Рабочие дни
        организации считаются по федеральному календарю и календарю её региона: день из регионального календаря заменяет
        тот же день федерального.
      </p>
      <ErrorBox error={overlays.error} />
      {overlays.loading && !overlays.data ? <Loading /> : null}
      {overlays.data && overlays.data.length === 0 ? (
        <p>Региональные календари не загружены: сроки везде считаются по федеральному календарю.</p>
      ) : null}
      {overlays.data && overlays.data.length > 0 ? (
        <DataTable
          caption="Загруженные региональные календари"
          captionVisible
          columns={['Регион', 'Год', 'Особых дней', 'Загружен']}
        >
          {overlays.data.map((o) => (
            <tr key={`${o.region} ${o.year}`}>
              <th scope="row">{o.region}</th>
              <td>{o.year} год</td>
              <td>{o.days}</td>
              <td>{formatInstant(o.loadedAt, 'Europe/Moscow')} (МСК)</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {isAdministrator ? (
        <form className="card form-grid" onSubmit={submit} noValidate>
          <h3>Загрузить или заменить региональный календарь</h3>
          <XmlFileField
            label="Региональный календарь (XML с атрибутом region)"
            error={error}
            hint='Формат xmlcalendar, как у федерального года, с регионом в корне: <calendar year="2027" country="ru" region="Республика Татарстан">. Федеральный календарь на этот год должен быть загружен.'
            onFile={setFile}
          />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={stage !== null}>
              Сохранить региональный календарь
            </button>
          </div>
          {stage ? <Progress label={stage.label} value={stage.value} max={stage.max} /> : null}
          <ErrorBox error={error} />
          <DoneBox done={done} />
        </form>
      ) : null}
    </section>
  );
}
