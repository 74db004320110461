import type { TaskFacts } from './report-facts';
import { organisationReport } from './report-figures';
import type { FactRow } from './report-queries';

describe('organisation report: overdue control measures', () => {
  const at = Date.parse('2026-06-01T00:00:00.000Z');
  const organisation: FactRow = {
    subjectType: 'organisation',
    subjectId: 'o1',
    organisationId: 'o1',
    facts: {
      name: 'Школа № 1',
      region: 'Самарская область',
      municipality: 'г. Самара',
      timeZone: 'Europe/Samara',
      curatorIds: [],
    },
  };
  const task = (id: string, facts: Partial<TaskFacts>): FactRow => ({
    subjectType: 'task',
    subjectId: id,
    organisationId: 'o1',
    facts: {
      kind: 'finalControl',
      role: 'curator',
      assigneeId: 'c1',
      status: 'open',
      dueAt: '2026-05-20T20:59:59.999Z',
      subjectType: 'pair',
      ...facts,
    },
  });

  it('counts overdue interim and final controls, not the mentor’s report that shares the final control’s kind', () => {
    const report = organisationReport(
      'o1',
      [
        organisation,
        task('final', {}),
        task('interim', { kind: 'interimControl', status: 'overdue' }),
        task('mentor-report', { role: 'mentor', assigneeId: 'm1' }),
        task('on-time', { dueAt: '2026-06-20T20:59:59.999Z' }),
      ],
      at,
    );
    expect(report?.processMonitoring.overdueControlTasks).toBe(2);
  });
});
