import { useEffect, useState, type FormEvent } from 'react';
import { getJson, sendJson } from '../../api';
import { DoneBox, ErrorBox, Loading, useLoad } from '../../components/ui';
import type { DeliveryChoice, NotificationPreference } from '../../types';
import { useSubmit } from '../../use-submit';

const choiceLabels: Record<DeliveryChoice, string> = {
  immediately: 'Сразу',
  digest: 'В ежедневной сводке (08:00)',
  off: 'Не присылать',
};
const choices = Object.keys(choiceLabels) as DeliveryChoice[];

interface Preferences {
  preferences: NotificationPreference[];
}

/**
 * «Настройки уведомлений» for everyone signed in: per kind of e-mail, at once, in the daily digest (08:00 on
 * working days) or not at all. Escalations are shown locked: a supervisor always hears of an overdue task.
 */
export function NotificationSettings() {
  const loaded = useLoad(() => getJson<Preferences>('/me/notification-preferences'), []);
  const [chosen, setChosen] = useState<Record<string, DeliveryChoice>>({});
  const { submit, busy, error, done } = useSubmit();
  useEffect(() => {
    if (loaded.data) setChosen(Object.fromEntries(loaded.data.preferences.map((p) => [p.kind, p.delivery])));
  }, [loaded.data]);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const preferences = (loaded.data?.preferences ?? [])
        .filter((p) => !p.locked)
        .map((p) => ({ kind: p.kind, delivery: chosen[p.kind] ?? p.delivery }));
      await sendJson('PUT', '/me/notification-preferences', { preferences });
      return 'Настройки сохранены';
    });
  };
  return (
    <section aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">Настройки уведомлений</h1>
      <p className="hint">
        Как присылать письма о ваших задачах: сразу, одним письмом в ежедневной сводке (в 08:00 по времени организации,
        только в рабочие дни) или не присылать. Отписаться можно и по ссылке в любом письме.
      </p>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? (
        <form onSubmit={save}>
          {loaded.data.preferences.map((p) => (
            <fieldset key={p.kind} aria-describedby={p.locked ? `locked-${p.kind}` : undefined}>
              <legend>{p.label}</legend>
              {p.locked ? (
                <p className="hint" id={`locked-${p.kind}`}>
                  Эскалации приходят всегда: отключить их или отложить до сводки нельзя.
                </p>
              ) : null}
              <ul className="checkbox-list">
                {choices.map((choice) => (
                  <li key={choice}>
                    <label>
                      <input
                        type="radio"
                        name={`delivery-${p.kind}`}
                        value={choice}
                        checked={(chosen[p.kind] ?? p.delivery) === choice}
                        disabled={p.locked}
                        onChange={() => setChosen((c) => ({ ...c, [p.kind]: choice }))}
                      />
                      {choiceLabels[choice]}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Сохранить
            </button>
          </div>
          <DoneBox done={done} />
          <ErrorBox error={error} />
        </form>
      ) : null}
    </section>
  );
}
