import { pairHistoryContent, personIdsOf } from './pair.history.labels';

const names: Record<string, string> = { m1: 'Иванова Мария Петровна', t1: 'Сидоров Пётр Ильич' };
const label = (id: string) => names[id] ?? id;

describe('pair history content (the CSV «Содержание»)', () => {
  it('given a formed pair, says who mentors whom by name, as the timeline does', () => {
    expect(pairHistoryContent('PairFormed', { pairId: 'p', mentorId: 'm1', menteeIds: ['t1'] }, label)).toBe(
      'Наставник Иванова Мария Петровна, наставляемые: Сидоров Пётр Ильич',
    );
  });

  it('given an event without a timeline line, writes its fields in Russian words, dates as дд.мм.гггг, never JSON', () => {
    const content = pairHistoryContent(
      'MentorDiaryEntryRecorded',
      { pairId: 'p', entryId: 'e', mentorId: 'm1', date: '2026-10-05', text: 'Посетили урок', recordedAt: 'x' },
      label,
    );
    expect(content).toBe('Наставник: Иванова Мария Петровна; Дата: 05.10.2026; Текст: Посетили урок');
  });

  it('given nested facts, writes them as words in brackets, codes in Russian', () => {
    const content = pairHistoryContent(
      'FinalControlCompleted',
      { outcome: 'passed', term: { start: '2026-09-01', end: '2027-05-31' } },
      label,
    );
    expect(content).toBe('Результат: Цели программы достигнуты; Срок: (Начало: 01.09.2026; Окончание: 31.05.2027)');
    expect(content).not.toContain('{');
  });

  it('given an interim control, names its outcome as the interim control does', () => {
    expect(pairHistoryContent('InterimControlPassed', { outcome: 'passed', comment: 'Хорошо' }, label)).toBe(
      'Результат: Пройден; Комментарий: Хорошо',
    );
  });

  it('given a signed scan, names the document, whose it is and the file’s hash, and the hash it replaces', () => {
    const sha = 'a'.repeat(64);
    expect(
      pairHistoryContent(
        'PairDocumentScanAttached',
        { kind: 'consent', personId: 'm1', sha256: sha, replacesSha256: 'b'.repeat(64), size: 10 },
        label,
      ),
    ).toBe(`Согласие Иванова Мария Петровна: файл SHA-256 ${sha}; заменяет файл SHA-256 ${'b'.repeat(64)}`);
  });

  it('lists the people an event names', () => {
    expect(personIdsOf({ mentorId: 'm1', menteeIds: ['t1'], to: { personId: 'x' } })).toEqual(['m1', 't1', 'x']);
  });
});
