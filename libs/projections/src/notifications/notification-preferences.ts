import type { SqlExecutor } from '@mentorflow/event-store';
import { notificationKinds, type NotificationKind } from './notification-templates';

/** How a person takes one kind of notification: at once, in the daily digest, or not at all. */
export const deliveryChoices = ['immediately', 'digest', 'off'] as const;
export type DeliveryChoice = (typeof deliveryChoices)[number];

/**
 * An escalation tells a supervisor (tutor, curator) that someone else's task is overdue: the control the
 * regulations give them must not depend on their mail settings, so it always goes at once.
 */
export const lockedNotificationKinds: readonly NotificationKind[] = ['TaskEscalated'];

/** The kinds as a person chooses them on «Настройки уведомлений» and in the unsubscribe page. */
export const notificationKindLabels: Readonly<Record<NotificationKind, string>> = {
  TaskRaised: 'Новая задача',
  TaskReassigned: 'Вам передана задача',
  TaskReminded: 'Напоминание о приближении срока',
  TaskOverdue: 'Срок задачи прошёл',
  TaskEscalated: 'Эскалация: просрочена задача сотрудника, которого вы контролируете',
};

/** Locked kinds cannot be held or turned off; the refusal the API answers with (422). */
export const lockedKindMessage = (kind: NotificationKind): string =>
  `«${notificationKindLabels[kind]}»: эскалации руководителю нельзя отключить или отложить до сводки — они приходят сразу`;

export const isNotificationKind = (kind: string): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);

/** Every kind with the person's choice: «immediately» unless they chose otherwise. */
export async function notificationPreferencesOf(
  db: SqlExecutor,
  personId: string,
): Promise<Record<NotificationKind, DeliveryChoice>> {
  const rows = await db.query<{ kind: string; delivery: DeliveryChoice }>(
    'SELECT kind, delivery FROM notification_preferences WHERE person_id = $1',
    [personId],
  );
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(
    notificationKinds.map((kind) => [
      kind,
      lockedNotificationKinds.includes(kind) ? 'immediately' : (chosen.get(kind) ?? 'immediately'),
    ]),
  ) as Record<NotificationKind, DeliveryChoice>;
}

/** Stores the choices given (a locked kind is never stored: the caller refuses it first). */
export async function setNotificationPreferences(
  db: SqlExecutor,
  personId: string,
  choices: Partial<Record<NotificationKind, DeliveryChoice>>,
): Promise<void> {
  for (const [kind, delivery] of Object.entries(choices)) {
    if (!isNotificationKind(kind) || lockedNotificationKinds.includes(kind) || delivery === undefined) continue;
    await db.query(
      `INSERT INTO notification_preferences (person_id, kind, delivery, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (person_id, kind) DO UPDATE SET delivery = excluded.delivery, updated_at = now()`,
      [personId, kind, delivery],
    );
  }
}

/**
 * What the dispatcher does with a claimed message before sending it: a kind the person turned off is marked
 * skipped (neither sent nor failed), one they take in the digest is held for it; otherwise it goes now.
 * A digest itself is not subject to the per-kind choices.
 */
export async function holdOrSkip(
  tx: SqlExecutor,
  row: { notificationId: string; kind: string; recipientId: string },
): Promise<'held' | 'skipped' | undefined> {
  if (!isNotificationKind(row.kind) || lockedNotificationKinds.includes(row.kind)) return undefined;
  const [chosen] = await tx.query<{ delivery: DeliveryChoice }>(
    'SELECT delivery FROM notification_preferences WHERE person_id = $1 AND kind = $2',
    [row.recipientId, row.kind],
  );
  if (chosen?.delivery === 'off') {
    await tx.query('UPDATE notification_outbox SET skipped_at = now() WHERE notification_id = $1', [
      row.notificationId,
    ]);
    return 'skipped';
  }
  if (chosen?.delivery === 'digest') {
    await tx.query('UPDATE notification_outbox SET held_at = now() WHERE notification_id = $1', [row.notificationId]);
    return 'held';
  }
  return undefined;
}
