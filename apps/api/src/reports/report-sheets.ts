import {
  type AssociationFigures,
  monitoringIndicatorDefinitions,
  monitoringUnitLabels,
  pairFormLabels,
  pairForms,
  pairStatusLabels,
  routeStageLabels,
  routeStages,
  type MonitoringIndicator,
} from '@mentorflow/domain';
import {
  regionAggregate,
  regionPairStatuses,
  targetModelDocumentKeys,
  targetModelDocumentLabels,
  type IncentiveFigures,
  type OrganisationReport,
  type RegionAggregate,
  type RegionOrganisationRow,
  type RoutesReport,
} from '@mentorflow/projections';
import type { CellValue, ReportColumn, ReportSheet } from './report-export';

const yesNo = (value: boolean): string => (value ? 'да' : 'нет');

/** Full names by person id (PeopleDirectory.names, one call per export): a «ФИО» column beside each id column. */
export type PersonNames = ReadonlyMap<string, string>;
const SHARE = '0.0%';
const COUNT = '0';

/** A column of a table sheet together with how its cell is read from one item of the table. */
interface Column<T> extends ReportColumn {
  readonly cell: (item: T) => CellValue;
}

/** A table sheet, one row per item: each column gives its heading and its cell in one place. */
const tableSheet = <T>(
  name: string,
  title: string,
  items: readonly T[],
  columns: readonly Column<T>[],
): ReportSheet => ({
  name,
  title,
  columns: columns.map(({ key, header, width, numFmt }) => ({ key, header, width, numFmt })),
  rows: items.map((item) => Object.fromEntries(columns.map((c) => [c.key, c.cell(item)]))),
});

/** The keys of an item whose values are cells as they are. */
type CellKey<T> = { [K in keyof T]: T[K] extends CellValue ? K : never }[keyof T] & string;

/** A column showing the item's field of the same key. */
const field = <T>(key: CellKey<T>, header: string, width: number, numFmt?: string): Column<T> => ({
  key,
  header,
  width,
  numFmt,
  // CellKey admits only the fields holding a CellValue.
  cell: (item) => item[key] as CellValue,
});

/** A count column showing the item's field of the same key. */
const countField = <T>(key: CellKey<T>, header: string, width: number): Column<T> => field(key, header, width, COUNT);

/** The keys of an item whose values are person ids (text). */
type IdKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** A person's id column and, beside it, her «ФИО» from the directory: the two always go together. */
const personColumns = <T>(
  role: string,
  idKey: IdKey<T>,
  nameKey: string,
  idWidth: number,
  names: PersonNames,
): Column<T>[] => {
  // IdKey admits only the fields holding a string.
  const personId = (item: T) => item[idKey] as string;
  return [
    { key: idKey, header: `${role} (идентификатор)`, width: idWidth, cell: personId },
    { key: nameKey, header: `${role} (ФИО)`, width: 36, cell: (item) => names.get(personId(item)) ?? null },
  ];
};

const keyValueSheet = (name: string, title: string, rows: [string, CellValue][]): ReportSheet => ({
  name,
  title,
  columns: [
    { key: 'indicator', header: 'Показатель', width: 70 },
    { key: 'value', header: 'Значение', width: 22 },
  ],
  rows: rows.map(([indicator, value]) => ({ indicator, value })),
});

/** One label / count / share row of a breakdown (pairs by status, documents present, …). */
interface BreakdownRow {
  readonly label: string;
  readonly count: number;
  readonly share: number | null;
}

interface Heading {
  readonly header: string;
  readonly width: number;
}

/**
 * A breakdown table: label, count and share, the column set every breakdown shares. With `group`, a
 * first column names the section each row belongs to (e.g. pairs by status, then by form).
 */
const breakdownSheet = (
  name: string,
  title: string,
  headings: { readonly group?: Heading & { readonly key: string }; readonly label: Heading; readonly count: Heading },
  sections: readonly (readonly [group: string | null, rows: readonly BreakdownRow[]])[],
): ReportSheet => {
  const { group } = headings;
  return {
    name,
    title,
    columns: [
      ...(group ? [{ key: group.key, header: group.header, width: group.width }] : []),
      { key: 'label', ...headings.label },
      { key: 'count', ...headings.count, numFmt: COUNT },
      { key: 'share', header: 'Доля', width: 10, numFmt: SHARE },
    ],
    rows: sections.flatMap(([section, rows]) =>
      rows.map((r) => ({ ...(group ? { [group.key]: section } : {}), label: r.label, count: r.count, share: r.share })),
    ),
  };
};

/** The headings of a breakdown in slices (by status, by form, …): the slice, the value, the count. */
const sliceHeadings = (sliceWidth: number, valueWidth: number) => ({
  group: { key: 'group', header: 'Разрез', width: sliceWidth },
  label: { header: 'Значение', width: valueWidth },
  count: { header: 'Количество', width: 14 },
});

