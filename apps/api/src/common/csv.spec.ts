import { auditCsv, type AuditEntry } from '../pairs/pairs.service';
import { csvCell } from './csv';

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
  it('writes a formula-like reason or order number as text', () => {
    const entry: AuditEntry = {
      version: 1,
      type: 'PairTerminated',
      recordedAt: '2026-10-01T10:00:00.000Z',
      recordedAtLocal: '2026-10-01T14:00:00',
      timeZone: 'Europe/Samara',
      actorId: 'director-1',
      actorName: 'Петрова Анна Сергеевна',
      role: 'director',
      reason: '=HYPERLINK("http://x","y")',
      documentRef: '-1+1',
      data: { reason: '=HYPERLINK("http://x","y")' },
      hash: 'abc',
    };
    const [, row] = auditCsv([entry]).split('\n');
    expect(row).toBe(
      `1,PairTerminated,2026-10-01T10:00:00.000Z,2026-10-01T14:00:00,Europe/Samara,director-1,Петрова Анна Сергеевна,director,"'=HYPERLINK(""http://x"",""y"")","'-1+1","{""reason"":""=HYPERLINK(\\""http://x\\"",\\""y\\"")""}",abc`,
    );
  });
});
