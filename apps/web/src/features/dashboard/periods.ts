import { academicYearOf } from '../../../../../libs/domain/src/shared/dates';

/**
 * The academic years with data, newest first: from the one `since` falls in (the earliest registration the report
 * counts) to the current one; the current one alone while unknown, and the shown one whatever it is.
 */
export function periodsWithData(today: string, since: string | null | undefined, shown: string) {
  const current = Number(academicYearOf(today).start.slice(0, 4));
  const first = Math.min(Number(academicYearOf(since && since < today ? since : today).start.slice(0, 4)), current);
  const years = Array.from({ length: current - first + 1 }, (_, i) => academicYearOf(`${current - i}-09-01`));
  const shownYear = academicYearOf(shown);
  return years.some((y) => y.start === shownYear.start) ? years : [...years, shownYear];
}