/** Incentives granted as of the report's moment (issue 28; 004 slides 22–24): who was rewarded and how. */
const incentivesSheet = (figures: IncentiveFigures): ReportSheet =>
  keyValueSheet('Поощрения', 'Поощрения наставников и наставляемых (по приказам руководителя)', [
    ['Поощрений утверждено', figures.granted],
    ['Наставников поощрено', figures.mentorsRewarded],
    ['Наставляемых поощрено', figures.menteesRewarded],
    ['Предложений ждут решения руководителя', figures.awaitingDecision],
    ...figures.byKind.map((k): [string, CellValue] => [`Вид: ${k.label}`, k.count]),
  ]);

/** The mentors' methodical associations as of the report's moment (issue 28; 004 slide 31). */
const associationsSheet = (figures: AssociationFigures): ReportSheet =>
  keyValueSheet('МО наставников', 'Методические объединения наставников', [
    ['Методических объединений наставников', figures.associations],
    ['Участников методических объединений', figures.members],
    ['Заседаний проведено', figures.meetingsHeld],
    ['Пунктов плана работы выполнено', figures.planItemsDone],
    ['Пунктов плана работы не выполнено', figures.planItemsOpen],
  ]);

export function organisationSheets(
  report: OrganisationReport,
  names: PersonNames,
  associations: AssociationFigures,
): ReportSheet[] {
  const { targetModel, processMonitoring: pm } = report;
  return [
    keyValueSheet('Показатели', `Мониторинг ЦМН: ${report.organisation.name}`, [
      ['Организация', report.organisation.name],
      ['Муниципальное образование', report.organisation.municipality],
      ['Реализует целевую модель наставничества', yesNo(targetModel.implementsTargetModel)],
      ...targetModelDocumentKeys.map((k): [string, CellValue] => [
        targetModelDocumentLabels[k],
        yesNo(targetModel.documents[k]),
      ]),
      ['Куратор назначен', yesNo(targetModel.hasCurator)],
      ['Наставников, прошедших обучение', report.trainedMentors ?? 0],
      ['Наставнических пар/групп всего', report.pairs.total],
      ['Действующих пар/групп', pm.activePairs],
      ['Доля пар, прошедших промежуточный контроль', pm.interimControlPassedShare],
      ['Доля пар, прошедших итоговый контроль (из проведённых)', pm.finalControlPassedShare],
      ['Прекращено пар/групп', pm.terminatedPairs],
      ['Просроченных контрольных мероприятий', pm.overdueControlTasks],
    ]),
    tableSheet('Программы', 'Этапы программ наставничества', report.programmes, [
      field('title', 'Программа', 40),
      { key: 'stage', header: 'Этап', width: 28, cell: (p) => p.stageLabel },
      { key: 'since', header: 'На этапе с', width: 22, cell: (p) => p.stageEnteredAt.slice(0, 10) },
      { key: 'days', header: 'Дней на этапе', width: 16, numFmt: COUNT, cell: (p) => p.daysInStage },
    ]),
    breakdownSheet('Пары', 'Наставнические пары/группы по статусу, форме и виду', sliceHeadings(14, 50), [
      ['Статус', report.pairs.byStatus],
      ['Форма', report.pairs.byForm],
      ['Вид', report.pairs.byKind],
    ]),
    tableSheet('Нагрузка наставников', 'Нагрузка наставников (действующие пары/группы)', report.mentorLoad, [
      ...personColumns('Наставник', 'mentorId', 'mentorName', 40, names),
      countField('activePairs', 'Пар/групп', 12),
      countField('mentees', 'Наставляемых', 14),
    ]),
    tableSheet('Задачи', 'Открытые и просроченные задачи по ролям', report.tasks, [
      field('roleLabel', 'Роль', 36),
      countField('open', 'Открыто', 12),
      countField('overdue', 'Просрочено', 12),
    ]),
    breakdownSheet(
      'Контроль',
      'Итоги промежуточного и итогового контроля',
      {
        group: { key: 'control', header: 'Контроль', width: 18 },
        label: { header: 'Результат', width: 30 },
        count: { header: 'Пар/групп', width: 12 },
      },
      [
        ['Промежуточный', report.controls.interim],
        ['Итоговый', report.controls.final],
      ],
    ),
    tableSheet(
      'Результаты мониторинга',
      'Результаты мониторинга (002 §10), внесённые куратором',
      report.monitoringResults,
      [
        { key: 'stage', header: 'Этап мониторинга', width: 40, cell: (r) => r.stageLabel },
        { key: 'indicator', header: 'Показатель', width: 70, cell: (r) => r.indicatorLabel },
        field('value', 'Значение', 12, '0.##'),
        {
          key: 'unit',
          header: 'Единица',
          width: 14,
          cell: (r) => monitoringUnitLabels[monitoringIndicatorDefinitions[r.indicator as MonitoringIndicator].unit],
        },
        field('periodStart', 'Период с', 12),
        field('periodEnd', 'по', 12),
        field('pairId', 'Пара/группа', 38),
        field('comment', 'Комментарий', 40),
      ],
    ),
    incentivesSheet(report.incentives),
    associationsSheet(associations),
  ];
}

