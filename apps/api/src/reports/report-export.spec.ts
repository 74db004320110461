import ExcelJS from 'exceljs';
import { csvStream, xlsxStream, type ReportSheet } from './report-export';

const sheet: ReportSheet = {
  name: 'Сводка',
  title: 'Показатели, «итог»',
  columns: [
    { key: 'label', header: 'Показатель', width: 40 },
    { key: 'share', header: 'Доля', width: 10, numFmt: '0.0%' },
  ],
  rows: [
    { label: 'Школа № 5, "Лицей"', share: 0.375 },
    { label: 'Без значения', share: null },
  ],
};

const collect = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

describe('report export', () => {
  it('writes CSV for Russian Excel (`;`, decimal commas): quoted commas and quotes, empty cells for missing values, a title per table when several', async () => {
    const one = (await collect(csvStream([sheet]))).toString('utf8');
    expect(one).toBe('\uFEFFПоказатель;Доля\r\n"Школа № 5, ""Лицей""";0,375\r\nБез значения;\r\n');
    const two = (await collect(csvStream([sheet, { ...sheet, title: 'Второй' }]))).toString('utf8');
    expect(two.startsWith('\uFEFF"Показатели, «итог»"\r\nПоказатель;Доля\r\n')).toBe(true);
    expect(two).toContain('\r\n\r\nВторой\r\nПоказатель;Доля\r\n');
  });

  // OWASP CSV injection: a name a user typed must never run as a formula when the export is opened.
  const hostile: ReportSheet = {
    ...sheet,
    rows: [{ label: '=HYPERLINK("http://x","y")', share: -0.5 }],
  };

  it('writes a formula-like name as text in CSV (a leading apostrophe, quoted), a typed negative number as a number', async () => {
    const csv = (await collect(csvStream([hostile]))).toString('utf8');
    expect(csv).toBe(`\uFEFFПоказатель;Доля\r\n"'=HYPERLINK(""http://x"",""y"")";-0,5\r\n`);
  });

  it('writes a formula-like name as a string cell in XLSX, not a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await collect(xlsxStream([hostile]))) as never);
    const cell = workbook.getWorksheet('Сводка')?.getRow(2).getCell(1);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell?.formula).toBeUndefined();
  });

  it('streams a workbook with a bold, frozen header, column widths and number formats', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await collect(xlsxStream([sheet]))) as never);
    const worksheet = workbook.getWorksheet('Сводка');
    expect(worksheet?.getRow(1).values).toEqual([undefined, 'Показатель', 'Доля']);
    expect(worksheet?.getRow(1).font?.bold).toBe(true);
    expect(worksheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(worksheet?.getColumn(1).width).toBe(40);
    expect(worksheet?.getRow(2).getCell(2).value).toBe(0.375);
    expect(worksheet?.getRow(2).getCell(2).numFmt).toBe('0.0%');
  });
});
