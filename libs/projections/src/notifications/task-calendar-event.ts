/**
 * A task as an iCalendar (RFC 5545) all-day event on its due date, with a reminder the day before: the
 * `.ics` a task e-mail carries, so the deadline lands in the person's own calendar (Яндекс Календарь,
 * Outlook, Google). The UID is the task's: a later e-mail about the same task updates the same event.
 */
export interface TaskCalendarEvent {
  taskId: string;
  title: string;
  /** YYYY-MM-DD in the organisation's time zone: a date, not an instant, so no zone is written. */
  dueLocalDate: string;
  link: string;
  /** When the event is written (DTSTAMP). */
  now: Date;
}

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
const escapeText = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
const fold = (line: string): string => {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = pieces.length === 0 ? 75 : 74; // a continuation line begins with one space
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
};

const basicDate = (date: string): string => date.replace(/-/g, '');
const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const utcStamp = (instant: Date): string =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function taskCalendarEvent({ taskId, title, dueLocalDate, link, now }: TaskCalendarEvent): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//mentorflow//notifications//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${taskId}@mentorflow`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART;VALUE=DATE:${basicDate(dueLocalDate)}`,
    `DTEND;VALUE=DATE:${basicDate(nextDay(dueLocalDate))}`,
    `SUMMARY:${escapeText(`Срок: ${title}`)}`,
    `DESCRIPTION:${escapeText(`Открыть задачу: ${link}`)}`,
    `URL:${link}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P1D',
    `DESCRIPTION:${escapeText(`Завтра срок: ${title}`)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
    .map(fold)
    .join('\r\n')
    .concat('\r\n');
}
