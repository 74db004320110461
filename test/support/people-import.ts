import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { personImportFields, personImportHeaders, type ImportField } from '@mentorflow/domain';
import type { ApiClient } from './programme-setup';

/** A staff list as the import reads it: the header row (default: the template's), then the rows. */
export type StaffRows = (string | number | Date | { formula: string } | null)[][];

export const templateHeaders = (): string[] => personImportHeaders();

/** A row in the template's column order from the fields given (the rest empty). */
export const staffRow = (fields: Partial<Record<ImportField, string | number>>): string[] =>
  personImportFields.map((field) => (fields[field] === undefined ? '' : String(fields[field])));

/** An XLSX workbook of one sheet holding `rows` (cells typed as given: a `{ formula }` is a formula cell). */
export async function staffXlsx(rows: StaffRows, headers = templateHeaders()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Сотрудники');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV of `rows` in UTF-8 (with a BOM, as Excel saves it) or Windows-1251, with the separator given. */
export function staffCsv(
  rows: readonly (readonly string[])[],
  {
    encoding = 'utf-8',
    delimiter = ';',
    headers = templateHeaders(),
  }: {
    encoding?: 'utf-8' | 'win1251';
    delimiter?: ';' | ',';
    headers?: string[];
  } = {},
): Buffer {
  const cell = (text: string) => (/[";,\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const text = [headers, ...rows].map((row) => row.map(cell).join(delimiter)).join('\r\n') + '\r\n';
  return encoding === 'utf-8'
    ? Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(text)])
    : iconv.encode(text, 'win1251');
}

/** The body of POST /organisations/:id/people/import/{preview,apply}. */
export const importBody = (fileName: string, file: Buffer) => ({ fileName, content: file.toString('base64') });

/** POST …/people/import/preview or …/apply. */
export const importPeople = (
  api: ApiClient,
  organisationId: string,
  token: string,
  step: 'preview' | 'apply',
  fileName: string,
  file: Buffer,
) => api.request('POST', `/organisations/${organisationId}/people/import/${step}`, token, importBody(fileName, file));
