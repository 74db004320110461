import type { TaskKind } from './task.events';

/** What the inbox and a task's title say of a deadline waiting for its production-calendar year. */
export const pendingDeadlineText = (year: number): string =>
  `срок будет рассчитан после загрузки производственного календаря на ${year} год`;

/** UI names of the task kinds. */
export const taskKindLabels: Readonly<Record<TaskKind, string>> = {
  stagePlanReminder: 'Срок этапа программы',
  interimControl: 'Промежуточный контроль пары',
  finalControl: 'Итоговый контроль пары',
  draftRoute: 'Проект ИОМ',
  draftOverdueEscalation: 'Просрочен проект ИОМ',
  monthlyControlPointCheck: 'Ежемесячная проверка контрольных точек',
  controlDiagnostics: 'Контрольная диагностика',
  repeatedDiagnostics: 'Повторная диагностика',
  loadCalendarYear: 'Производственный календарь',
  programmeCorrection: 'Корректировка персонализированной программы',
  menteeAssignment: 'Задание наставника',
  periodicReport: 'Периодический отчёт',
  candidateReview: 'Рассмотрение кандидатур',
  personalProgrammeReview: 'Рассмотрение персонализированной программы',
  correctionReview: 'Решение по корректировке программы',
  periodicReportReview: 'Решение по периодическому отчёту',
  associationPlanItem: 'Мероприятие плана МО наставников',
};

/**
 * The mentor's report at the end of mentoring (002 §6.1.10) is raised with kind `finalControl`, a code
 * stored in its events; it is the one assigned to the mentor — the final control itself goes to a
 * controller, never to the mentor. It is a report, not a control measure.
 */
export const isMentorReportTask = (task: { readonly kind: TaskKind; readonly role: string }): boolean =>
  task.kind === 'finalControl' && task.role === 'mentor';

/** What a task is, in the words of the regulation: its kind, or the mentor's report. */
export const taskLabel = (task: { readonly kind: TaskKind; readonly role: string }): string =>
  isMentorReportTask(task) ? 'Отчёт наставника по итогам наставничества' : taskKindLabels[task.kind];

/**
 * The working days to a task's deadline on its organisation's production calendar, in words: «осталось
 * 3 раб. дн.», «срок сегодня», «просрочено на 2 раб. дн.»; `null`: the calendar lacks the deadline's year
 * (never counted Mon–Fri); `pendingYear`: the deadline itself waits for that year's calendar.
 */
export const workingDaysLeftText = (left: number | null | undefined, pendingYear?: number): string => {
  if (pendingYear !== undefined && left === undefined) return pendingDeadlineText(pendingYear);
  if (left === undefined) return '—';
  if (left === null) return 'нет производственного календаря на год срока';
  if (left > 0) return `осталось ${left} раб. дн.`;
  if (left === 0) return 'срок сегодня';
  return `просрочено на ${-left} раб. дн.`;
};
