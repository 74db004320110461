import { sync as ical, type VEvent } from 'node-ical';
import { taskCalendarEvent, taskCalendarFeed } from './task-calendar-event';

describe('a task as a calendar event (.ics)', () => {
  const title =
    'Составить проект ИОМ 63-0001-2026-000001 по результатам входной диагностики (10 рабочих дней, до 14.05.2026 включительно); важно, срочно';
  const ics = taskCalendarEvent({
    taskId: 'c0ffee00-0000-4000-8000-000000000001',
    title,
    dueLocalDate: '2026-05-14',
    link: 'https://mentorflow.example.ru/app/routes/r1',
    now: new Date('2026-04-28T10:00:00Z'),
  });

  it('parses as one all-day event on the due date, titled with the task, linking it, with a reminder the day before', () => {
    const events = Object.values(ical.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.uid).toBe('c0ffee00-0000-4000-8000-000000000001@mentorflow');
    expect(event?.summary).toBe(`Срок: ${title}`);
    expect(event?.start.dateOnly).toBe(true);
    expect([event?.start.getFullYear(), event?.start.getMonth() + 1, event?.start.getDate()]).toEqual([2026, 5, 14]);
    expect(event?.url).toBe('https://mentorflow.example.ru/app/routes/r1');
    expect(ics).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D\r\n/);
  });

  it('folds long lines at 75 octets without splitting a character, and ends lines with CRLF', () => {
    const lines = ics.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(ics.includes('\uFFFD')).toBe(false);
    expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });
});

describe('a person’s tasks as a calendar feed', () => {
  const now = new Date('2026-04-28T10:00:00Z');
  const tasks = [
    { taskId: 'c0ffee00-0000-4000-8000-000000000001', title: 'Проект ИОМ', dueLocalDate: '2026-05-14' },
    { taskId: 'c0ffee00-0000-4000-8000-000000000002', title: 'Проверка точек', dueLocalDate: '2026-06-01' },
  ].map((t) => ({ ...t, link: `https://mentorflow.example.ru/app/routes/${t.taskId}`, now }));

  it('holds one event per task, each the same as the e-mail’s attachment of that task (UID, dates, alarm)', () => {
    const feed = taskCalendarFeed(tasks);
    const events = Object.values(ical.parseICS(feed)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events.map((e) => [e.uid, e.summary])).toEqual([
      ['c0ffee00-0000-4000-8000-000000000001@mentorflow', 'Срок: Проект ИОМ'],
      ['c0ffee00-0000-4000-8000-000000000002@mentorflow', 'Срок: Проверка точек'],
    ]);
    for (const task of tasks) {
      const attachment = taskCalendarEvent(task);
      const vevent = (ics: string) =>
        ics.slice(ics.indexOf(`BEGIN:VEVENT\r\nUID:${task.taskId}`)).split('END:VEVENT')[0];
      expect(vevent(feed)).toBe(vevent(attachment));
    }
    expect(feed).toContain('X-WR-CALNAME:Задачи наставничества');
  });

  it('is a valid empty calendar when the person has no open task with a deadline', () => {
    const feed = taskCalendarFeed([]);
    expect(feed.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(Object.values(ical.parseICS(feed)).filter((c) => c?.type === 'VEVENT')).toHaveLength(0);
  });
});
