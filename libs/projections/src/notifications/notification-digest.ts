import type { DataSource } from 'typeorm';
import { russianDate, type TaskView } from '@mentorflow/domain';
import {
  escapeHtml,
  messageFooter,
  taskLink,
  type NotificationKind,
  type NotificationMessage,
} from './notification-templates';
import { notificationKindLabels } from './notification-preferences';

/** The outbox kind of the daily digest (not one of the per-task kinds a person chooses for). */
export const digestKind = 'Digest';

/** A person's digest for one local date, as the outbox row keeps it: task ids only, no names. */
export interface DigestContent {
  date: string;
  dueToday: string[];
  overdue: string[];
  /** Held messages since the last digest about tasks in neither list above. */
  news: { taskId: string; kind: string }[];
}

/** An open task of the person as composing the digest needs it. */
export interface DigestTask {
  taskId: string;
  status: string;
  dueLocalDate?: string;
}

/**
 * What a person's digest on `date` (the organisation's local date) says: their open tasks due that day,
 * those already overdue (marked so, or due on an earlier day), and what was held for the digest since the
 * last one about any other task. Undefined when there is nothing to say: no empty letters.
 */
export function composeDigest(
  date: string,
  tasks: readonly DigestTask[],
  held: readonly { taskId: string; kind: string }[],
): DigestContent | undefined {
  const open = tasks.filter((t) => t.status === 'open' || t.status === 'overdue');
  const dueToday = open.filter((t) => t.status === 'open' && t.dueLocalDate === date).map((t) => t.taskId);
  const overdue = open
    .filter((t) => t.status === 'overdue' || (t.dueLocalDate !== undefined && t.dueLocalDate < date))
    .map((t) => t.taskId);
  const listed = new Set([...dueToday, ...overdue]);
  const news: DigestContent['news'] = [];
  for (const h of held) {
    if (listed.has(h.taskId)) continue;
    listed.add(h.taskId);
    news.push({ taskId: h.taskId, kind: h.kind });
  }
  if (dueToday.length + overdue.length + news.length === 0) return undefined;
  return { date, dueToday, overdue, news };
}

/** One digest per person per day, whatever retries the activity has: the outbox row's id is derived from both. */
export const digestKey = (personId: string, date: string): string => `digest:${personId}:${date}`;

/**
 * Enqueues the digests of `date` for the people who take something in the digest (a choice of «in the daily
 * digest», or messages held for it), each over their tasks in `organisationIds` (the organisations for which
 * `date` is a working day). The held messages a digest covers are marked with it in the same transaction.
 * Returns how many digests were enqueued now (a repeat enqueues none).
 */
export async function enqueueDigests(
  db: DataSource,
  input: { date: string; organisationIds: readonly string[]; now: Date },
): Promise<number> {
  if (input.organisationIds.length === 0) return 0;
  const people = await db.query<{ personId: string }[]>(
    `SELECT person_id AS "personId" FROM notification_preferences WHERE delivery = 'digest'
     UNION SELECT recipient_id FROM notification_outbox
       WHERE held_at IS NOT NULL AND digest_id IS NULL AND skipped_at IS NULL`,
  );
  let enqueued = 0;
  for (const { personId } of people) {
    const added = await db.transaction(async (tx) => {
      // Held news of a task done or cancelled since: nothing left to tell.
      await tx.query(
        `UPDATE notification_outbox o SET skipped_at = now() FROM tasks_view t
         WHERE t.task_id = o.task_id AND o.recipient_id = $1 AND o.held_at IS NOT NULL AND o.digest_id IS NULL
           AND o.skipped_at IS NULL AND t.status NOT IN ('open', 'overdue')`,
        [personId],
      );
      const tasks = await tx.query<(DigestTask & { dueLocalDate: string | null })[]>(
        `SELECT task_id AS "taskId", status, view->>'dueLocalDate' AS "dueLocalDate" FROM tasks_view
         WHERE assignee_id = $1 AND status IN ('open', 'overdue') AND organisation_id = ANY($2::uuid[])`,
        [personId, input.organisationIds],
      );
      const held = await tx.query<{ notificationId: string; taskId: string; kind: string }[]>(
        `SELECT o.notification_id AS "notificationId", o.task_id AS "taskId", o.kind FROM notification_outbox o
         JOIN tasks_view t ON t.task_id = o.task_id
         WHERE o.recipient_id = $1 AND o.held_at IS NOT NULL AND o.digest_id IS NULL AND o.skipped_at IS NULL
           AND t.organisation_id = ANY($2::uuid[]) AND t.status IN ('open', 'overdue')
         ORDER BY o.created_at, o.enqueued FOR UPDATE OF o`,
        [personId, input.organisationIds],
      );
      const content = composeDigest(
        input.date,
        tasks.map(({ dueLocalDate, ...t }) => (dueLocalDate ? { ...t, dueLocalDate } : t)),
        held,
      );
      if (!content) return 0;
      const [inserted] = await tx.query<{ id: string }[]>(
        `INSERT INTO notification_outbox (notification_id, kind, recipient_id, recipient_role, task_id, subject, body, created_at)
         VALUES (md5($1)::uuid, $2, $3, 'digest', NULL, $4, $5, $6)
         ON CONFLICT (notification_id) DO NOTHING RETURNING notification_id AS id`,
        [
          digestKey(personId, input.date),
          digestKind,
          personId,
          digestSubject(input.date),
          JSON.stringify(content),
          input.now,
        ],
      );
      if (!inserted) return 0;
      await tx.query('UPDATE notification_outbox SET digest_id = $1 WHERE notification_id = ANY($2::uuid[])', [
        inserted.id,
        held.map((h) => h.notificationId),
      ]);
      return 1;
    });
    enqueued += added;
  }
  return enqueued;
}

