/**
 * Индивидуальный образовательный маршрут as 003 §5 lays it out: the title page (§5.1), the road map (§5.2)
 * and the portfolio of achievements with the level of each competence (§5.4). Pure, like the pair's
 * documents: the service gathers the route as its reader may read it, the people and the organisation.
 */
import {
  competenceAreaLabels,
  competenceAssessmentLabel,
  roadMapChosenMarkLabel,
  roadMapColumnLabels,
  roadMapDoneMarkLabel,
  nextDiagnosticsDateOf,
  routeActivityKindLabels,
  routeDiagnosticsHistory,
  routeDiagnosticsKindLabels,
  routeTitlePageLabels as label,
  type CreatedRoute,
} from '@mentorflow/domain';
import {
  blank,
  documentDate,
  emptyLine,
  nameOrBlank,
  organisationHeading,
  paragraph,
  signature,
  table,
  type Block,
  type DocumentOrganisation,
} from './document-kit';

/** A participant of the route as the title page names them (from the directory; the birth date only where shown). */
export interface RouteDocumentPerson {
  readonly fullName?: string;
  readonly workEmail?: string;
  readonly workPhone?: string;
  readonly birthDate?: string;
  readonly positions?: readonly string[];
}

export interface RouteDocumentContext {
  readonly organisation: DocumentOrganisation;
  readonly teacher: RouteDocumentPerson;
  readonly methodologist: RouteDocumentPerson;
  readonly tutor: RouteDocumentPerson;
  /** The bank's practices the «изучение практики» rows link, by id, with their titles (issue 28). */
  readonly practices?: readonly { readonly practiceId: string; readonly title: string }[];
}

/** A value the record lacks is a line for the hand. */
const orBlank = (value: string | number | undefined): string =>
  value === undefined || String(value).trim() === '' ? blank(20) : String(value);

const dateOrBlank = (date: string | undefined): string => (date === undefined ? blank(20) : documentDate(date));

/** «ФИО, должность; e-mail; телефон» of the methodologist or the tutor (003 §5.1). */
const supervisorText = (person: RouteDocumentPerson): string =>
  [
    nameOrBlank(person.fullName),
    `должность: ${orBlank(person.positions?.join(', '))}`,
    `электронная почта: ${orBlank(person.workEmail)}`,
    `телефон: ${orBlank(person.workPhone)}`,
  ].join('\n');

/** The title page's fields in 003 §5.1's order, as a two-column table. */
const titlePageRows = (route: CreatedRoute, context: RouteDocumentContext): string[][] => {
  const { titlePage } = route;
  const held = routeDiagnosticsHistory(route);
  return [
    [label.teacherName, nameOrBlank(context.teacher.fullName)],
    [label.birthDate, dateOrBlank(context.teacher.birthDate)],
    [label.position, orBlank(titlePage.position)],
    [label.education, orBlank(titlePage.education)],
    [label.phone, orBlank(context.teacher.workPhone)],
    [label.email, orBlank(context.teacher.workEmail)],
    [label.lastAttestationDate, dateOrBlank(titlePage.lastAttestationDate)],
    [
      label.diagnosticsDates,
      held.length === 0
        ? blank(20)
        : held.map((d) => `${documentDate(d.date)} (${routeDiagnosticsKindLabels[d.kind]})`).join('\n'),
    ],
    [label.nextDiagnosticsDate, dateOrBlank(route.stage === 'completed' ? undefined : nextDiagnosticsDateOf(route))],
    [label.qualificationCategory, orBlank(titlePage.qualificationCategory)],
    [label.teachingExperienceYears, orBlank(titlePage.teachingExperienceYears)],
    [label.selfEducationTopic, orBlank(titlePage.selfEducationTopic)],
    [label.code, route.code],
    [label.goal, orBlank(route.goal?.goal)],
    [
      label.tasks,
      route.goal === undefined || route.goal.tasks.length === 0
        ? blank(20)
        : route.goal.tasks.map((task, i) => `${i + 1}) ${task}`).join('\n'),
    ],
    [label.startDate, documentDate(titlePage.startDate)],
    [label.endDate, documentDate(titlePage.endDate)],
    [label.methodologist, supervisorText(context.methodologist)],
    [label.tutor, supervisorText(context.tutor)],
  ];
};

/** The linked practice's title under the activity, as the road map shows it («Практика: «…»»). */
const practiceLine = (practiceId: string | undefined, context: RouteDocumentContext): string => {
  const title = context.practices?.find((p) => p.practiceId === practiceId)?.title;
  return title === undefined ? '' : `\nПрактика из банка: «${title}»`;
};

