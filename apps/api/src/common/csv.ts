import { isIsoDate, russianDate } from '@mentorflow/domain/shared/dates';

/** What a CSV export writes into one cell: typed numbers and booleans as they are, everything else as text. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection): `=`, `+`, `-`, `@`,
 * tab and carriage return, and the full-width forms Excel also accepts, possibly after leading spaces.
 */
const FORMULA_START = /^[\s\u00A0]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\n\r;]/;

/**
 * One CSV cell (RFC 4180), the only one every CSV export uses. Text that a spreadsheet would run as a
 * formula (a name such as `=HYPERLINK("http://x","y")`) is written as text: prefixed with `'` and quoted.
 * Numbers the code produced (counts, shares, versions — never user text) stay numbers, `-5` included.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The byte-order mark a CSV starts with: without it Russian Excel reads UTF-8 as cp1251. */
export const CSV_BOM = '\uFEFF';

/**
 * A cell as Russian Excel reads it: a number with a decimal comma (it is a number the code produced: no quotes,
 * no formula guard, `;` separates the cells), a calendar date (YYYY-MM-DD) as дд.мм.гггг, the rest as csvCell.
 */
const russianCell = (value: CsvValue): string => {
  if (typeof value === 'number') return String(value).replace('.', ',');
  return csvCell(typeof value === 'string' && isIsoDate(value) ? russianDate(value) : value);
};

/**
 * One CSV line as Russian Excel opens it, the writer every export shares: `;` between cells (the Russian list
 * separator), each cell as russianCell writes it, CRLF at the end.
 */
export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(russianCell).join(';')}\r\n`;
