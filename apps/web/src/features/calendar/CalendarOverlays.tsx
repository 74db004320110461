import { getJson, postJson } from '../../api';
import { useAuth } from '../../auth';
import { DataTable, ErrorBox, Loading, useLoad } from '../../components/ui';
import { formatInstant } from '../../format';
import { useXmlUpload } from './read-file';
import { XmlFileField, XmlUploadOutcome } from './XmlFileField';
import type { CalendarOverlayInfo } from '../../types';

/**
 * Regions' own non-working days over the federal calendar (Татарстан: Ураза-байрам, Курбан-байрам,
 * 30 августа, 6 ноября; …): the loaded overlays, and an administrator loads or replaces one from its XML.
 */
export function CalendarOverlays() {
  const isAdministrator = useAuth().session?.has('administrator') ?? false;
  const overlays = useLoad(() => getJson<CalendarOverlayInfo[]>('/calendar/overlays?limit=100'), []);
  const upload = useXmlUpload(
    'Выберите файл регионального календаря',
    'Проверка и сохранение регионального календаря',
    async (xml) => {
      const result = await postJson<CalendarOverlayInfo>('/calendar/overlays', { xml });
      overlays.reload();
      return `Региональный календарь «${result.region}» на ${result.year} год сохранён (особых дней: ${result.days}). Сроки организаций региона считаются с ним.`;
    },
  );

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
        <form className="card form-grid" onSubmit={upload.submit} noValidate>
          <h3>Загрузить или заменить региональный календарь</h3>
          <XmlFileField
            label="Региональный календарь (XML с атрибутом region)"
            error={upload.error}
            hint='Формат xmlcalendar, как у федерального года, с регионом в корне: <calendar year="2027" country="ru" region="Республика Татарстан">. Федеральный календарь на этот год должен быть загружен.'
            onFile={upload.setFile}
          />
          <XmlUploadOutcome upload={upload}>Сохранить региональный календарь</XmlUploadOutcome>
        </form>
      ) : null}
    </section>
  );
}
