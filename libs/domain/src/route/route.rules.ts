/**
 * What a route's commands must satisfy and how their content is normalised: competence levels,
 * the title page, goal, diagnostics, schedules, road-map rows and control points.
 */
import { DomainRefusal, type UnmetCondition } from '../shared/refusal';
import { instantTime, isIsoDate, notInFutureProblems, russianDate, utcMidnight } from '../shared/dates';
import { refuseIfAny, unmetIf } from '../shared/rules';
import { isRouteCode } from './route.code';
import { isUnsetOrBlank } from '../shared/text';
import type { Tasks } from '../task/task.state';
import {
  competenceAreas,
  isCompetenceArea,
  isRouteActivityKind,
  type CompetenceAssessment,
  type CompetenceDynamics,
  type CompetenceResult,
  type RouteControlPoint,
  type RouteRoadMapRow,
  type RouteTitlePage,
} from './route.events';
import { competenceAreaLabels } from './route.labels';
import type {
  CreateRoute,
  DiagnosticsRequest,
  RouteRequest,
  RecordPortfolioEntry,
  RouteDiagnosticsResultInput,
  RouteTaskSchedule,
} from './route.commands';
import type { CreatedRoute, RouteGoal } from './route.state';

/**
 * 003 §5.4: 81–100 % high, 50–80 % basic, below 50 % deficit. Percentages may be fractional, so the
 * bands are read as "from 81", "from 50". The deficit's own level (high, medium, minimal) is entered by
 * people, not derived: the seed gives no thresholds for it.
 */
export const competenceLevelThresholds = { high: 81, basic: 50 } as const;

export const isValidCompetencePercent = (percent: number): boolean =>
  Number.isFinite(percent) && percent >= 0 && percent <= 100;

export const competenceLevel = (percent: number): CompetenceAssessment => {
  if (!isValidCompetencePercent(percent)) {
    throw new DomainRefusal(
      'route.diagnostics.percentOutOfRange',
      `Результат диагностики должен быть от 0 до 100 %, получено: ${String(percent)}`,
    );
  }
  if (percent >= competenceLevelThresholds.high) return { level: 'high' };
  if (percent >= competenceLevelThresholds.basic) return { level: 'basic' };
  return { level: 'deficit' };
};

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const dayMs = 24 * 60 * 60 * 1000;

export const withinPeriod = (date: string, titlePage: RouteTitlePage): boolean =>
  isIsoDate(date) && date >= titlePage.startDate && date <= titlePage.endDate;

export const goalProblems = (goal: string | undefined, tasks: readonly string[] | undefined): UnmetCondition[] => [
  ...unmetIf(isUnsetOrBlank(goal), 'goal.empty', 'Не указана цель ИОМ'),
  ...unmetIf(tasks === undefined || tasks.length === 0, 'goal.tasks.empty', 'Не указаны задачи ИОМ'),
  ...unmetIf(
    (tasks ?? []).some((task) => isUnsetOrBlank(task)),
    'goal.task.empty',
    'Задача ИОМ не может быть пустой',
  ),
];

export const normaliseGoal = (goal: string, tasks: readonly string[]): RouteGoal => ({
  goal: goal.trim(),
  tasks: tasks.map((task) => task.trim()),
});

export const sameGoal = (a: RouteGoal, b: RouteGoal): boolean =>
  a.goal === b.goal && a.tasks.length === b.tasks.length && a.tasks.every((task, i) => task === b.tasks[i]);

/** The longest period recommended for a route (000; 002 §2: 4–5 years): a longer one is confirmed, not refused. */
export const recommendedLongestPeriodYears = 5;

/** The route is longer than five years (both dates inclusive: 2026-09-01 … 2031-08-31 is exactly five). */
export const isLongPeriod = (titlePage: RouteTitlePage): boolean => {
  const end = utcMidnight(titlePage.endDate);
  const longest = utcMidnight(titlePage.startDate, recommendedLongestPeriodYears);
  return end !== undefined && longest !== undefined && end > longest - dayMs;
};

/**
 * 003 §3.1: the period is what the teacher sets (or the tutor or methodologist recommend); 4–5 years are
 * recommended (000, 002). No shortest period; a period over five years needs the explicit confirmation.
 */
