import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine } from '../common/csv';

export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  readonly key: string;
  /** Russian header as the user reads it. */
  readonly header: string;
  readonly width: number;
  /** Excel number format, e.g. '0.0%' for shares, '0' for counts. */
  readonly numFmt?: string;
}

/** One table of a report: an XLSX worksheet, a section of the CSV. */
export interface ReportSheet {
  /** Worksheet name: at most 31 characters, no []:*?/\ (Excel's rule). */
  readonly name: string;
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, CellValue>>[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Streams the workbook as it is written: rows are committed one by one, so a large export never sits
 * whole in memory. Errors after the first byte can only end the stream.
 */
export function xlsxStream(sheets: readonly ReportSheet[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'mentorflow';
  void (async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      worksheet.columns = sheet.columns.map((c) => ({
        key: c.key,
        header: c.header,
        width: c.width,
        ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
      }));
      const header = worksheet.getRow(1);
      header.font = { bold: true };
      header.commit();
      for (const row of sheet.rows) worksheet.addRow(sheet.columns.map((c) => row[c.key] ?? null)).commit();
      worksheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * CSV that Russian Excel opens as it is (csvLine, the writer of the pair audit's CSV too): UTF-8 with a
 * byte-order mark, `;` between cells, decimal commas, dates as дд.мм.гггг. A report of several tables gives
 * one section per table: its title line, header, rows, then an empty line. Cells go through csvCell, which
 * writes formula-like text as text. (The XLSX export is safe as it is: ExcelJS writes a string as a string
 * cell, never as a formula.)
 */
export function csvStream(sheets: readonly ReportSheet[]): Readable {
  const several = sheets.length > 1;
  function* lines(): Generator<string> {
    yield CSV_BOM;
    for (const [index, sheet] of sheets.entries()) {
      if (several) yield `${index > 0 ? '\r\n' : ''}${csvLine([sheet.title])}`;
      yield csvLine(sheet.columns.map((c) => c.header));
      for (const row of sheet.rows) yield csvLine(sheet.columns.map((c) => row[c.key] ?? null));
    }
  }
  return Readable.from(lines());
}
