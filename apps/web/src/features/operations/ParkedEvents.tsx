import { postJson } from '../../api';
import { DataTable, DoneBox, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { eventTypeLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import type { ParkedEventItem } from '../../types';

/** The read models (libs/projections all-projections) in the administrator's words; another shows its name. */
const projectionLabels: Readonly<Record<string, string>> = {
  organisations: 'Организации',
  programmes: 'Программы наставничества',
  tasks: 'Задачи',
  participants: 'Участники программ',
  pairs: 'Наставнические пары',
  routes: 'ИОМ',
  'notification-outbox': 'Уведомления',
  'report-facts': 'Отчёты',
  'pending-deadlines': 'Сроки задач',
  practices: 'Банк практик',
};

/** «03.12.2026 14:05 (МСК)»: administrators are of no one organisation, so Moscow time as on the other admin screens. */
const moscowMinute = (iso: string) => `${formatInstant(iso, 'Europe/Moscow').replace(',', '')} (МСК)`;

/**
 * Events a read model could not apply after repeated failures and skipped (issue 23; administrators only):
 * where, what, the error and when, and «Повторить» once the cause is fixed.
 */
export function ParkedEvents() {
  const parked = usePaged<ParkedEventItem>('/projections/parked', []);
  return (
    <section aria-labelledby="parked-title">
      <h1 id="parked-title">Сбойные события</h1>
      <p className="hint">
        События, которые раздел системы не смог применить после нескольких попыток и пропустил: пока они здесь, его
        данные неполны. Исправьте причину (обычно — обновление системы) и повторите событие.
      </p>
      <ErrorBox error={parked.error} />
      {!parked.loaded && !parked.error ? <Loading /> : null}
      {parked.loaded && parked.items.length === 0 ? <p role="status">Сбойных событий нет</p> : null}
      {parked.items.length > 0 ? (
        <DataTable
          caption="Сбойные события"
          columns={['Раздел', 'Событие', 'Ошибка', 'Первый сбой', 'Последний сбой', 'Попыток', 'Действие']}
        >
          {parked.items.map((p) => (
            <ParkedEventRow key={p.id} parked={p} onRetried={parked.reload} />
          ))}
        </DataTable>
      ) : null}
      <ShowMore list={parked} what="событий" />
    </section>
  );
}

function ParkedEventRow({ parked: p, onRetried }: { parked: ParkedEventItem; onRetried: () => void }) {
  const { submit, busy, error, done } = useSubmit();
  const event = eventTypeLabels[p.eventType] ?? p.eventType;
  const retry = () =>
    void submit(async () => {
      await postJson(`/projections/parked/${p.id}/retry`, {});
      onRetried();
      return `Событие «${event}» применено`;
    });
  return (
    <tr>
      <td>{projectionLabels[p.projection] ?? p.projection}</td>
      <td>{event}</td>
      <td>{p.error}</td>
      <td>{moscowMinute(p.firstFailedAt)}</td>
      <td>{moscowMinute(p.lastFailedAt)}</td>
      <td>{p.failures}</td>
      <td>
        <button type="button" onClick={retry} disabled={busy} aria-label={`Повторить событие ${event}`}>
          Повторить
        </button>
        <DoneBox done={done} />
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}
