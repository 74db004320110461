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
import type { CellValue, ReportSheet } from './report-export';

const yesNo = (value: boolean): string => (value ? 'да' : 'нет');

/** Full names by person id (PeopleDirectory.names, one call per export): a «ФИО» column beside each id column. */
export type PersonNames = ReadonlyMap<string, string>;
const nameColumn = (key: string, role: string, width = 36) => ({ key, header: `${role} (ФИО)`, width });
const SHARE = '0.0%';
const COUNT = '0';

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
    {
      name: 'Программы',
      title: 'Этапы программ наставничества',
      columns: [
        { key: 'title', header: 'Программа', width: 40 },
        { key: 'stage', header: 'Этап', width: 28 },
        { key: 'since', header: 'На этапе с', width: 22 },
        { key: 'days', header: 'Дней на этапе', width: 16, numFmt: COUNT },
      ],
      rows: report.programmes.map((p) => ({
        title: p.title,
        stage: p.stageLabel,
        since: p.stageEnteredAt.slice(0, 10),
        days: p.daysInStage,
      })),
    },
    breakdownSheet('Пары', 'Наставнические пары/группы по статусу, форме и виду', sliceHeadings(14, 50), [
      ['Статус', report.pairs.byStatus],
      ['Форма', report.pairs.byForm],
      ['Вид', report.pairs.byKind],
    ]),
    {
      name: 'Нагрузка наставников',
      title: 'Нагрузка наставников (действующие пары/группы)',
      columns: [
        { key: 'mentorId', header: 'Наставник (идентификатор)', width: 40 },
        nameColumn('mentorName', 'Наставник'),
        { key: 'activePairs', header: 'Пар/групп', width: 12, numFmt: COUNT },
        { key: 'mentees', header: 'Наставляемых', width: 14, numFmt: COUNT },
      ],
      rows: report.mentorLoad.map((r) => ({ ...r, mentorName: names.get(r.mentorId) ?? null })),
    },
    {
      name: 'Задачи',
      title: 'Открытые и просроченные задачи по ролям',
      columns: [
        { key: 'roleLabel', header: 'Роль', width: 36 },
        { key: 'open', header: 'Открыто', width: 12, numFmt: COUNT },
        { key: 'overdue', header: 'Просрочено', width: 12, numFmt: COUNT },
      ],
      rows: report.tasks.map((t) => ({ roleLabel: t.roleLabel, open: t.open, overdue: t.overdue })),
    },
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
    {
      name: 'Результаты мониторинга',
      title: 'Результаты мониторинга (002 §10), внесённые куратором',
      columns: [
        { key: 'stage', header: 'Этап мониторинга', width: 40 },
        { key: 'indicator', header: 'Показатель', width: 70 },
        { key: 'value', header: 'Значение', width: 12, numFmt: '0.##' },
        { key: 'unit', header: 'Единица', width: 14 },
        { key: 'periodStart', header: 'Период с', width: 12 },
        { key: 'periodEnd', header: 'по', width: 12 },
        { key: 'pairId', header: 'Пара/группа', width: 38 },
        { key: 'comment', header: 'Комментарий', width: 40 },
      ],
      rows: report.monitoringResults.map((r) => ({
        stage: r.stageLabel,
        indicator: r.indicatorLabel,
        value: r.value,
        unit: monitoringUnitLabels[monitoringIndicatorDefinitions[r.indicator as MonitoringIndicator].unit],
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        pairId: r.pairId,
        comment: r.comment,
      })),
    },
    incentivesSheet(report.incentives),
    associationsSheet(associations),
  ];
}

