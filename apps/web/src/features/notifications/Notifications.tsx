import { postJson } from '../../api';
import { DoneBox, ErrorBox, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { roleLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import type { NotificationItem } from '../../types';

const kindLabels: Record<NotificationItem['kind'], string> = {
  TaskRaised: 'Новая задача',
  TaskReassigned: 'Передана задача',
  TaskReminded: 'Напоминание',
  TaskOverdue: 'Просрочка',
  TaskEscalated: 'Эскалация',
};

/**
 * E-mails that could not be delivered after every attempt (administrators only): to whom, what, the last
 * error, and «Отправить повторно» once the cause is mended (an address in the card, the mail server back).
 */
export function Notifications() {
  const failed = usePaged<NotificationItem>('/notifications?status=failed', []);
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Уведомления</h1>
      <p className="hint">
        Письма, которые не удалось отправить после всех попыток. Исправьте причину (например, рабочий e-mail в карточке
        сотрудника) и отправьте письмо повторно.
      </p>
      <ErrorBox error={failed.error} />
      {!failed.loaded && !failed.error ? <Loading /> : null}
      {failed.loaded && failed.items.length === 0 ? <p role="status">Неотправленных уведомлений нет.</p> : null}
      <ul className="card-list">
        {failed.items.map((n) => (
          <FailedNotification key={n.notificationId} notification={n} onResent={failed.reload} />
        ))}
      </ul>
      <ShowMore list={failed} what="уведомлений" />
    </section>
  );
}

function FailedNotification({ notification: n, onResent }: { notification: NotificationItem; onResent: () => void }) {
  const { submit, busy, error, done } = useSubmit();
  const resend = () =>
    void submit(async () => {
      await postJson(`/notifications/${n.notificationId}/resend`, {});
      onResent();
      return 'Письмо поставлено в очередь на отправку';
    });
  return (
    <li className="card">
      <h2>{n.subject}</h2>
      <dl className="facts">
        <div>
          <dt>Вид</dt>
          <dd>{kindLabels[n.kind] ?? n.kind}</dd>
        </div>
        <div>
          <dt>Кому</dt>
          <dd>
            {n.recipientName ?? n.recipientId} ({roleLabels[n.recipientRole] ?? n.recipientRole})
          </dd>
        </div>
        <div>
          <dt>Канал</dt>
          <dd>{n.channel === 'webhook' ? 'Бот в мессенджере (вебхук)' : 'E-mail'}</dd>
        </div>
        <div>
          <dt>Попыток</dt>
          <dd>{n.attempts}</dd>
        </div>
        <div>
          <dt>Не отправлено</dt>
          <dd>{n.failedAt ? `${formatInstant(n.failedAt, 'Europe/Moscow')} (МСК)` : '—'}</dd>
        </div>
        <div>
          <dt>Ошибка</dt>
          <dd>{n.lastError ?? '—'}</dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" onClick={resend} disabled={busy}>
          Отправить повторно
        </button>
      </div>
      <DoneBox done={done} />
      <ErrorBox error={error} />
    </li>
  );
}
