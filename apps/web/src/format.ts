/** Dates as Russian users read them, always in the organisation's own time zone. */

import { russianDateTime } from '../../../libs/domain/src/shared/dates';

/** "23.11.2026, 07:44" in the given zone. */
export const formatInstant = (iso: string | undefined, timeZone: string): string =>
  iso ? russianDateTime(iso, timeZone) : '—';

/** "03.12.2026": the day an instant fell on in the given zone. */
export const formatDay = (iso: string | undefined, timeZone: string): string =>
  iso
    ? new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(
        new Date(iso),
      )
    : '—';

const localDateFormat = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "пт, 13 ноября 2026 г." for a calendar date YYYY-MM-DD (no zone: it already is a local date). */
export const formatLocalDate = (date: string | undefined): string => {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date ?? '—';
  return localDateFormat.format(new Date(`${date}T00:00:00Z`));
};

/** "13.11.2026" for a calendar date YYYY-MM-DD, as the domain's messages write it. */
export { russianDate as formatNumericDate } from '../../../libs/domain/src/shared/dates';

/** Today's calendar date in the zone, YYYY-MM-DD. */
export const todayIn = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export const shortId = (id: string | undefined): string => (id ? id.slice(0, 8) : '—');

/**
 * «Иванова М. П.» from a full name that reads as a ФИО (two or three capitalised Cyrillic words, double-barrelled too); any other name
 * («Пользователь 1a2b3c4d», «Обезличено», an already short «Иванова М. П.») as it is.
 */
export const shortNameOf = (fullName: string): string => {
  const parts = fullName.trim().split(/\s+/);
  const isFio =
    parts.length >= 2 && parts.length <= 3 && parts.every((part) => /^[А-ЯЁ][а-яё]+(-[А-ЯЁа-яё][а-яё]+)*$/.test(part));
  return isFio ? [parts[0], ...parts.slice(1).map((part) => `${part[0]}.`)].join(' ') : fullName.trim();
};
