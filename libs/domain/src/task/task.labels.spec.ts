import { taskKinds } from './task.events';
import { isMentorReportTask, taskKindLabels, taskLabel, workingDaysLeftText } from './task.labels';

describe('task labels', () => {
  it('names every kind in Russian', () => {
    for (const kind of taskKinds) expect(taskKindLabels[kind]).toMatch(/[А-Яа-яЁё]/);
  });

  it('calls the mentor’s task of kind finalControl the mentor’s report, not the final control of the pair', () => {
    expect(isMentorReportTask({ kind: 'finalControl', role: 'mentor' })).toBe(true);
    expect(taskLabel({ kind: 'finalControl', role: 'mentor' })).toBe('Отчёт наставника по итогам наставничества');
    expect(isMentorReportTask({ kind: 'finalControl', role: 'commissionHead' })).toBe(false);
    expect(taskLabel({ kind: 'finalControl', role: 'curator' })).toBe('Итоговый контроль пары');
    expect(isMentorReportTask({ kind: 'interimControl', role: 'mentor' })).toBe(false);
  });
});

describe('the working days left, in words', () => {
  it('given days ahead, says how many remain', () => expect(workingDaysLeftText(3)).toBe('осталось 3 раб. дн.'));
  it('given the deadline today, says so', () => expect(workingDaysLeftText(0)).toBe('срок сегодня'));
  it('given a deadline passed, says by how many working days', () =>
    expect(workingDaysLeftText(-2)).toBe('просрочено на 2 раб. дн.'));
  it('given a year the calendar lacks, says so rather than counting Mon–Fri', () =>
    expect(workingDaysLeftText(null)).toBe('нет производственного календаря на год срока'));
  it('given a deadline waiting for its calendar year, says what it waits for', () =>
    expect(workingDaysLeftText(undefined, 2028)).toBe(
      'срок будет рассчитан после загрузки производственного календаря на 2028 год',
    ));
});
