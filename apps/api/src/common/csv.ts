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
