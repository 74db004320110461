import { CalendarArgumentError } from './calendar.errors';
import {
  DateParts,
  DAY_MS,
  formatLocalDate,
  fromDayNumber,
  isValidDate,
  LocalDate,
  parseLocalDate,
  toDayNumber,
} from './local-date';

/** An instant as accepted by the public API: a valid `Date` or an ISO 8601 string with an offset. */
export type InstantInput = Date | string;

interface WallClock extends DateParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: constructing `Intl.DateTimeFormat` is far slower than using it. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('empty time zone');
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new CalendarArgumentError(
      `Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as Europe/Moscow`,
      `Неизвестный часовой пояс ${JSON.stringify(timeZone)}: ожидается имя IANA, например Europe/Moscow`,
    );
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'era') beforeChrist = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const read = (type: string): number => {
    const value = fields[type];
    if (value === undefined || !Number.isInteger(value)) {
      throw new Error(`Intl.DateTimeFormat returned no ${type} for ${timeZone}`);
    }
    return value;
  };
  const yearOfEra = read('year');
  return {
    year: beforeChrist ? 1 - yearOfEra : yearOfEra,
    month: read('month'),
    day: read('day'),
    // Some engines print midnight as 24 even with h23.
    hour: read('hour') % 24,
    minute: read('minute'),
    second: read('second'),
  };
}

const wallClockAsUtc = (clock: WallClock): number =>
  toDayNumber(clock) * DAY_MS + ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;

/** Zone offset at an instant, in ms (local − UTC); Intl reports whole seconds, so ms are dropped. */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

const localDayNumberAt = (epochMs: number, timeZone: string): number => toDayNumber(wallClockAt(epochMs, timeZone));

/**
 * The first instant of a local day in a zone, as epoch ms. The offset is read at the guess and
 * re-read at the corrected instant (the offset may differ across a transition, e.g. Moscow
 * went from UTC+4 to UTC+3 on 2014-10-26); if midnight itself does not exist or occurs twice, a
 * binary search finds the first instant whose local date is that day.
 */
function startOfLocalDayMs(date: DateParts, timeZone: string): number {
  const target = toDayNumber(date);
  const wallMidnight = target * DAY_MS;
  let candidate = wallMidnight - offsetAt(wallMidnight, timeZone);
  candidate = wallMidnight - offsetAt(candidate, timeZone);
  if (localDayNumberAt(candidate, timeZone) === target && localDayNumberAt(candidate - 1, timeZone) < target) {
    return candidate;
  }
  // Offsets stay within −12 h … +14 h, so the day starts inside this window.
  let low = wallMidnight - 26 * 3_600_000; // local date before target
  let high = wallMidnight + 26 * 3_600_000; // local date at or after target
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (localDayNumberAt(middle, timeZone) >= target) high = middle;
    else low = middle;
  }
  return high;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Epoch ms of an instant. Strings must carry `Z` or an offset: a bare local time would be read
 * in the server's zone, which is exactly the ambiguity this library exists to remove.
 */
export function toEpochMs(instant: InstantInput): number {
  if (instant instanceof Date) {
    const time = instant.getTime();
    if (Number.isFinite(time)) return time;
  } else if (typeof instant === 'string') {
    const match = ISO_INSTANT.exec(instant.trim());
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
      const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
      const offsetHours = Number(match[10] ?? '0');
      const offsetMinutes = Number(match[11] ?? '0');
      if (
        isValidDate(year, month, day) &&
        hour <= 23 &&
        minute <= 59 &&
        second <= 59 &&
        offsetHours <= 23 &&
        offsetMinutes <= 59
      ) {
        const offsetMs = (match[8] ? 0 : (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes)) * 60_000;
        return (
          toDayNumber({ year, month, day }) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMs
        );
      }
    }
  }
  const shown = instant instanceof Date ? 'Invalid Date' : JSON.stringify(instant);
  throw new CalendarArgumentError(
    `Invalid instant ${shown}: expected a valid Date or an ISO 8601 string with Z or an offset`,
    `Неверный момент времени ${shown}: ожидается дата или строка ISO 8601 с Z или смещением`,
  );
}

/** The local date (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function localDateOf(instant: InstantInput, timeZone: string): LocalDate {
  return formatLocalDate(wallClockAt(toEpochMs(instant), timeZone));
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm:ss`, seconds truncated) of an instant in an IANA time zone. */
export function localDateTimeOf(instant: InstantInput, timeZone: string): string {
  const clock = wallClockAt(Math.floor(toEpochMs(instant) / 1000) * 1000, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatLocalDate(clock)}T${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}`;
}

/** The instant (ISO, UTC) at which a local date begins in an IANA time zone. */
export function startOfLocalDay(localDate: LocalDate, timeZone: string): string {
  return new Date(startOfLocalDayMs(parseLocalDate(localDate), timeZone)).toISOString();
}

/**
 * The instant (ISO, UTC) at which a local date ends: the start of the following local day,
 * exclusive, so "due at the end of 14 May" in Moscow is 2026-05-14T21:00:00.000Z.
 */
export function endOfLocalDay(localDate: LocalDate, timeZone: string): string {
  return new Date(endOfLocalDayMs(parseLocalDate(localDate), timeZone)).toISOString();
}

function endOfLocalDayMs(date: DateParts, timeZone: string): number {
  return startOfLocalDayMs(fromDayNumber(toDayNumber(date) + 1), timeZone);
}

export { endOfLocalDayMs, localDayNumberAt };
