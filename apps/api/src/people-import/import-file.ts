import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { maxImportRows } from '@mentorflow/domain';
import { forbiddenCharacter } from '../common/validation';

/** The largest file the import reads: a staff list of 10,000 rows is well under it in either format. */
export const maxImportFileBytes = 10 * 1024 * 1024;
/** An XLSX is a zip: what its parts may unpack to (a zip bomb unpacks to gigabytes from kilobytes). */
export const maxUnpackedXlsxBytes = 64 * 1024 * 1024;

/** A file the import cannot read: the Russian message names why; `tooLarge` answers 413, the rest 400. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly constraint: string,
    readonly messageRu: string,
    readonly tooLarge = false,
  ) {
    super(messageRu);
  }
}

/**
 * The rows of a file as texts, each with its line in the file (as the spreadsheet numbers it), the header
 * row first; empty rows are left out. Cells are never evaluated (a formula keeps its text).
 */
export type SheetRows = { line: number; cells: string[] }[];

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} МиБ`;
const tooManyRows = () =>
  new ImportFileError(
    'maxRows',
    `В файле больше ${maxImportRows.toLocaleString('ru-RU')} строк: разделите список на несколько файлов`,
    true,
  );
const unreadable = () =>
  new ImportFileError('format', 'Файл не является таблицей XLSX или CSV (UTF-8 или Windows-1251)');

/** XLSX (a zip, «PK\x03\x04») or CSV, told by the content: a file's name proves nothing. */
export async function readSheet(file: Buffer): Promise<SheetRows> {
  if (file.length === 0) throw new ImportFileError('isNotEmpty', 'Файл пустой');
  if (file.length > maxImportFileBytes) {
    throw new ImportFileError('maxSize', `Файл больше ${mib(maxImportFileBytes)}`, true);
  }
  const rows = file.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) ? await readXlsx(file) : readCsv(file);
  if (rows.length === 0 || rows[0]!.cells.every((cell) => cell.trim() === '')) {
    throw new ImportFileError('headers', 'В первой строке файла нет заголовков столбцов');
  }
  return rows;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 when the bytes are valid UTF-8 (a BOM or not), otherwise Windows-1251 (Excel's «CSV» in Russian Windows). */
function decodeText(file: Buffer): string {
  try {
    return utf8.decode(file).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(file, 'win1251');
  }
}

function readCsv(file: Buffer): SheetRows {
  const text = decodeText(file);
  // Binary garbage decodes to control characters in either encoding; a spreadsheet's text has none.
  if (forbiddenCharacter.test(text.slice(0, 64 * 1024))) throw unreadable();
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      // Any line ending, mixed or not: a file whose first line ends otherwise than the rest is still rows.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      // One record past the cap is enough to refuse; a million-row file is never read to its end.
      to: maxImportRows + 2,
    }) as unknown as typeof records;
  } catch {
    throw unreadable();
  }
  if (records.length > maxImportRows + 1) throw tooManyRows();
  if (forbiddenCharacter.test(text)) throw unreadable();
  // `lines` is where a record ends; a quoted cell may span lines, so its first line is counted back.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
    cells: record,
  }));
}

/** Every part of the zip unpacked as a stream and counted: more than the cap, and reading stops there. */
async function checkUnpackedSize(file: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw unreadable();
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer') as Readable;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxUnpackedXlsxBytes) {
          stream.pause();
          reject(
            new ImportFileError(
              'maxUnpackedSize',
              `Файл XLSX распаковывается больше чем в ${mib(maxUnpackedXlsxBytes)}: это не похоже на список сотрудников`,
              true,
            ),
          );
        }
      });
      stream.on('error', () => reject(unreadable()));
      stream.on('end', () => resolve());
    });
  }
}

async function readXlsx(file: Buffer): Promise<SheetRows> {
  await checkUnpackedSize(file);
  const rows: SheetRows = [];
  try {
    // The streaming reader: rows arrive one by one, so the row cap stops a long sheet early.
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'emit',
    });
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const cells = (row.values as unknown[]).slice(1).map(cellText);
        if (rows.length > 0 && cells.every((cell) => cell.trim() === '')) continue;
        if (rows.length > maxImportRows) throw tooManyRows();
        rows.push({ line: row.number, cells });
      }
      break; // the first sheet is the list
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw unreadable();
  }
  return rows;
}

/** A cell as the person typed it: a formula as its text («=1+1»), never its result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const cell = value as {
    formula?: string;
    sharedFormula?: string;
    richText?: { text: string }[];
    text?: unknown;
    error?: string;
  };
  if (cell.formula !== undefined) return `=${cell.formula}`;
  if (cell.sharedFormula !== undefined) return `=${cell.sharedFormula}`;
  if (cell.richText) return cell.richText.map((part) => part.text).join('');
  if (cell.text !== undefined) return cellText(cell.text);
  if (cell.error !== undefined) return cell.error;
  return '';
}
