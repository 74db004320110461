import { useState, type FormEvent } from 'react';
import { deleteJson, getJson, sendJson } from '../../api';
import { useSession } from '../../auth';
import { useOrganisationChoice, useOrganisationsWhere } from '../../components/organisations';
import { CommandForm, DoneBox, ErrorBox, InputField, Loading, useLoad } from '../../components/ui';
import { formatDay } from '../../format';
import { useSubmit } from '../../use-submit';
import type { OrganisationWebhook as Webhook, Role } from '../../types';

/** Who connects the organisation's bot (the API's webhookManagers). */
export const webhookManagers: Role[] = ['curator', 'director', 'administrator'];

/**
 * «Бот в мессенджере» (issue 21): the organisation's curator, director or an administrator gives the address of
 * the school's bot (MAX / Сферум, Telegram); every notification of the organisation's tasks is then POSTed
 * there as signed JSON. The signing secret is shown once, when the address is set.
 */
export function OrganisationWebhookPage() {
  const organisations = useOrganisationsWhere(webhookManagers);
  const { organisationId, select } = useOrganisationChoice(organisations);
  return (
    <section aria-labelledby="webhook-title">
      <h1 id="webhook-title">Бот в мессенджере</h1>
      <p className="hint">
        Подключите бота школы в мессенджере (MAX / Сферум, Telegram): каждое уведомление о задачах организации — новая
        задача, напоминание, просрочка — будет отправляться на его адрес (вебхук) в формате JSON с подписью HMAC-SHA256.
        Имена и контакты сотрудников не передаются: бот получает идентификатор получателя и его роль.
      </p>
      {organisations.length === 0 ? <p className="empty">Нет организаций, где вы можете подключить бота.</p> : null}
      {select}
      {organisationId ? <WebhookSettings key={organisationId} organisationId={organisationId} /> : null}
    </section>
  );
}

function WebhookSettings({ organisationId }: { organisationId: string }) {
  const session = useSession();
  const path = `/organisations/${organisationId}/webhook`;
  const hook = useLoad(() => getJson<Webhook>(path), [path]);
  const [url, setUrl] = useState('');
  // Shown once: the server never returns it again.
  const [secret, setSecret] = useState<string>();
  const save = useSubmit();
  const remove = useSubmit();
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void save.submit(async () => {
      const set = await sendJson<Webhook>('PUT', path, { url: url.trim() });
      setSecret(set.secret);
      setUrl('');
      hook.reload();
      return 'Бот подключён';
    });
  };
  const onRemove = () =>
    void remove.submit(async () => {
      await deleteJson(path, {});
      setSecret(undefined);
      hook.reload();
      return 'Бот отключён: уведомления ему больше не отправляются';
    });
  const current = hook.data;
  return (
    <>
      <ErrorBox error={hook.error} />
      {hook.loading && !current ? <Loading /> : null}
      {current && !current.configured ? <p>Бот не подключён.</p> : null}
      {current?.configured ? (
        <dl className="facts">
          <div>
            <dt>Адрес бота</dt>
            <dd>{current.url}</dd>
          </div>
          <div>
            <dt>Подключён</dt>
            <dd>{formatDay(current.createdAt, session.timeZoneOf(organisationId))}</dd>
          </div>
        </dl>
      ) : null}
      {secret ? (
        <div className="feed-link" role="status">
          <label htmlFor="webhook-secret">
            Секрет подписи (показывается один раз — сохраните его в настройках бота)
          </label>
          <input id="webhook-secret" type="text" readOnly value={secret} onFocus={(e) => e.target.select()} />
          <p className="hint">
            Бот проверяет заголовок X-Mentorflow-Signature: sha256=HMAC-SHA256 строки «метка времени.тело запроса» с
            этим секретом; метка времени — в заголовке X-Mentorflow-Timestamp.
          </p>
        </div>
      ) : null}
      <CommandForm
        command={save}
        onSubmit={onSave}
        label="Адрес бота"
        submit={current?.configured ? 'Заменить адрес и секрет' : 'Подключить бота'}
        busyText="Подключение…"
        failed="Бот не подключён"
      >
        <InputField
          label="Адрес бота (вебхук)"
          field="url"
          hint="https://… — адрес, который даёт бот или его разработчик"
          type="url"
          value={url}
          onChange={setUrl}
          autoComplete="off"
        />
      </CommandForm>
      {current?.configured ? (
        <div className="actions">
          <button type="button" className="button-danger" onClick={onRemove} disabled={remove.busy}>
            Отключить бота
          </button>
        </div>
      ) : null}
      <ErrorBox error={remove.error} title="Бот не отключён" />
      <DoneBox done={remove.done} />
    </>
  );
}
