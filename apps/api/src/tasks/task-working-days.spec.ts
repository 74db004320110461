import { defaultProductionCalendar } from '@mentorflow/calendar';
import { workingDaysLeftText } from '@mentorflow/domain';
import { workingDaysUntil } from './task-working-days';

describe('the working days a task has left, on the production calendar', () => {
  const calendar = defaultProductionCalendar();
  const text = (today: string, due: string) => workingDaysLeftText(workingDaysUntil(calendar, today, due));

  it('given the May holidays between, counts only working days (003 §6 example: 28 April → 14 May 2026)', () =>
    expect(text('2026-04-28', '2026-05-14')).toBe('осталось 10 раб. дн.'));
  it('given the due date today, says the deadline is today', () =>
    expect(text('2026-05-14', '2026-05-14')).toBe('срок сегодня'));
  it('given the due date passed over a weekend, counts the working days overdue', () =>
    expect(text('2026-05-18', '2026-05-14')).toBe('просрочено на 2 раб. дн.'));
  it('given a year the calendar lacks, says so', () => {
    // The year after the last one shipped: still lacking when a new year's calendar is added.
    const lacking = Math.max(...calendar.years()) + 1;
    expect(text('2026-12-01', `${lacking}-01-15`)).toBe('нет производственного календаря на год срока');
  });
});