export const digestSubject = (date: string): string => `Сводка задач на ${russianDate(date)}`;

export interface DigestContext {
  date: string;
  dueToday: readonly TaskView[];
  overdue: readonly TaskView[];
  news: readonly { task: TaskView; kind: string }[];
  recipientName?: string;
  publicUrl: string;
  unsubscribeUrl?: string;
}

/** The digest in Russian, plain text and HTML: three groups, each task with its deadline and link. */
export function renderDigest(context: DigestContext): NotificationMessage {
  const greeting = context.recipientName ? `Здравствуйте, ${context.recipientName}!` : 'Здравствуйте!';
  const line = (task: TaskView) => ({
    title: task.title,
    due: task.dueLocalDate ? `срок ${russianDate(task.dueLocalDate)}` : 'срок не установлен',
    link: taskLink(context.publicUrl, task.subject),
  });
  const groups = [
    { heading: 'Срок сегодня', items: context.dueToday.map((t) => ({ ...line(t), note: '' })) },
    { heading: 'Просрочено', items: context.overdue.map((t) => ({ ...line(t), note: '' })) },
    {
      heading: 'Новое с прошлой сводки',
      items: context.news.map(({ task, kind }) => ({
        ...line(task),
        note: notificationKindLabels[kind as NotificationKind] ?? '',
      })),
    },
  ].filter((g) => g.items.length > 0);
  const lead = `Ваши задачи на ${russianDate(context.date)}.`;
  const footer = messageFooter(context.unsubscribeUrl);
  const text = [
    greeting,
    '',
    lead,
    ...groups.flatMap((g) => [
      '',
      `${g.heading}:`,
      ...g.items.map((i) => `• ${i.note ? `${i.note}: ` : ''}${i.title} (${i.due}) — ${i.link}`),
    ]),
    ...footer.text,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="ru"><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    ...groups.flatMap((g) => [
      `<h3>${escapeHtml(g.heading)}</h3>`,
      '<ul>',
      ...g.items.map(
        (i) =>
          `<li>${i.note ? `${escapeHtml(i.note)}: ` : ''}<a href="${escapeHtml(i.link)}">${escapeHtml(i.title)}</a> (${escapeHtml(i.due)})</li>`,
      ),
      '</ul>',
    ]),
    footer.html,
    '</body></html>',
  ].join('\n');
  return { subject: digestSubject(context.date), text, html };
}

/** The digest row's message: its tasks read from the tasks read model as they are now. */
export async function digestMessage(
  tx: { query<T>(sql: string, parameters?: unknown[]): Promise<T> },
  body: string,
  context: Pick<DigestContext, 'recipientName' | 'publicUrl' | 'unsubscribeUrl'>,
): Promise<NotificationMessage> {
  const content = JSON.parse(body) as DigestContent;
  const ids = [...content.dueToday, ...content.overdue, ...content.news.map((n) => n.taskId)];
  const rows = await tx.query<{ taskId: string; view: TaskView }[]>(
    'SELECT task_id AS "taskId", view FROM tasks_view WHERE task_id = ANY($1::uuid[])',
    [ids],
  );
  const tasks = new Map(rows.map((r) => [r.taskId, r.view]));
  const found = (id: string) => tasks.get(id);
  return renderDigest({
    ...context,
    date: content.date,
    dueToday: content.dueToday.map(found).filter((t): t is TaskView => t !== undefined),
    overdue: content.overdue.map(found).filter((t): t is TaskView => t !== undefined),
    news: content.news.flatMap((n) => {
      const task = found(n.taskId);
      return task ? [{ task, kind: n.kind }] : [];
    }),
  });
}