export function routesSheets(report: RoutesReport, names: PersonNames = new Map()): ReportSheet[] {
  return [
    {
      name: 'Компетенции',
      title: 'Уровень сформированности компетенций: входная и контрольная диагностика',
      columns: [
        { key: 'label', header: 'Область компетенций', width: 50 },
        { key: 'diagnosed', header: 'Диагностировано ИОМ', width: 14, numFmt: COUNT },
        { key: 'initialAverage', header: 'Входная, средний %', width: 14, numFmt: '0.00' },
        { key: 'initialHigh', header: 'Входная: высокий', width: 12, numFmt: COUNT },
        { key: 'initialBasic', header: 'Входная: базовый', width: 12, numFmt: COUNT },
        { key: 'initialDeficits', header: 'Входная: дефицит', width: 12, numFmt: COUNT },
        { key: 'controlled', header: 'Контрольная диагностика, ИОМ', width: 16, numFmt: COUNT },
        { key: 'controlAverage', header: 'Контрольная, средний %', width: 14, numFmt: '0.00' },
        { key: 'controlHigh', header: 'Контрольная: высокий', width: 12, numFmt: COUNT },
        { key: 'controlBasic', header: 'Контрольная: базовый', width: 12, numFmt: COUNT },
        { key: 'controlDeficits', header: 'Контрольная: дефицит', width: 12, numFmt: COUNT },
      ],
      rows: report.competences,
    },
    keyValueSheet('Портфолио', 'Активность в портфолио', [
      ['ИОМ всего', report.totals.routes],
      ['Записей в портфолио', report.portfolio.entries],
      ['ИОМ с записями в портфолио', report.portfolio.routesWithEntries],
      ['ИОМ с записями за последние 30 дней', report.portfolio.routesActiveLast30Days],
      ...report.totals.byStage.map((r): [string, CellValue] => [`ИОМ на этапе «${r.label}»`, r.count]),
    ]),
    {
      name: 'Методисты',
      title: 'Проекты ИОМ по методистам (10 рабочих дней)',
      columns: [
        { key: 'methodologistId', header: 'Методист (идентификатор)', width: 40 },
        nameColumn('methodologistName', 'Методист'),
        { key: 'draftsAwaited', header: 'Ожидалось проектов', width: 14, numFmt: COUNT },
        { key: 'delivered', header: 'Представлено', width: 14, numFmt: COUNT },
        { key: 'onTime', header: 'В срок', width: 10, numFmt: COUNT },
        { key: 'overdue', header: 'Просрочено (не представлено)', width: 16, numFmt: COUNT },
      ],
      rows: report.methodologists.map((r) => ({ ...r, methodologistName: names.get(r.methodologistId) ?? null })),
    },
    {
      name: 'Маршруты',
      title: 'Индивидуальные образовательные маршруты',
      columns: [
        { key: 'code', header: 'Код ИОМ', width: 22 },
        { key: 'stageLabel', header: 'Этап', width: 28 },
        { key: 'teacherId', header: 'Педагог (идентификатор)', width: 38 },
        nameColumn('teacherName', 'Педагог'),
        { key: 'methodologistId', header: 'Методист (идентификатор)', width: 38 },
        nameColumn('methodologistName', 'Методист'),
        { key: 'portfolioEntries', header: 'Записей в портфолио', width: 14, numFmt: COUNT },
        { key: 'draftOnTime', header: 'Проект в срок', width: 14 },
        { key: 'draftOverdue', header: 'Проект просрочен', width: 14 },
      ],
      rows: report.routes.map((r) => ({
        code: r.code,
        stageLabel: r.stageLabel,
        teacherId: r.teacherId,
        teacherName: names.get(r.teacherId) ?? null,
        methodologistId: r.methodologistId,
        methodologistName: names.get(r.methodologistId) ?? null,
        portfolioEntries: r.portfolioEntries,
        draftOnTime: r.draftDeliveredOnTime === null ? null : yesNo(r.draftDeliveredOnTime),
        draftOverdue: yesNo(r.draftOverdue),
      })),
    },
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
    {
      name: 'Муниципалитеты',
      title: 'Показатели по муниципальным образованиям',
      columns: [
        { key: 'municipality', header: 'Муниципальное образование', width: 36 },
        { key: 'organisations', header: 'Организаций', width: 12, numFmt: COUNT },
        { key: 'implementing', header: 'Реализуют ЦМН', width: 14, numFmt: COUNT },
        { key: 'implementingShare', header: 'Доля реализующих', width: 14, numFmt: SHARE },
        { key: 'withCurator', header: 'С куратором', width: 12, numFmt: COUNT },
        { key: 'withCuratorShare', header: 'Доля с куратором', width: 14, numFmt: SHARE },
        { key: 'draftsOnTimeShare', header: 'Проекты ИОМ в срок', width: 14, numFmt: SHARE },
        { key: 'pairs', header: 'Пар/групп', width: 10, numFmt: COUNT },
        { key: 'routes', header: 'ИОМ', width: 10, numFmt: COUNT },
        { key: 'overdueTasks', header: 'Просроченных задач', width: 12, numFmt: COUNT },
      ],
      rows: municipalities.map((m) => ({
        municipality: m.municipality,
        organisations: m.organisations,
        implementing: m.implementing,
        implementingShare: m.implementingShare,
        withCurator: m.withCurator,
        withCuratorShare: m.withCuratorShare,
        draftsOnTimeShare: m.draftsOnTimeShare,
        pairs: m.pairs,
        routes: m.routes,
        overdueTasks: m.overdueTasks,
      })),
    },
    {
      name: 'Организации',
      title: 'Показатели по образовательным организациям',
      columns: [
        { key: 'name', header: 'Организация', width: 40 },
        { key: 'municipality', header: 'Муниципальное образование', width: 30 },
        { key: 'implements', header: 'Реализует ЦМН', width: 12 },
        ...targetModelDocumentKeys.map((k) => ({ key: k, header: targetModelDocumentLabels[k], width: 24 })),
        { key: 'hasCurator', header: 'Куратор', width: 10 },
        { key: 'pairs', header: 'Пар/групп', width: 10, numFmt: COUNT },
        ...pairForms.map((form) => ({
          key: `form.${form}`,
          header: `Форма: ${pairFormLabels[form]}`,
          width: 12,
          numFmt: COUNT,
        })),
        ...regionPairStatuses.map((status) => ({
          key: `status.${status}`,
          header: `Пар/групп: ${pairStatusLabels[status]}`,
          width: 12,
          numFmt: COUNT,
        })),
        { key: 'routes', header: 'ИОМ', width: 10, numFmt: COUNT },
        ...routeStages.map((stage) => ({
          key: `stage.${stage}`,
          header: `ИОМ: ${routeStageLabels[stage]}`,
          width: 12,
          numFmt: COUNT,
        })),
        { key: 'openTasks', header: 'Открытых задач', width: 12, numFmt: COUNT },
        { key: 'overdueTasks', header: 'Просроченных задач', width: 12, numFmt: COUNT },
        { key: 'draftsDecided', header: 'Проектов ИОМ', width: 12, numFmt: COUNT },
        { key: 'draftsOnTime', header: 'В срок', width: 10, numFmt: COUNT },
        { key: 'practicesSubmitted', header: 'Практик предложено', width: 12, numFmt: COUNT },
        { key: 'practicesPublished', header: 'Практик опубликовано', width: 12, numFmt: COUNT },
        { key: 'trainedMentors', header: 'Наставников обучено', width: 12, numFmt: COUNT },
        { key: 'incentivesGranted', header: 'Поощрений утверждено', width: 12, numFmt: COUNT },
        { key: 'mentorsRewarded', header: 'Наставников поощрено', width: 12, numFmt: COUNT },
      ],
      rows: organisations.map((o) => ({
        name: o.name,
        municipality: o.municipality,
        implements: yesNo(o.implementsTargetModel),
        ...Object.fromEntries(targetModelDocumentKeys.map((k) => [k, yesNo(o.documents[k])])),
        hasCurator: yesNo(o.hasCurator),
        pairs: o.pairs,
        ...Object.fromEntries(pairForms.map((form) => [`form.${form}`, o.pairsByForm[form]])),
        ...Object.fromEntries(regionPairStatuses.map((status) => [`status.${status}`, o.pairsByStatus[status]])),
        routes: o.routes,
        ...Object.fromEntries(routeStages.map((stage) => [`stage.${stage}`, o.routesByStage[stage]])),
        openTasks: o.openTasks,
        overdueTasks: o.overdueTasks,
        draftsDecided: o.draftsDecided,
        draftsOnTime: o.draftsOnTime,
        practicesSubmitted: o.practicesSubmitted,
        practicesPublished: o.practicesPublished,
        trainedMentors: o.trainedMentors ?? 0,
        incentivesGranted: o.incentives.granted,
        mentorsRewarded: o.incentives.mentorsRewarded,
      })),
    },
  ];
}
