import { taskKinds } from './task.events';
import { isMentorReportTask, taskKindLabels, taskLabel } from './task.labels';

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
