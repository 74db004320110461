import { deciderSpec } from '../shared/testing';
import type { CommandMetadata } from '../shared/decider';
import { monitoringDecider, monitoringValueProblem, type RecordMonitoringResult } from './monitoring.decider';
import { monitoringIndicators, type MonitoringEvent } from './monitoring.events';
import { monitoringIndicatorDefinitions } from './monitoring.labels';

const spec = deciderSpec(monitoringDecider);
const now = '2026-06-10T08:00:00.000Z';
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now };
const data: RecordMonitoringResult['data'] = {
  organisationId: 'org-1',
  resultId: 'result-1',
  indicator: 'studentsPassedNationalTestsShare',
  value: 87.5,
  periodStart: '2025-09-01',
  periodEnd: '2026-05-31',
  comment: '  ВПР, 5-е классы ',
};
const record = (patch: Partial<RecordMonitoringResult['data']> = {}, metadata = curator): RecordMonitoringResult => ({
  type: 'RecordMonitoringResult',
  data: { ...data, ...patch },
  metadata,
});
const recorded: MonitoringEvent = {
  type: 'MonitoringResultRecorded',
  data: {
    organisationId: 'org-1',
    resultId: 'result-1',
    indicator: 'studentsPassedNationalTestsShare',
    stage: 'process',
    value: 87.5,
    periodStart: '2025-09-01',
    periodEnd: '2026-05-31',
    comment: 'ВПР, 5-е классы',
    recordedAt: now,
    recordedBy: 'curator-1',
  },
};

describe('monitoring journal (002 §10)', () => {
  it('records a result with the stage of its indicator and the time of the command', () =>
    spec.given([]).when(record()).then([recorded]));

  it('files the influence indicators under influence monitoring', () => {
    const withoutComment = Object.fromEntries(
      Object.entries(recorded.data).filter(([key]) => key !== 'comment'),
    ) as typeof recorded.data;
    spec
      .given([])
      .when(record({ indicator: 'teachersPlanningToBecomeMentors', value: 4, comment: undefined }))
      .then([
        {
          type: 'MonitoringResultRecorded',
          data: { ...withoutComment, indicator: 'teachersPlanningToBecomeMentors', stage: 'influence', value: 4 },
        },
      ]);
  });

  it('refuses a second result under the same id as a conflict', () =>
    spec.given([recorded]).when(record()).thenRefuses('monitoring.duplicate.conflict'));

  it('lets only the curator, the director or an administrator record', () =>
    spec
      .given([])
      .when(record({}, { ...curator, role: 'mentor' }))
      .thenRefuses('monitoring.forbidden'));

  it('lists every problem of a malformed result', () =>
    spec
      .given([])
      .when(record({ value: 150, periodStart: '2026-06-01', periodEnd: '2026-05-31' }))
      .thenRefuses('monitoring.invalid', ['value.outOfRange', 'period.endBeforeStart']));

  it('refuses a period ending after today in the organisation’s zone, and accepts one ending today', () => {
    const eveningInVladivostok = { ...curator, now: '2026-06-10T15:00:00.000Z', today: '2026-06-11' };
    spec
      .given([])
      .when(record({ periodEnd: '2026-06-12' }, eveningInVladivostok))
      .thenRefuses('monitoring.invalid', ['periodEnd.future']);
    spec
      .given([])
      .when(record({ periodEnd: '2026-06-11' }, eveningInVladivostok))
      .then([
        {
          type: 'MonitoringResultRecorded',
          data: { ...recorded.data, periodEnd: '2026-06-11', recordedAt: eveningInVladivostok.now },
        },
      ]);
  });
  it('refuses a period that has not happened yet', () =>
    spec
      .given([])
      .when(record({ periodEnd: '2026-09-30' }))
      .thenRefuses('monitoring.invalid', ['periodEnd.future']));

  it('checks each unit: percent 0–100, score 1–5 whole, counts whole and not negative, changes may be negative', () => {
    expect(monitoringValueProblem('studentsPassedNationalTestsShare', 100)).toBeUndefined();
    expect(monitoringValueProblem('studentsPassedNationalTestsShare', -1)).toBe('Значение в процентах — от 0 до 100');
    expect(monitoringValueProblem('programmeEffectivenessAndRisks', 4.5)).toBe('Оценка — целое число от 1 до 5');
    expect(monitoringValueProblem('teachersPlanningToBecomeMentors', -2)).toBeDefined();
    expect(monitoringValueProblem('olympiadParticipationDynamics', -3)).toBeUndefined();
    expect(monitoringValueProblem('studentsGradeDynamics', -12.5)).toBeUndefined();
  });

  it('defines a Russian label for every indicator of both stages', () => {
    for (const indicator of monitoringIndicators)
      expect(monitoringIndicatorDefinitions[indicator].label).toMatch(/[а-я]/);
    const stages = monitoringIndicators.map((i) => monitoringIndicatorDefinitions[i].stage);
    expect(stages.filter((s) => s === 'process')).toHaveLength(6);
    expect(stages.filter((s) => s === 'influence')).toHaveLength(6);
  });
});
