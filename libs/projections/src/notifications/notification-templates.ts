import { pendingDeadlineText, russianDate, type TaskView } from '@mentorflow/domain';

/** The task events the outbox turns into messages, one template each. */
export const notificationKinds = [
  'TaskRaised',
  'TaskReassigned',
  'TaskReminded',
  'TaskOverdue',
  'TaskEscalated',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationMessage {
  subject: string;
  text: string;
  html: string;
}

export interface NotificationContext {
  kind: NotificationKind;
  task: Pick<TaskView, 'title' | 'subject' | 'dueLocalDate' | 'deadlinePendingYear'>;
  /** The recipient's full name from the staff directory; absent: a neutral greeting. */
  recipientName?: string;
  /** Whose task it is, for an escalation to the tutor or curator. */
  assigneeName?: string;
  /** The web app's address (PUBLIC_URL); the link is `<publicUrl>/app/…`. */
  publicUrl: string;
  /** The signed link that turns this kind off for the recipient (no sign-in). */
  unsubscribeUrl?: string;
}

interface Template {
  subject: (title: string) => string;
  lead: (context: NotificationContext) => string;
}

const templates: Readonly<Record<NotificationKind, Template>> = {
  TaskRaised: { subject: (t) => `Новая задача: ${t}`, lead: () => 'Вам назначена задача.' },
  TaskReassigned: {
    subject: (t) => `Вам передана задача: ${t}`,
    lead: () => 'Вам передана задача другого исполнителя.',
  },
  TaskReminded: { subject: (t) => `Напоминание: ${t}`, lead: () => 'Напоминаем: приближается срок задачи.' },
  TaskOverdue: {
    subject: (t) => `Просрочено: ${t}`,
    lead: () => 'Срок задачи прошёл, а она не выполнена. Задача остаётся открытой, пока вы её не выполните.',
  },
  TaskEscalated: {
    subject: (t) => `Эскалация: ${t}`,
    lead: ({ assigneeName }) =>
      `Задача ${assigneeName ? `исполнителя ${assigneeName} ` : ''}просрочена. Сообщаем вам для контроля её выполнения.`,
  },
};

/** The message's subject line: what happened and the task's title. */
export const notificationSubject = (kind: NotificationKind, title: string): string => templates[kind].subject(title);

/** Where the task is acted on in the web app (the inbox links the same pages). */
export const taskLink = (publicUrl: string, subject: TaskView['subject']): string => {
  const base = `${publicUrl.replace(/\/+$/, '')}/app`;
  switch (subject.type) {
    case 'route':
      return `${base}/routes/${subject.id}`;
    case 'programme':
      return `${base}/programmes/${subject.id}`;
    case 'calendar':
      return `${base}/calendar`;
    default:
      return `${base}/tasks`;
  }
};

const deadlineText = (task: NotificationContext['task']): string =>
  task.dueLocalDate
    ? `до ${russianDate(task.dueLocalDate)} включительно`
    : task.deadlinePendingYear
      ? pendingDeadlineText(task.deadlinePendingYear)
      : 'не установлен';

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * A notification e-mail in Russian, plain text and HTML with the same content: the greeting by name, what
 * happened, what to do (the task's title), the deadline as дд.мм.гггг (the due date is already the
 * organisation's local date) and the link to the task.
 */
export function renderNotification(context: NotificationContext): NotificationMessage {
  const template = templates[context.kind];
  const { task } = context;
  const greeting = context.recipientName ? `Здравствуйте, ${context.recipientName}!` : 'Здравствуйте!';
  const lead = template.lead(context);
  const deadline = deadlineText(task);
  const link = taskLink(context.publicUrl, task.subject);
  const text = [
    greeting,
    '',
    lead,
    '',
    `Что сделать: ${task.title}`,
    `Срок: ${deadline}`,
    `Открыть задачу: ${link}`,
    ...messageFooter(context.unsubscribeUrl).text,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="ru"><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    '<table cellpadding="4">',
    `<tr><th align="left">Что сделать</th><td>${escapeHtml(task.title)}</td></tr>`,
    `<tr><th align="left">Срок</th><td>${escapeHtml(deadline)}</td></tr>`,
    '</table>',
    `<p><a href="${escapeHtml(link)}">Открыть задачу</a></p>`,
    messageFooter(context.unsubscribeUrl).html,
    '</body></html>',
  ].join('\n');
  return { subject: notificationSubject(context.kind, task.title), text, html };
}

/** The end of every message: sent automatically, and the link that turns such messages off. */
export function messageFooter(unsubscribeUrl: string | undefined): { text: string[]; html: string } {
  const automatic = 'Письмо отправлено автоматически системой наставничества mentorflow, отвечать на него не нужно.';
  const unsubscribe = 'Отписаться от таких писем';
  return {
    text: ['', '—', automatic, ...(unsubscribeUrl ? [`${unsubscribe}: ${unsubscribeUrl}`] : [])],
    html: [
      `<p style="color: #666">${escapeHtml(automatic)}`,
      ...(unsubscribeUrl ? [`<br><a href="${escapeHtml(unsubscribeUrl)}">${unsubscribe}</a>`] : []),
      '</p>',
    ].join(''),
  };
}