export function routesSheets(report: RoutesReport, names: PersonNames = new Map()): ReportSheet[] {
  return [
    tableSheet(
      'Компетенции',
      'Уровень сформированности компетенций: входная и контрольная диагностика',
      report.competences,
      [
        field('label', 'Область компетенций', 50),
        countField('diagnosed', 'Диагностировано ИОМ', 14),
        field('initialAverage', 'Входная, средний %', 14, '0.00'),
        countField('initialHigh', 'Входная: высокий', 12),
        countField('initialBasic', 'Входная: базовый', 12),
        countField('initialDeficits', 'Входная: дефицит', 12),
        countField('controlled', 'Контрольная диагностика, ИОМ', 16),
        field('controlAverage', 'Контрольная, средний %', 14, '0.00'),
        countField('controlHigh', 'Контрольная: высокий', 12),
        countField('controlBasic', 'Контрольная: базовый', 12),
        countField('controlDeficits', 'Контрольная: дефицит', 12),
      ],
    ),
    keyValueSheet('Портфолио', 'Активность в портфолио', [
      ['ИОМ всего', report.totals.routes],
      ['Записей в портфолио', report.portfolio.entries],
      ['ИОМ с записями в портфолио', report.portfolio.routesWithEntries],
      ['ИОМ с записями за последние 30 дней', report.portfolio.routesActiveLast30Days],
      ...report.totals.byStage.map((r): [string, CellValue] => [`ИОМ на этапе «${r.label}»`, r.count]),
    ]),
    tableSheet('Методисты', 'Проекты ИОМ по методистам (10 рабочих дней)', report.methodologists, [
      ...personColumns('Методист', 'methodologistId', 'methodologistName', 40, names),
      countField('draftsAwaited', 'Ожидалось проектов', 14),
      countField('delivered', 'Представлено', 14),
      countField('onTime', 'В срок', 10),
      countField('overdue', 'Просрочено (не представлено)', 16),
    ]),
    tableSheet('Маршруты', 'Индивидуальные образовательные маршруты', report.routes, [
      field('code', 'Код ИОМ', 22),
      field('stageLabel', 'Этап', 28),
      ...personColumns('Педагог', 'teacherId', 'teacherName', 38, names),
      ...personColumns('Методист', 'methodologistId', 'methodologistName', 38, names),
      countField('portfolioEntries', 'Записей в портфолио', 14),
      {
        key: 'draftOnTime',
        header: 'Проект в срок',
        width: 14,
        cell: (r) => (r.draftDeliveredOnTime === null ? null : yesNo(r.draftDeliveredOnTime)),
      },
      { key: 'draftOverdue', header: 'Проект просрочен', width: 14, cell: (r) => yesNo(r.draftOverdue) },
    ]),
  ];
}

export interface MunicipalityRow extends RegionAggregate {
  readonly municipality: string;
}

export const municipalityRows = (organisations: readonly RegionOrganisationRow[]): MunicipalityRow[] =>
  [...new Set(organisations.map((o) => o.municipality))]
    .sort((a, b) => a.localeCompare(b, 'ru'))
    .map((municipality) => ({
      municipality,
      ...regionAggregate(organisations.filter((o) => o.municipality === municipality)),
    }));

