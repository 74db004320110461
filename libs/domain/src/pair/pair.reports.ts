// Periodic reports (002 §6.1.9: the mentor reports to the commission head; §7.1.6: each mentee reports to the
// mentor and the commission head), on the schedule of the personalised programme.
import { lastDayOfMonths, russianDate, utcMidnight } from '../shared/dates';
import { fileRefRule, isAllowedFileRef } from '../shared/file-ref';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { DecidePeriodicReport, OpenReportPeriod, SubmitPeriodicReport } from './pair.commands';
import type { PairEvent } from './pair.events';
import { textProblems } from './pair.rules';
import type { FormedPair, PairState } from './pair.state';
import { raiseTask, requireActive, requireController } from './pair.guards';
import { taskCompleted } from '../task/task.state';

/** Our design: a programme that names no period is reported on monthly. */
export const defaultReportPeriodMonths = 1;
export const reportFileRefMaxLength = 500;

const dayMs = 86_400_000;

export const periodicReportTitle = (role: 'mentor' | 'mentee', start: string, end: string): string =>
  `${role === 'mentor' ? 'Отчёт наставника' : 'Отчёт наставляемого'} за период ${russianDate(start)}–${russianDate(end)}`;

/**
 * Period `period` (1-based) of the programme: whole periods of `reportPeriodMonths` from its start, the last
 * one cut at its end; undefined once the period would begin after the end (a moved end is followed).
 */
export const reportPeriodOf = (
  pair: FormedPair,
  period: number,
): { readonly period: number; readonly start: string; readonly end: string } | undefined => {
  const programme = pair.personalProgramme;
  const months = pair.reportPeriodMonths;
  const start = programme === undefined ? undefined : utcMidnight(programme.start);
  if (programme === undefined || months === undefined || start === undefined || period < 1) return undefined;
  const periodStart =
    period === 1 ? programme.start : new Date(Date.parse(lastDayOfMonths(start, (period - 1) * months)) + dayMs);
  const from = typeof periodStart === 'string' ? periodStart : periodStart.toISOString().slice(0, 10);
  if (from > programme.end) return undefined;
  const end = lastDayOfMonths(start, period * months);
  return { period, start: from, end: end < programme.end ? end : programme.end };
};

/** The period the workflow opens next, if any. */
export const nextReportPeriod = (pair: FormedPair) => reportPeriodOf(pair, (pair.reportPeriods?.length ?? 0) + 1);

export const openReportPeriod = ({ data, metadata }: OpenReportPeriod, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  const next = nextReportPeriod(pair);
  if (next === undefined || next.period !== data.period) {
    return refuse('pair.report.periodUnknown', 'Отчётный период не следует за последним открытым');
  }
  const authors = [
    { authorId: pair.mentorId, role: 'mentor' as const },
    ...pair.menteeIds.map((authorId) => ({ authorId, role: 'mentee' as const })),
  ];
  if (data.taskIds.length !== authors.length) {
    return refuse('pair.report.tasks', 'Задачи отчётов не соответствуют участникам пары/группы');
  }
  const reports = authors.map((author, index) => ({ ...author, taskId: data.taskIds[index] ?? '' }));
  // The reminder three days before the period's end.
  const remindAt = [new Date(Date.parse(data.dueAt) - 3 * dayMs).toISOString()];
  return [
    {
      type: 'PeriodicReportPeriodOpened',
      data: {
        pairId: pair.pairId,
        period: next.period,
        start: next.start,
        end: next.end,
        dueAt: data.dueAt,
        reports,
        openedAt: metadata.now,
      },
    },
    ...reports.map(({ taskId, authorId, role }) =>
      raiseTask(
        pair,
        { taskId, dueAt: data.dueAt, dueLocalDate: data.dueLocalDate, remindAt },
        'periodicReport',
        periodicReportTitle(role, next.start, next.end),
        { personId: authorId, role },
        metadata.now,
      ),
    ),
  ];
};

