// How the periodic report events fold into the pair (kept apart so pair.state.ts stays small).
import type { PeriodicReportDecided, PeriodicReportPeriodOpened, PeriodicReportSubmitted } from './pair.events';

/** A periodic report task of the mentor or a mentee and what became of it (002 §6.1.9, §7.1.6). */
export interface PeriodicReport {
  readonly taskId: string;
  readonly period: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly authorId: string;
  readonly role: 'mentor' | 'mentee';
  readonly text?: string;
  readonly fileRef?: string;
  readonly submittedAt?: string;
  readonly decision?: 'accepted' | 'returned';
  readonly comment?: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
}

export interface ReportPeriod {
  readonly period: number;
  readonly start: string;
  readonly end: string;
  readonly dueAt: string;
}

interface WithReports {
  readonly reportPeriods?: readonly ReportPeriod[];
  readonly periodicReports?: readonly PeriodicReport[];
}

export const evolvePeriodicReports = <Pair extends WithReports>(
  pair: Pair,
  event: PeriodicReportPeriodOpened | PeriodicReportSubmitted | PeriodicReportDecided,
): Pair => {
  const reports = pair.periodicReports ?? [];
  const update = (taskId: string, change: (report: PeriodicReport) => PeriodicReport) =>
    reports.map((report) => (report.taskId === taskId ? change(report) : report));
  switch (event.type) {
    case 'PeriodicReportPeriodOpened': {
      const { period, start, end, dueAt } = event.data;
      return {
        ...pair,
        reportPeriods: [...(pair.reportPeriods ?? []), { period, start, end, dueAt }],
        periodicReports: [
          ...reports,
          ...event.data.reports.map(({ taskId, authorId, role }) => ({
            taskId,
            period,
            periodStart: start,
            periodEnd: end,
            authorId,
            role,
          })),
        ],
      };
    }
    case 'PeriodicReportSubmitted': {
      const { taskId, authorId, text, fileRef, submittedAt } = event.data;
      return {
        ...pair,
        periodicReports: update(taskId, (report) => ({
          ...report,
          authorId,
          text,
          ...(fileRef === undefined ? {} : { fileRef }),
          submittedAt,
        })),
      };
    }
    case 'PeriodicReportDecided': {
      const { taskId, decision, comment, newTaskId, decidedAt, decidedBy } = event.data;
      const decided = update(taskId, (report) => ({
        ...report,
        decision,
        ...(comment === undefined ? {} : { comment }),
        decidedAt,
        decidedBy,
      }));
      const returned = reports.find((report) => report.taskId === taskId);
      const again =
        newTaskId === undefined || returned === undefined
          ? []
          : [
              {
                taskId: newTaskId,
                period: returned.period,
                periodStart: returned.periodStart,
                periodEnd: returned.periodEnd,
                authorId: returned.authorId,
                role: returned.role,
              },
            ];
      return { ...pair, periodicReports: [...decided, ...again] };
    }
  }
};
