import { useState } from 'react';
import { deleteJson, getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { DoneBox, ErrorBox, Loading, useLoad } from '../../components/ui';
import { formatDay } from '../../format';
import { useSubmit } from '../../use-submit';
import type { CalendarFeedStatus } from '../../types';

/** Where each calendar subscribes to a feed by its address, in the words of its own menus. */
const subscribeSteps: [calendar: string, how: string][] = [
  [
    'Яндекс Календарь',
    'слева у списка календарей нажмите «+» → «Подписаться на календарь», вставьте ссылку, задайте название и нажмите «Сохранить».',
  ],
  ['Outlook', '«Календарь» → «Добавить календарь» → «Подписаться из Интернета», вставьте ссылку и нажмите «Импорт».'],
  [
    'Google Календарь',
    'в настройках слева у «Другие календари» нажмите «+» → «Добавить по URL», вставьте ссылку и нажмите «Добавить календарь».',
  ],
];

/**
 * «Календарь задач» (issue 21): the person's own open tasks as a calendar their calendar app subscribes to.
 * The address is shown once, when made (only its hash is kept); a new one replaces it, «Отозвать» ends it.
 */
export function CalendarFeed() {
  const session = useSession();
  const feed = useLoad(() => getJson<CalendarFeedStatus>('/calendar/feed'), []);
  const command = useSubmit();
  const { data } = feed;
  // The address lives only in this screen's memory: the server keeps its hash, never the address.
  const [created, setCreated] = useState<string>();
  const create = () =>
    void command.submit(async () => {
      const made = await postJson<CalendarFeedStatus>('/calendar/feed', {});
      setCreated(made.url);
      feed.reload();
      return 'Ссылка для календаря готова';
    });
  const revoke = () =>
    void command.submit(async () => {
      await deleteJson('/calendar/feed', {});
      setCreated(undefined);
      feed.reload();
      return 'Ссылка отозвана: календарь по ней больше не обновляется';
    });
  const zone = session.timeZoneOf(undefined);
  return (
    <section className="card" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">Календарь задач</h2>
      <p className="hint">
        Ваши открытые задачи со сроками — в вашем календаре: каждая задача — событие на весь день срока с напоминанием
        за день. Календарь обновляется сам: выполненные и переданные задачи из него исчезают.
      </p>
      <ErrorBox error={feed.error} />
      {feed.loading && !data ? <Loading /> : null}
      {data && !data.exists ? <p>Ссылки для календаря у вас нет.</p> : null}
      {data?.exists && !created ? (
        <p>
          Ссылка получена {formatDay(data.createdAt, zone)}. Её показывают только один раз: если она потерялась,
          получите новую — прежняя перестанет работать.
        </p>
      ) : null}
      {created ? (
        <div className="feed-link">
          <label htmlFor="calendar-feed-url">Ссылка для подписки (показывается один раз — сохраните её)</label>
          <input id="calendar-feed-url" type="text" readOnly value={created} onFocus={(e) => e.target.select()} />
          <p className="hint">
            Ссылка личная: по ней без входа видны ваши задачи. Не пересылайте её; если она попала к другим, отзовите её.
          </p>
          <h3>Как подписаться</h3>
          <ul>
            {subscribeSteps.map(([calendar, how]) => (
              <li key={calendar}>
                <strong>{calendar}</strong>: {how}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data ? (
        <div className="actions">
          <button type="button" className="button-primary" onClick={create} disabled={command.busy}>
            {data.exists ? 'Получить новую ссылку' : 'Получить ссылку для календаря'}
          </button>
          {data.exists ? (
            <button type="button" className="button-danger" onClick={revoke} disabled={command.busy}>
              Отозвать ссылку
            </button>
          ) : null}
        </div>
      ) : null}
      <DoneBox done={command.done} />
      <ErrorBox error={command.error} title="Не получилось" />
    </section>
  );
}
