import type { PairCommand } from './pair.commands';
import type { PairControlTask, PairEvent } from './pair.events';
import { periodicReportsOf, reportPeriodOf } from './pair.reports';
import {
  afterFinal,
  approve,
  approved,
  at,
  curator,
  formedState,
  head,
  inActive,
  inFormed,
  mentor,
  spec,
  taskRaised,
} from './pair.fixtures';

const monthly: PairEvent[] = approved.map((event) =>
  event.type === 'PersonalProgrammeApproved' ? { ...event, data: { ...event.data, reportPeriodMonths: 1 } } : event,
);
const active = [...inFormed, ...monthly];
const openedAt = '2026-09-01T06:05:00.000Z';
const period1Due = { dueAt: '2026-09-30T21:00:00.000Z', dueLocalDate: '2026-09-30' };
const remindAt = ['2026-09-27T21:00:00.000Z'];
const open: PairCommand = {
  type: 'OpenReportPeriod',
  data: { period: 1, ...period1Due, taskIds: ['r-mentor', 'r-mentee'] },
  metadata: at('system', 'system', openedAt),
};
const opened: PairEvent[] = [
  {
    type: 'PeriodicReportPeriodOpened',
    data: {
      pairId: 'pair-1',
      period: 1,
      start: '2026-09-01',
      end: '2026-09-30',
      dueAt: period1Due.dueAt,
      reports: [
        { taskId: 'r-mentor', authorId: 'mentor-1', role: 'mentor' },
        { taskId: 'r-mentee', authorId: 'mentee-1', role: 'mentee' },
      ],
      openedAt,
    },
  },
  taskRaised(
    { taskId: 'r-mentor', ...period1Due, remindAt },
    'periodicReport',
    'Отчёт наставника за период 01.09.2026–30.09.2026',
    { personId: 'mentor-1', role: 'mentor' },
    openedAt,
  ),
  taskRaised(
    { taskId: 'r-mentee', ...period1Due, remindAt },
    'periodicReport',
    'Отчёт наставляемого за период 01.09.2026–30.09.2026',
    { personId: 'mentee-1', role: 'mentee' },
    openedAt,
  ),
];
const submittedAt = '2026-09-29T09:00:00.000Z';
const submit = (
  data: Partial<{ taskId: string; text: string; fileRef: string }> = {},
  by = at('mentor-1', 'mentor', submittedAt),
): PairCommand => ({
  type: 'SubmitPeriodicReport',
  data: { taskId: 'r-mentor', text: ' Проведены два занятия ', ...data },
  metadata: by,
});
const submitted: PairEvent[] = [
  {
    type: 'PeriodicReportSubmitted',
    data: { pairId: 'pair-1', taskId: 'r-mentor', authorId: 'mentor-1', text: 'Проведены два занятия', submittedAt },
  },
  {
    type: 'TaskCompleted',
    data: { taskId: 'r-mentor', completedAt: submittedAt, completedBy: 'mentor-1', result: 'submitted' },
  },
];
const decidedAt = '2026-10-02T09:00:00.000Z';
const rework: PairControlTask = { taskId: 'r-mentor-2', dueAt: '2026-10-07T21:00:00.000Z', dueLocalDate: '2026-10-07' };
const decide = (
  data: Partial<Extract<PairCommand, { type: 'DecidePeriodicReport' }>['data']>,
  by = at('head-1', 'commissionHead', decidedAt),
): PairCommand => ({
  type: 'DecidePeriodicReport',
  data: { taskId: 'r-mentor', decision: 'accepted', ...data },
  metadata: by,
});

