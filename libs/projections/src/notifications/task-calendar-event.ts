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

/** The VEVENT of one task, unfolded: the one place a task becomes a calendar event (e-mail and feed). */
const taskEventLines = ({ taskId, title, dueLocalDate, link, now }: TaskCalendarEvent): string[] => [
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
];

const calendarOf = (header: readonly string[], events: readonly TaskCalendarEvent[]): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//mentorflow//notifications//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...header,
    ...events.flatMap(taskEventLines),
    'END:VCALENDAR',
  ]
    .map(fold)
    .join('\r\n')
    .concat('\r\n');

/** One task's deadline: the `.ics` attachment of a task e-mail. */
export function taskCalendarEvent(event: TaskCalendarEvent): string {
  return calendarOf([], [event]);
}

/**
 * A person's open tasks as the calendar a subscription reads (`/calendar/feeds/<token>.ics`): the same
 * events as the e-mails' attachments (same UIDs), so an attachment already imported is updated, not doubled.
 * The calendar asks to be re-read hourly (apps that honour it: Outlook, Apple; Google and Яндекс poll on
 * their own schedule).
 */
export function taskCalendarFeed(events: readonly TaskCalendarEvent[]): string {
  return calendarOf(
    ['X-WR-CALNAME:Задачи наставничества', 'X-PUBLISHED-TTL:PT1H', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H'],
    events,
  );
}