export function regionSheets(
  title: string,
  totals: RegionAggregate,
  municipalities: readonly MunicipalityRow[],
  organisations: readonly RegionOrganisationRow[],
  associations: AssociationFigures,
): ReportSheet[] {
  return [
    keyValueSheet('Сводка', title, [
      ['Образовательных организаций', totals.organisations],
      ['Реализуют целевую модель наставничества', totals.implementing],
      ['Доля реализующих ЦМН', totals.implementingShare],
      ['Организаций с куратором', totals.withCurator],
      ['Доля организаций с куратором', totals.withCuratorShare],
      ['Организаций без документов по наставничеству', totals.withoutDocuments],
      ['Действующих наставнических пар/групп (без прекращённых)', totals.pairs],
      ['ИОМ всего', totals.routes],
      ['Открытых задач', totals.openTasks],
      ['Из них просрочено', totals.overdueTasks],
      ['Доля просроченных задач', totals.overdueTasksShare],
      ['Проектов ИОМ с известным сроком представления', totals.draftsDecided],
      ['Из них представлено в течение 10 рабочих дней', totals.draftsOnTime],
      ['Доля проектов ИОМ, представленных в срок', totals.draftsOnTimeShare],
      ['Практик предложено в банк лучших практик', totals.practicesSubmitted],
      ['Практик опубликовано', totals.practicesPublished],
      ['Наставников, прошедших обучение', totals.trainedMentors],
      ['Наставников поощрено', totals.incentives.mentorsRewarded],
    ]),
    incentivesSheet(totals.incentives),
    associationsSheet(associations),
    breakdownSheet(
      'Документы',
      'Какие документы по наставничеству есть в организациях',
      { label: { header: 'Документ', width: 70 }, count: { header: 'Организаций', width: 14 } },
      [[null, totals.documents]],
    ),
    breakdownSheet(
      'Формы',
      'Формы наставничества',
      { label: { header: 'Форма', width: 50 }, count: { header: 'Пар/групп', width: 12 } },
      [[null, totals.forms]],
    ),
    // A pair of combined kinds is counted under each of them (002 §9.1.3).
    breakdownSheet(
      'Виды',
      'Виды наставничества',
      { label: { header: 'Вид', width: 50 }, count: { header: 'Пар/групп', width: 12 } },
      [[null, totals.kinds]],
    ),
    breakdownSheet('Пары и ИОМ', 'Наставнические пары/группы по статусу, ИОМ по этапам', sliceHeadings(22, 40), [
      ['Пары/группы по статусу', totals.pairsByStatus],
      ['ИОМ по этапам', totals.routesByStage],
    ]),
    tableSheet('Муниципалитеты', 'Показатели по муниципальным образованиям', municipalities, [
      field('municipality', 'Муниципальное образование', 36),
      countField('organisations', 'Организаций', 12),
      countField('implementing', 'Реализуют ЦМН', 14),
      field('implementingShare', 'Доля реализующих', 14, SHARE),
      countField('withCurator', 'С куратором', 12),
      field('withCuratorShare', 'Доля с куратором', 14, SHARE),
      field('draftsOnTimeShare', 'Проекты ИОМ в срок', 14, SHARE),
      countField('pairs', 'Пар/групп', 10),
      countField('routes', 'ИОМ', 10),
      countField('overdueTasks', 'Просроченных задач', 12),
    ]),
    tableSheet('Организации', 'Показатели по образовательным организациям', organisations, [
      field('name', 'Организация', 40),
      field('municipality', 'Муниципальное образование', 30),
      { key: 'implements', header: 'Реализует ЦМН', width: 12, cell: (o) => yesNo(o.implementsTargetModel) },
      ...targetModelDocumentKeys.map((k): Column<RegionOrganisationRow> => ({
        key: k,
        header: targetModelDocumentLabels[k],
        width: 24,
        cell: (o) => yesNo(o.documents[k]),
      })),
      { key: 'hasCurator', header: 'Куратор', width: 10, cell: (o) => yesNo(o.hasCurator) },
      countField('pairs', 'Пар/групп', 10),
      ...pairForms.map((form): Column<RegionOrganisationRow> => ({
        key: `form.${form}`,
        header: `Форма: ${pairFormLabels[form]}`,
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.pairsByForm[form],
      })),
      ...regionPairStatuses.map((status): Column<RegionOrganisationRow> => ({
        key: `status.${status}`,
        header: `Пар/групп: ${pairStatusLabels[status]}`,
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.pairsByStatus[status],
      })),
      countField('routes', 'ИОМ', 10),
      ...routeStages.map((stage): Column<RegionOrganisationRow> => ({
        key: `stage.${stage}`,
        header: `ИОМ: ${routeStageLabels[stage]}`,
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.routesByStage[stage],
      })),
      countField('openTasks', 'Открытых задач', 12),
      countField('overdueTasks', 'Просроченных задач', 12),
      countField('draftsDecided', 'Проектов ИОМ', 12),
      countField('draftsOnTime', 'В срок', 10),
      countField('practicesSubmitted', 'Практик предложено', 12),
      countField('practicesPublished', 'Практик опубликовано', 12),
      {
        key: 'trainedMentors',
        header: 'Наставников обучено',
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.trainedMentors ?? 0,
      },
      {
        key: 'incentivesGranted',
        header: 'Поощрений утверждено',
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.incentives.granted,
      },
      {
        key: 'mentorsRewarded',
        header: 'Наставников поощрено',
        width: 12,
        numFmt: COUNT,
        cell: (o) => o.incentives.mentorsRewarded,
      },
    ]),
  ];
}