export const submitPeriodicReport = ({ data, metadata }: SubmitPeriodicReport, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  const report = (pair.periodicReports ?? []).find((r) => r.taskId === data.taskId);
  const task = pair.tasks[data.taskId];
  if (report === undefined || task === undefined) return refuse('pair.report.notFound', 'Отчётная задача не найдена');
  // The task's assignee: after a mentor replacement the open report passes to the new mentor with the task.
  if (metadata.actorId !== task.assignee.personId) {
    return refuse('pair.forbidden', 'Отчёт представляет тот, кому поставлена отчётная задача');
  }
  if (report.submittedAt !== undefined || (task.status !== 'open' && task.status !== 'overdue')) {
    return refuse('pair.report.alreadySubmitted', 'Отчёт за этот период уже представлен');
  }
  // The same limits as the mentee's report and the diary entry.
  const problems = [
    ...textProblems(data.text, 'report.text', 'текст отчёта'),
    ...unmetIf(
      data.fileRef !== undefined && data.fileRef.trim().length > reportFileRefMaxLength,
      'report.fileRef.tooLong',
      `Ссылка на файл отчёта: не более ${reportFileRefMaxLength} символов`,
    ),
    ...unmetIf(
      !isMissing(data.fileRef) && !isAllowedFileRef(data.fileRef?.trim() ?? ''),
      'report.fileRef.invalid',
      fileRefRule,
    ),
  ];
  if (problems.length > 0) return refuse('pair.report.invalid', 'Отчёт заполнен неверно', problems);
  const fileRef = isMissing(data.fileRef) ? undefined : data.fileRef?.trim();
  return [
    {
      type: 'PeriodicReportSubmitted',
      data: {
        pairId: pair.pairId,
        taskId: data.taskId,
        authorId: metadata.actorId,
        text: data.text.trim(),
        ...(fileRef === undefined ? {} : { fileRef }),
        submittedAt: metadata.now,
      },
    },
    taskCompleted(data.taskId, metadata, 'submitted'),
  ];
};

export const decidePeriodicReport = ({ data, metadata }: DecidePeriodicReport, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  requireController(metadata);
  const report = (pair.periodicReports ?? []).find((r) => r.taskId === data.taskId);
  if (report === undefined) return refuse('pair.report.notFound', 'Отчёт не найден');
  if (report.submittedAt === undefined) return refuse('pair.report.notSubmitted', 'Отчёт ещё не представлен');
  if (report.decision !== undefined) return refuse('pair.report.decided', 'Решение по отчёту уже принято');
  const returned = data.decision === 'returned';
  const problems = [
    ...unmetIf(returned && isMissing(data.comment), 'report.comment.empty', 'Укажите, что нужно доработать в отчёте'),
    ...unmetIf(returned && data.task === undefined, 'report.task.missing', 'Не указан срок доработки отчёта'),
    ...(isMissing(data.comment) ? [] : textProblems(data.comment, 'report.comment', 'комментарий к отчёту')),
  ];
  if (problems.length > 0)
    return refuse('pair.report.decision.invalid', 'Решение по отчёту оформлено неверно', problems);
  const comment = isMissing(data.comment) ? undefined : data.comment?.trim();
  const again = returned ? data.task : undefined;
  return [
    {
      type: 'PeriodicReportDecided',
      data: {
        pairId: pair.pairId,
        taskId: data.taskId,
        decision: data.decision,
        ...(comment === undefined ? {} : { comment }),
        ...(again === undefined ? {} : { newTaskId: again.taskId }),
        decidedAt: metadata.now,
        decidedBy: metadata.actorId,
      },
    },
    ...(again === undefined
      ? []
      : [
          raiseTask(
            pair,
            again,
            'periodicReport',
            `${periodicReportTitle(report.role, report.periodStart, report.periodEnd)} (доработка)`,
            { personId: report.authorId, role: report.role },
            metadata.now,
          ),
        ]),
  ];
};

export type PeriodicReportStatus = 'pending' | 'overdue' | 'submitted' | 'accepted' | 'returned' | 'cancelled';

/** GET /pairs/:id/reports: each report with its status; a pending report's status is its task's. */
export const periodicReportsOf = (pair: FormedPair) =>
  (pair.periodicReports ?? []).map((report) => {
    const task = pair.tasks[report.taskId];
    const status: PeriodicReportStatus =
      report.decision ??
      (report.submittedAt !== undefined
        ? 'submitted'
        : task?.status === 'overdue'
          ? 'overdue'
          : task === undefined || task.status === 'cancelled'
            ? 'cancelled'
            : 'pending');
    return { ...report, dueLocalDate: task?.dueLocalDate, status };
  });

/** Open report tasks end with the pair: a completed pair reports no more. */
export const cancelOpenReportTasks = (pair: FormedPair, now: string, reason: string): PairEvent[] =>
  (pair.periodicReports ?? [])
    .map((report) => pair.tasks[report.taskId])
    .filter((task) => task !== undefined && (task.status === 'open' || task.status === 'overdue'))
    .map((task) => ({ type: 'TaskCancelled', data: { taskId: task?.taskId ?? '', cancelledAt: now, reason } }));