export const periodProblems = (titlePage: RouteTitlePage, confirmLongPeriod?: boolean): UnmetCondition[] => {
  const start = utcMidnight(titlePage.startDate);
  const end = utcMidnight(titlePage.endDate);
  const dates = [
    ...unmetIf(start === undefined, 'titlePage.startDate.invalid', 'Дата начала ИОМ должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(end === undefined, 'titlePage.endDate.invalid', 'Дата окончания ИОМ должна быть в формате ГГГГ-ММ-ДД'),
  ];
  if (dates.length > 0 || start === undefined || end === undefined) return dates;
  return [
    ...unmetIf(end < start, 'titlePage.period.invalid', 'Дата окончания ИОМ не может быть раньше даты начала'),
    ...unmetIf(
      isLongPeriod(titlePage) && confirmLongPeriod !== true,
      'titlePage.period.confirmationRequired',
      `Срок ИОМ (${russianDate(titlePage.startDate)} — ${russianDate(titlePage.endDate)}) больше пяти лет, а рекомендуется 4–5 лет: ` +
        'если срок верен, подтвердите его (confirmLongPeriod: true)',
    ),
  ];
};

export const titlePageProblems = (titlePage: RouteTitlePage, confirmLongPeriod?: boolean): UnmetCondition[] => [
  ...unmetIf(isUnsetOrBlank(titlePage.position), 'titlePage.position.empty', 'Не указана должность педагога'),
  ...unmetIf(isUnsetOrBlank(titlePage.education), 'titlePage.education.empty', 'Не указано образование педагога'),
  ...unmetIf(
    titlePage.lastAttestationDate !== undefined && !isIsoDate(titlePage.lastAttestationDate),
    'titlePage.lastAttestationDate.invalid',
    'Дата последней аттестации должна быть в формате ГГГГ-ММ-ДД',
  ),
  ...unmetIf(
    !(
      Number.isInteger(titlePage.teachingExperienceYears) &&
      titlePage.teachingExperienceYears >= 0 &&
      titlePage.teachingExperienceYears <= 80
    ),
    'titlePage.teachingExperience.invalid',
    'Педагогический стаж — целое число лет от 0 до 80',
  ),
  ...unmetIf(
    isUnsetOrBlank(titlePage.selfEducationTopic),
    'titlePage.selfEducationTopic.empty',
    'Не указана тема по самообразованию',
  ),
  ...periodProblems(titlePage, confirmLongPeriod),
];

export const normaliseTitlePage = (titlePage: RouteTitlePage): RouteTitlePage => ({
  position: titlePage.position.trim(),
  education: titlePage.education.trim(),
  ...(titlePage.lastAttestationDate === undefined ? {} : { lastAttestationDate: titlePage.lastAttestationDate }),
  ...(isUnsetOrBlank(titlePage.qualificationCategory)
    ? {}
    : { qualificationCategory: titlePage.qualificationCategory?.trim() }),
  teachingExperienceYears: titlePage.teachingExperienceYears,
  selfEducationTopic: titlePage.selfEducationTopic.trim(),
  startDate: titlePage.startDate,
  endDate: titlePage.endDate,
});

export const duplicates = <T>(values: readonly T[]): T[] =>
  values.filter((value, i) => values.indexOf(value) !== i && values.indexOf(value, i + 1) === -1);

export const diagnosticsProblems = (
  diagnosticsId: string,
  date: string,
  results: readonly RouteDiagnosticsResultInput[],
): UnmetCondition[] => {
  const areas = results.map((result) => String(result.area));
  return [
    ...unmetIf(isUnsetOrBlank(diagnosticsId), 'diagnostics.id.empty', 'Не указан идентификатор диагностики'),
    ...unmetIf(!isIsoDate(date), 'diagnostics.date.invalid', 'Дата диагностики должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(results.length === 0, 'diagnostics.results.empty', 'Нет ни одного результата диагностики'),
    ...areas
      .filter((area) => !isCompetenceArea(area))
      .map((area) => ({ code: 'diagnostics.area.unknown', message: `Неизвестная область компетенций: «${area}»` })),
    ...duplicates(areas.filter(isCompetenceArea)).map((area) => ({
      code: 'diagnostics.area.duplicate',
      message: `Область «${competenceAreaLabels[area]}» указана в результатах несколько раз`,
    })),
    ...results
      .filter((result) => !isValidCompetencePercent(result.percent))
      .map((result) => ({
        code: 'diagnostics.percent.outOfRange',
        message: `Результат по области «${isCompetenceArea(result.area) ? competenceAreaLabels[result.area] : result.area}» должен быть от 0 до 100 %`,
      })),
  ];
};

/** Results in the order of `competenceAreas`, each with its level. */
export const assess = (results: readonly RouteDiagnosticsResultInput[]): CompetenceResult[] =>
  competenceAreas.flatMap((area) => {
    const result = results.find((r) => r.area === area);
    // The deficit level a person entered travels in DeficitLevelsEntered, not in the result.
    return result ? [{ area, percent: result.percent, ...competenceLevel(result.percent) }] : [];
  });

/** A diagnostics as its event records it: the day, the next one when planned, the assessed results. */
export const diagnosticsRecord = (
  routeId: string,
  data: {
    readonly diagnosticsId: string;
    readonly date: string;
    readonly nextDiagnosticsDate?: string;
    readonly results: readonly RouteDiagnosticsResultInput[];
  },
) => ({
  routeId,
  diagnosticsId: data.diagnosticsId,
  date: data.date,
  ...(data.nextDiagnosticsDate === undefined ? {} : { nextDiagnosticsDate: data.nextDiagnosticsDate }),
  results: assess(data.results),
});

/** `assess` for validation: results with a percentage out of range are left out (diagnosticsProblems names them). */
export const assessedOrNone = (results: readonly RouteDiagnosticsResultInput[]): CompetenceResult[] =>
  assess(results.filter((r) => isCompetenceArea(r.area) && isValidCompetencePercent(r.percent)));

export const scheduleProblems = (
  schedule: RouteTaskSchedule,
  tasks: Tasks,
  now: string,
  what: string,
): UnmetCondition[] => {
  const identity = [
    ...unmetIf(isUnsetOrBlank(schedule.taskId), 'task.id.empty', `Не указан идентификатор задачи «${what}»`),
    ...unmetIf(
      !isUnsetOrBlank(schedule.taskId) && tasks[schedule.taskId] !== undefined,
      'task.id.duplicate',
      `Задача ${schedule.taskId} уже существует`,
    ),
  ];
  if (schedule.deadlinePendingYear !== undefined) {
    // The deadline waits for the year's calendar: nothing to check of it but the year itself.
    return [
      ...identity,
      ...unmetIf(
        !Number.isInteger(schedule.deadlinePendingYear) ||
          schedule.dueAt !== undefined ||
          (schedule.remindAt ?? []).length > 0,
        'task.deadlinePending.invalid',
        `Ожидающий календаря срок задачи «${what}» задан неверно`,
      ),
    ];
  }
  const due = instantTime(schedule.dueAt ?? '');
  return [
    ...identity,
    ...unmetIf(
      Number.isNaN(due) || due <= Date.parse(now),
      'task.dueAt.invalid',
      `Срок задачи «${what}» должен быть моментом времени ISO-8601 позже текущего`,
    ),
    ...unmetIf(
      !isIsoDate(schedule.dueLocalDate ?? ''),
      'task.dueLocalDate.invalid',
      `Дата срока задачи «${what}» должна быть в формате ГГГГ-ММ-ДД`,
    ),
    ...unmetIf(
      (schedule.remindAt ?? []).some((at) => Number.isNaN(instantTime(at)) || instantTime(at) > due),
      'task.remindAt.invalid',
      `Напоминания по задаче «${what}» должны быть моментами времени ISO-8601 не позже срока`,
    ),
  ];
};

export const normaliseRow = (row: RouteRoadMapRow): RouteRoadMapRow => ({
  rowId: row.rowId.trim(),
  competence: row.competence,
  activity: row.activity.trim(),
  activityKind: row.activityKind,
  tasks: row.tasks.trim(),
  hours: row.hours,
  deadline: row.deadline,
  ...(row.chosenMark === undefined ? {} : { chosenMark: row.chosenMark }),
  ...(isUnsetOrBlank(row.doneMark) ? {} : { doneMark: row.doneMark?.trim() }),
  ...(isUnsetOrBlank(row.practiceId) ? {} : { practiceId: row.practiceId?.trim() }),
});

export const rowProblems = (rows: readonly RouteRoadMapRow[], titlePage: RouteTitlePage): UnmetCondition[] => [
  ...unmetIf(rows.length === 0, 'roadMap.rows.empty', 'Дорожная карта не содержит ни одного мероприятия'),
  ...duplicates(rows.map((row) => row.rowId.trim()).filter((id) => id !== '')).map((id) => ({
    code: 'roadMap.row.duplicate',
    message: `Строка ${id} указана в дорожной карте несколько раз`,
  })),
  ...rows.flatMap((row, i) => {
    const at = `Строка ${i + 1} дорожной карты`;
    return [
      ...unmetIf(isUnsetOrBlank(row.rowId), 'roadMap.row.idEmpty', `${at}: не указан идентификатор`),
      ...unmetIf(
        !isCompetenceArea(row.competence),
        'roadMap.row.competenceUnknown',
        `${at}: неизвестная область компетенций «${row.competence}»`,
      ),
      ...unmetIf(isUnsetOrBlank(row.activity), 'roadMap.row.activityEmpty', `${at}: не указано мероприятие`),
      ...unmetIf(
        !isRouteActivityKind(row.activityKind),
        'roadMap.row.activityKindUnknown',
        `${at}: неизвестный вид мероприятия «${row.activityKind}»`,
      ),
      ...unmetIf(isUnsetOrBlank(row.tasks), 'roadMap.row.tasksEmpty', `${at}: не указаны решаемые задачи`),
      ...unmetIf(
        !isUnsetOrBlank(row.practiceId) && row.activityKind !== 'practiceStudy',
        'roadMap.row.practiceKind',
        `${at}: практика из банка указывается только для мероприятия вида «Изучение практики»`,
      ),
      ...unmetIf(
        !(Number.isFinite(row.hours) && row.hours >= 0),
        'roadMap.row.hoursInvalid',
        `${at}: количество часов должно быть неотрицательным числом`,
      ),
      ...unmetIf(
        !withinPeriod(row.deadline, titlePage),
        'roadMap.row.deadlineInvalid',
        `${at}: срок исполнения должен быть датой ГГГГ-ММ-ДД в пределах срока ИОМ (${russianDate(titlePage.startDate)} — ${russianDate(titlePage.endDate)})`,
      ),
    ];
  }),
];

export const validRows = (rows: readonly RouteRoadMapRow[], state: CreatedRoute): RouteRoadMapRow[] => {
  refuseIfAny('route.roadMap.invalid', 'Дорожная карта заполнена неверно', rowProblems(rows, state.titlePage));
  return rows.map(normaliseRow);
};

/** Structural, key-order free: state read back from a JSON store may order keys differently. */
export const rowKey = (row: RouteRoadMapRow): string =>
  JSON.stringify([
    row.rowId,
    row.competence,
    row.activity,
    row.activityKind,
    row.tasks,
    row.hours,
    row.deadline,
    row.chosenMark ?? null,
    row.doneMark ?? null,
    // Absent on rows without a practice, so the keys of earlier rows stay as they were.
    ...(row.practiceId === undefined ? [] : [row.practiceId]),
  ]);

export const sameRows = (a: readonly RouteRoadMapRow[], b: readonly RouteRoadMapRow[]): boolean =>
  a.length === b.length &&
  a.every((row, i) => {
    const other = b[i];
    return other !== undefined && rowKey(row) === rowKey(other);
  });

export const validControlPoints = (
  controlPoints: readonly RouteControlPoint[],
  state: CreatedRoute,
): RouteControlPoint[] => {
  const problems: UnmetCondition[] = [
    ...unmetIf(controlPoints.length === 0, 'controlPoints.empty', 'Не определено ни одной контрольной точки'),
    ...duplicates(controlPoints.map((p) => p.controlPointId.trim()).filter((id) => id !== '')).map((id) => ({
      code: 'controlPoint.duplicate',
      message: `Контрольная точка ${id} указана несколько раз`,
    })),
    ...controlPoints.flatMap((point, i) => {
      const at = `Контрольная точка ${i + 1}`;
      return [
        ...unmetIf(isUnsetOrBlank(point.controlPointId), 'controlPoint.idEmpty', `${at}: не указан идентификатор`),
        ...unmetIf(
          !withinPeriod(point.date, state.titlePage),
          'controlPoint.dateInvalid',
          `${at}: дата должна быть в формате ГГГГ-ММ-ДД в пределах срока ИОМ (${russianDate(state.titlePage.startDate)} — ${russianDate(state.titlePage.endDate)})`,
        ),
        ...unmetIf(isUnsetOrBlank(point.description), 'controlPoint.descriptionEmpty', `${at}: не указано содержание`),
      ];
    }),
  ];
  refuseIfAny('route.controlPoints.invalid', 'Контрольные точки заполнены неверно', problems);
  return controlPoints.map((point) => ({
    controlPointId: point.controlPointId.trim(),
    date: point.date,
    description: point.description.trim(),
  }));
};

export const roundHundredths = (value: number): number => Math.round(value * 100) / 100;

export const dynamicsOf = (
  initial: readonly CompetenceResult[],
  control: readonly CompetenceResult[],
): CompetenceDynamics[] =>
  control.flatMap((after) => {
    const before = initial.find((r) => r.area === after.area);
    if (!before) return [];
    return [
      {
        area: after.area,
        initialPercent: before.percent,
        controlPercent: after.percent,
        change: roundHundredths(after.percent - before.percent),
        before: competenceLevel(before.percent),
        after: competenceLevel(after.percent),
      },
    ];
  });

/** Who takes part, the registry code, the title page and, when given, the goal of a new route. */
export const createRouteProblems = (data: CreateRoute['data']): UnmetCondition[] => [
  ...unmetIf(
    !isRouteCode(data.code),
    'route.code.invalid',
    'Код ИОМ должен иметь вид РР-OOOO-ГГГГ-NNNNNN, например 63-0042-2026-000017',
  ),
  ...routeRequestProblems(data),
];

/** Everything a new route is checked for except its registry code, which is allocated only for a valid request. */
export const routeRequestProblems = (data: RouteRequest): UnmetCondition[] => {
  const supervisors = [data.methodologistId, data.tutorId];
  return [
    ...unmetIf(isUnsetOrBlank(data.routeId), 'route.id.empty', 'Не указан идентификатор ИОМ'),
    ...unmetIf(isUnsetOrBlank(data.organisationId), 'route.organisationId.empty', 'Не указана организация'),
    ...unmetIf(isUnsetOrBlank(data.teacherId), 'route.teacherId.empty', 'Не указан педагог'),
    ...unmetIf(isUnsetOrBlank(data.methodologistId), 'route.methodologistId.empty', 'Не указан методист'),
    ...unmetIf(isUnsetOrBlank(data.tutorId), 'route.tutorId.empty', 'Не указан тьютор'),
    ...unmetIf(data.pairId !== undefined && isUnsetOrBlank(data.pairId), 'route.pairId.empty', 'Не указана пара'),
    ...unmetIf(
      !isUnsetOrBlank(data.teacherId) && supervisors.includes(data.teacherId),
      'route.teacher.isSupervisor',
      'Педагог не может быть методистом или тьютором собственного ИОМ',
    ),
    ...titlePageProblems(data.titlePage, data.confirmLongPeriod),
    ...(data.goal === undefined && data.tasks === undefined ? [] : goalProblems(data.goal, data.tasks)),
  ];
};

/** The entry diagnostics and the date of the next one. */
export const initialDiagnosticsProblems = (
  data: DiagnosticsRequest,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => {
  return [
    ...diagnosticsProblems(data.diagnosticsId, data.date, data.results),
    // A diagnostics is a fact: dated ahead, the methodologist's 10 working days would run before it happened.
    ...notInFutureProblems(data.date, metadata, 'diagnostics.date.future', 'Дата входной диагностики'),
    ...unmetIf(
      data.nextDiagnosticsDate !== undefined &&
        !(isIsoDate(data.nextDiagnosticsDate) && data.nextDiagnosticsDate > data.date),
      'diagnostics.nextDate.invalid',
      'Дата следующей диагностики должна быть в формате ГГГГ-ММ-ДД и позже даты диагностики',
    ),
  ];
};

/** A portfolio entry: its id new to the route, its row (if named) on the road map, its product and self-assessment. */
export const portfolioEntryProblems = (
  data: RecordPortfolioEntry['data'],
  state: CreatedRoute,
  row: RouteRoadMapRow | undefined,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => {
  return [
    ...unmetIf(
      data.date !== undefined && !isIsoDate(data.date),
      'portfolio.date.invalid',
      'Дата результата должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...notInFutureProblems(data.date, metadata, 'portfolio.date.future', 'Дата результата в портфолио'),
    ...unmetIf(isUnsetOrBlank(data.entryId), 'portfolio.id.empty', 'Не указан идентификатор записи портфолио'),
    ...unmetIf(
      state.portfolio.some((entry) => entry.entryId === data.entryId),
      'portfolio.id.duplicate',
      `Запись портфолио ${data.entryId} уже есть`,
    ),
    ...unmetIf(
      data.rowId !== undefined && row === undefined,
      'portfolio.row.unknown',
      `В дорожной карте нет строки ${data.rowId ?? ''}`,
    ),
    ...unmetIf(isUnsetOrBlank(data.product), 'portfolio.product.empty', 'Не указан педагогический продукт'),
    ...unmetIf(
      isUnsetOrBlank(data.selfAssessment),
      'portfolio.selfAssessment.empty',
      'Не указано отношение педагога к результату',
    ),
  ];
};