const roadMapRows = (route: CreatedRoute, context: RouteDocumentContext): string[][] =>
  (route.roadMap?.rows ?? []).map((row, index) => [
    String(index + 1),
    competenceAreaLabels[row.competence],
    `${row.activity}\n(${routeActivityKindLabels[row.activityKind]})${practiceLine(row.practiceId, context)}`,
    row.tasks,
    String(row.hours),
    documentDate(row.deadline),
    roadMapChosenMarkLabel(row),
    roadMapDoneMarkLabel(row, route.activityCompletions, documentDate),
  ]);

/** Each competence at each diagnostics held: «35 % — Дефицитный (уровень дефицита: средний)» (003 §5.4). */
const competenceLevels = (route: CreatedRoute): Block[] => {
  const held = routeDiagnosticsHistory(route);
  if (held.length === 0) return [paragraph('Диагностика уровня сформированности компетенций ещё не проводилась.')];
  return [
    table(
      [
        'Компетенция',
        ...held.map((d) => `Диагностика: ${routeDiagnosticsKindLabels[d.kind]}, ${documentDate(d.date)}`),
      ],
      Object.entries(competenceAreaLabels)
        .filter(([area]) => held.some((d) => d.results.some((r) => r.area === area)))
        .map(([area, label]) => [
          label,
          ...held.map((d) => {
            const result = d.results.find((r) => r.area === area);
            return result === undefined ? '—' : `${result.percent} % — ${competenceAssessmentLabel(result)}`;
          }),
        ]),
    ),
  ];
};

const portfolioEntries = (route: CreatedRoute): Block[] =>
  route.portfolio.length === 0
    ? [paragraph('Записей в портфолио пока нет.')]
    : [
        table(
          ['№', 'Дата', 'Компетенция', 'Результат (продукт)', 'Самооценка педагога'],
          route.portfolio.map((entry, index) => [
            String(index + 1),
            entry.date === undefined ? '' : documentDate(entry.date),
            entry.competence === undefined ? '' : competenceAreaLabels[entry.competence],
            entry.product,
            entry.selfAssessment,
          ]),
        ),
      ];

export const routeDocument = (route: CreatedRoute, context: RouteDocumentContext): Block[] => {
  const rows = route.roadMap?.rows ?? [];
  const hours = rows.reduce((total, row) => total + row.hours, 0);
  const done = rows.filter((row) => route.activityCompletions?.some((c) => c.rowId === row.rowId)).length;
  return [
    ...organisationHeading(context.organisation),
    paragraph('ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ', { bold: true, align: 'center' }),
    paragraph('педагогического работника', { align: 'center' }),
    paragraph(`Код ИОМ: ${route.code}`, { bold: true, align: 'center', spaceAfter: 200 }),
    paragraph('1. Титульный лист', { bold: true, indent: false }),
    table(['Сведения', 'Содержание'], titlePageRows(route, context)),
    emptyLine(),
    paragraph('2. Дорожная карта ИОМ', { bold: true, indent: false }),
    ...(route.roadMap === undefined
      ? [paragraph('Дорожная карта ещё не согласована.')]
      : [
          table(roadMapColumnLabels, roadMapRows(route, context)),
          paragraph(`Всего мероприятий: ${rows.length}, из них выполнено: ${done}; всего часов: ${hours}.`, {
            indent: false,
          }),
        ]),
    ...(route.controlPoints.length === 0
      ? []
      : [
          paragraph('Контрольные точки', { bold: true, indent: false }),
          table(
            ['Дата', 'Содержание'],
            route.controlPoints.map((point) => [documentDate(point.date), point.description]),
          ),
        ]),
    emptyLine(),
    paragraph('3. Портфолио достижений', { bold: true, indent: false }),
    paragraph(
      'Уровень сформированности профессиональных компетенций: 81–100 % выполнения заданий — высокий, 50–80 % — базовый, менее 50 % — дефицитный; уровень профессиональных дефицитов — высокий, средний, минимальный.',
    ),
    ...competenceLevels(route),
    paragraph(`Результаты в портфолио: ${route.portfolio.length}`, { indent: false }),
    ...portfolioEntries(route),
    ...signature('Педагог', context.teacher.fullName),
    ...signature('Методист', context.methodologist.fullName),
    ...signature('Тьютор', context.tutor.fullName),
  ];
};
