import { auditCsv, type AuditEntry } from '../pairs/pairs.service';
import { CSV_BOM, csvCell, csvLine } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+79001234567', `"'+79001234567"`],
    ['-5', `"'-5"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', `"'  =1+1"`],
    ['＝1+1', `"'＝1+1"`],
  ])('writes formula-like text %j as quoted text with a leading apostrophe', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('leaves ordinary text alone and quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('Школа № 5')).toBe('Школа № 5');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Школа № 5, "Лицей"')).toBe('"Школа № 5, ""Лицей"""');
    expect(csvCell('две\nстроки')).toBe('"две\nстроки"');
  });

  it('keeps typed numbers as numbers, negative ones too; booleans in Russian; nothing as an empty cell', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.375)).toBe('0.375');
    expect(csvCell(true)).toBe('да');
    expect(csvCell(false)).toBe('нет');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('pair history CSV', () => {
  const entry: AuditEntry = {
    version: 1,
    event: 'Пара прекращена досрочно',
    recordedAtLocal: '01.10.2026 14:00',
    timeZone: 'Europe/Samara',
    actor: 'Петрова Анна Сергеевна',
    role: 'Руководитель',
    reason: '=HYPERLINK("http://x","y")',
    documentRef: '-1+1',
    content: 'Причина: =HYPERLINK("http://x","y")',
    hash: 'abc',
  };

  it('writes a formula-like reason or order number as text', () => {
    const [, row] = auditCsv([entry]).split('\r\n');
    expect(row).toBe(
      `1;Пара прекращена досрочно;01.10.2026 14:00;Europe/Samara;Петрова Анна Сергеевна;Руководитель;"'=HYPERLINK(""http://x"",""y"")";"'-1+1";"Причина: =HYPERLINK(""http://x"",""y"")";abc`,
    );
  });

  it('opens in Russian Excel: a BOM, `;` between cells, CRLF rows, Russian headers', () => {
    const csv = auditCsv([entry]);
    expect(csv.startsWith('\uFEFFВерсия;Событие;Время (местное);')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toContain('{"');
  });
});

describe('csvLine (Russian Excel)', () => {
  it('separates cells with `;`, writes decimal commas and calendar dates as дд.мм.гггг, ends with CRLF', () => {
    expect(csvLine(['Период с', '2026-09-01', 0.375, 12, null, 'a;b'])).toBe('Период с;01.09.2026;0,375;12;;"a;b"\r\n');
  });

  it('leaves an instant or a text that merely looks like a date as it is, and still writes formulas as text', () => {
    expect(csvLine(['2026-09-01T10:00:00Z', '2026-02-30', '=1+1'])).toBe(`2026-09-01T10:00:00Z;2026-02-30;"'=1+1"\r\n`);
  });

  it('starts a file with the byte-order mark', () => {
    expect(CSV_BOM).toBe('\uFEFF');
  });
});
