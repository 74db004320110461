/** Dates typed the Russian way, дд.мм.гггг, into the app's date field, which hands its callers ISO YYYY-MM-DD. */
import { isIsoDate, russianDate } from '../../../libs/domain/src/shared/dates';

const russianPattern = /^(\d{1,2})[.,/ -](\d{1,2})[.,/ -](\d{4})$/;
const digitsPattern = /^(\d{2})(\d{2})(\d{4})$/;

/**
 * The ISO date a person typed: «03.09.2026», «3.9.2026», «03092026» or a pasted «2026-09-03»; null while the
 * text is not (yet) a real date — 31.02.2026 and a two-digit year included, so a half-typed date sets nothing.
 */
export function parseRussianDate(text: string): string | null {
  const typed = text.trim();
  if (isIsoDate(typed)) return typed;
  const match = russianPattern.exec(typed) ?? digitsPattern.exec(typed);
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** «03.09.2026» for 2026-09-03, what the date field shows; empty for no date. */
export const formatRussianDate = (iso: string | null | undefined): string => (iso ? russianDate(iso) : '');

/** Whether an ISO date lies within the optional ISO bounds `min` and `max` (both included). */
export const withinDates = (iso: string, min?: string, max?: string): boolean =>
  (!min || !isIsoDate(min) || iso >= min) && (!max || !isIsoDate(max) || iso <= max);
