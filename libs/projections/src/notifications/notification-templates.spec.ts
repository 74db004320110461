import { notificationKinds, renderNotification, taskLink } from './notification-templates';
import { retryDelayMs } from './notification-dispatcher';

describe('notification e-mails', () => {
  const task = {
    title: 'Составить проект ИОМ 63-0001-2026-000001 по результатам входной диагностики',
    subject: { type: 'route' as const, id: 'c0ffee00-0000-4000-8000-000000000001' },
    dueLocalDate: '2026-05-14',
  };

  it('greets the person by name, says what to do, the deadline as дд.мм.гггг and links the task, in text and HTML', () => {
    const message = renderNotification({
      kind: 'TaskRaised',
      task,
      recipientName: 'Методистова Мария Петровна',
      publicUrl: 'https://mentorflow.example.ru/',
    });
    expect(message.subject).toBe(`Новая задача: ${task.title}`);
    const link = 'https://mentorflow.example.ru/app/routes/c0ffee00-0000-4000-8000-000000000001';
    for (const body of [message.text, message.html]) {
      expect(body).toContain('Здравствуйте, Методистова Мария Петровна!');
      expect(body).toContain(task.title);
      expect(body).toContain('до 14.05.2026 включительно');
      expect(body).toContain(link);
    }
    expect(message.html).toContain(`<a href="${link}">`);
  });

  it('has a subject and a lead of its own for every kind the outbox carries', () => {
    const rendered = notificationKinds.map((kind) => renderNotification({ kind, task, publicUrl: 'http://x' }));
    expect(new Set(rendered.map((m) => m.subject)).size).toBe(notificationKinds.length);
    expect(new Set(rendered.map((m) => m.text.split('\n')[2])).size).toBe(notificationKinds.length);
  });

  it('names whose task an escalation is about, and escapes what it puts in HTML', () => {
    const message = renderNotification({
      kind: 'TaskEscalated',
      task: { ...task, title: 'План <b>этапа</b> & «отчёт»' },
      assigneeName: 'Иванова Анна Сергеевна',
      publicUrl: 'http://x',
    });
    expect(message.text).toContain('Задача исполнителя Иванова Анна Сергеевна просрочена.');
    expect(message.html).toContain('План &lt;b&gt;этапа&lt;/b&gt; &amp; «отчёт»');
  });

  it('says the deadline waits for the production calendar when there is none yet', () => {
    const message = renderNotification({
      kind: 'TaskReminded',
      task: { title: task.title, subject: task.subject, deadlinePendingYear: 2027 },
      publicUrl: 'http://x',
    });
    expect(message.text).toContain('Здравствуйте!');
    expect(message.text).toContain('производственного календаря на 2027 год');
  });

  it('links each kind of subject to its page of the web app', () => {
    expect(taskLink('http://x', { type: 'programme', id: 'p' })).toBe('http://x/app/programmes/p');
    expect(taskLink('http://x', { type: 'calendar', id: 'c' })).toBe('http://x/app/calendar');
    expect(taskLink('http://x', { type: 'pair', id: 'q' })).toBe('http://x/app/tasks');
  });

  it('waits exponentially longer after each failure, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
  });
});