describe('periodic reports of the mentor and the mentees (002 §6.1.9, §7.1.6)', () => {
  it('keeps the period the programme names at approval (monthly when the workflow sets the default)', () =>
    spec
      .given(inFormed)
      .when(approve({ reportPeriodMonths: 1 }, head))
      .then(monthly));

  it('refuses a period that is not a whole number of months from 1 to 12', () =>
    spec
      .given(inFormed)
      .when(approve({ reportPeriodMonths: 13 }))
      .thenRefuses('pair.programme.reportPeriod'));

  it('cuts the programme into periods, the last at the programme’s end', () => {
    const pair = formedState(active);
    expect(reportPeriodOf(pair, 1)).toEqual({ period: 1, start: '2026-09-01', end: '2026-09-30' });
    expect(reportPeriodOf(pair, 9)).toEqual({ period: 9, start: '2027-05-01', end: '2027-05-31' });
    expect(reportPeriodOf(pair, 10)).toBeUndefined();
    expect(reportPeriodOf({ ...pair, reportPeriodMonths: 4 }, 3)).toEqual({
      period: 3,
      start: '2027-05-01',
      end: '2027-05-31',
    });
  });

  it('opens a period: a report task for the mentor and each mentee, due at its end, reminded 3 days before', () =>
    spec.given(active).when(open).then(opened));

  it('opens nothing for a programme approved before periodic reports', () =>
    spec.given(inActive).when(open).thenRefuses('pair.report.periodUnknown'));

  it('takes the author’s report and completes the task', () =>
    spec
      .given([...active, ...opened])
      .when(submit())
      .then(submitted));

  it('refuses a report from anyone but the task’s author, and an empty one', () => {
    spec
      .given([...active, ...opened])
      .when(submit({}, at('mentee-1', 'mentee', submittedAt)))
      .thenRefuses('pair.forbidden');
    spec
      .given([...active, ...opened])
      .when(submit({ text: ' ' }))
      .thenRefuses('pair.report.invalid', ['report.text.empty']);
  });

  it('lets the commission head accept the report', () =>
    spec
      .given([...active, ...opened, ...submitted])
      .when(decide({}))
      .then([
        {
          type: 'PeriodicReportDecided',
          data: { pairId: 'pair-1', taskId: 'r-mentor', decision: 'accepted', decidedAt, decidedBy: 'head-1' },
        },
      ]));

  it('refuses the decision to the mentor, and a return without a comment', () => {
    spec
      .given([...active, ...opened, ...submitted])
      .when(decide({}, { ...mentor, now: decidedAt }))
      .thenRefuses('pair.forbidden');
    spec
      .given([...active, ...opened, ...submitted])
      .when(decide({ decision: 'returned', task: rework }, curator))
      .thenRefuses('pair.report.decision.invalid', ['report.comment.empty']);
  });

  it('returns the report with a comment: the author’s task is raised again', () => {
    const returned: PairEvent[] = [
      {
        type: 'PeriodicReportDecided',
        data: {
          pairId: 'pair-1',
          taskId: 'r-mentor',
          decision: 'returned',
          comment: 'Добавьте итоги открытого урока',
          newTaskId: 'r-mentor-2',
          decidedAt,
          decidedBy: 'head-1',
        },
      },
      taskRaised(
        rework,
        'periodicReport',
        'Отчёт наставника за период 01.09.2026–30.09.2026 (доработка)',
        { personId: 'mentor-1', role: 'mentor' },
        decidedAt,
      ),
    ];
    spec
      .given([...active, ...opened, ...submitted])
      .when(decide({ decision: 'returned', comment: 'Добавьте итоги открытого урока', task: rework }))
      .then(returned);
    const statuses = periodicReportsOf(formedState([...active, ...opened, ...submitted, ...returned])).map((r) => [
      r.taskId,
      r.status,
    ]);
    expect(statuses).toEqual([
      ['r-mentor', 'returned'],
      ['r-mentee', 'pending'],
      ['r-mentor-2', 'pending'],
    ]);
  });

  it('cancels the open report tasks when the pair completes', () => {
    const events = [...inFormed, ...monthly, ...opened, ...afterFinal.slice(inFormed.length + monthly.length)];
    const result = spec
      .given(events)
      .when({ type: 'CompletePair', data: {}, metadata: at('director-1', 'director', decidedAt) });
    result.then([
      expect.objectContaining({ type: 'PairCompleted' }) as PairEvent,
      {
        type: 'TaskCancelled',
        data: { taskId: 'r-mentor', cancelledAt: decidedAt, reason: 'Наставничество завершено' },
      },
      {
        type: 'TaskCancelled',
        data: { taskId: 'r-mentee', cancelledAt: decidedAt, reason: 'Наставничество завершено' },
      },
    ]);
  });
});
