/**
 * Аналитическая справка of an organisation's monitoring for a period (002 §10), written from the report data:
 * the organisation and routes reports at the start and the end of the period, in prose with the numbers and
 * in tables. Pure: the reports service gathers the figures with the reports' access rules.
 */
import { monitoringIndicatorDefinitions, monitoringUnitLabels, type MonitoringIndicator } from '@mentorflow/domain';
import { targetModelDocumentKeys, targetModelDocumentLabels, type CountRow } from '@mentorflow/projections';
import type { PeriodFigures } from '../reports/reports.service';
import {
  documentDate,
  emptyLine,
  nameOrBlank,
  organisationHeading,
  paragraph,
  signature,
  table,
  type Block,
} from './document-kit';

/** 0.4567 → «45,7 %»; no share (nothing to divide by) → «—». */
const percent = (share: number | null): string =>
  share === null ? '—' : `${(share * 100).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} %`;

/** « (успешно — 50 % проведённых)», or nothing when there is nothing to divide by. */
const passed = (share: number | null, of: string): string =>
  share === null ? '' : ` (успешно — ${percent(share)} ${of})`;

const countOf = (rows: readonly CountRow<string>[] | undefined, key: string): number =>
  rows?.find((r) => r.key === key)?.count ?? 0;

/** A count table at the start and the end of the period; rows empty at both ends are left out. */
const startAndEnd = (
  title: string,
  start: readonly CountRow<string>[] | undefined,
  end: readonly CountRow<string>[],
): Block =>
  table(
    [title, 'На начало периода', 'На конец периода'],
    end
      .filter((row) => row.count > 0 || countOf(start, row.key) > 0)
      .map((row) => [row.label, String(countOf(start, row.key)), String(row.count)]),
  );

const heading = (text: string): Block => paragraph(text, { bold: true, indent: false });

export const monitoringReportDocument = (figures: PeriodFigures): Block[] => {
  const { start, end, routesStart, routesEnd, from, to } = figures;
  const period = `с ${documentDate(from)} по ${documentDate(to)}`;
  const pairsWithProgramme = end.controls.interim.reduce((total, row) => total + row.count, 0);
  const interimHeld = pairsWithProgramme - countOf(end.controls.interim, 'pending');
  const finalHeld = pairsWithProgramme - countOf(end.controls.final, 'pending');
  const mentees = end.mentorLoad.reduce((total, row) => total + row.mentees, 0);
  const overloaded = end.mentorLoad.filter((row) => row.mentees > 2).length;
  const openTasks = end.tasks.reduce((total, row) => total + row.open, 0);
  const overdueTasks = end.tasks.reduce((total, row) => total + row.overdue, 0);
  const results = end.monitoringResults.filter((r) => r.periodStart <= to && r.periodEnd >= from);
  const competences = routesEnd.competences.filter((c) => c.diagnosed > 0 || c.controlled > 0);
  const curatorId = end.programmes.find((p) => p.curatorId !== null)?.curatorId ?? undefined;
  const documents = end.targetModel.documents;
  return [
    ...organisationHeading(end.organisation),
    paragraph('АНАЛИТИЧЕСКАЯ СПРАВКА', { bold: true, align: 'center' }),
    paragraph('по итогам мониторинга реализации целевой модели наставничества', { align: 'center' }),
    paragraph(`за период ${period}`, { align: 'center', spaceAfter: 200 }),
    paragraph(
      `Справка подготовлена по данным учёта наставнической деятельности ${end.organisation.name} за период ${period} в соответствии с разделом 10 Положения об организации наставнической деятельности (мониторинг процесса реализации программ наставничества и мониторинг влияния программ на всех участников). Показатели приведены на начало и на конец периода.`,
    ),

    heading('1. Программа наставничества и документы целевой модели'),
    ...(end.programmes.length === 0
      ? [paragraph('Программа наставничества в организации не начата.')]
      : end.programmes.map((p) =>
          paragraph(
            `Программа «${p.title}»: на конец периода — ${p.stageLabel.toLowerCase()} этап (${p.daysInStage} дн. на этапе)${
              p.curatorId === null
                ? '; куратор не назначен'
                : `; куратор — ${nameOrBlank(figures.names.get(p.curatorId))}`
            }.`,
          ),
        )),
    paragraph(
      `Организация ${end.targetModel.implementsTargetModel ? 'реализует' : 'не реализует'} целевую модель наставничества: ${
        end.targetModel.implementsTargetModel
          ? 'имеются все документы, необходимые для её внедрения.'
          : 'имеются не все документы, необходимые для её внедрения.'
      } Куратор ${end.targetModel.hasCurator ? 'назначен' : 'не назначен'}.`,
    ),
    table(
      ['Документ', 'Наличие'],
      targetModelDocumentKeys.map((key) => [
        targetModelDocumentLabels[key],
        documents[key] ? 'имеется' : 'отсутствует',
      ]),
    ),
    emptyLine(),

    heading('2. Наставнические пары (группы)'),
    paragraph(
      `Наставнических пар (групп) на конец периода — ${end.pairs.total}, на начало периода — ${
        start?.pairs.total ?? 0
      }; за период сформировано ${figures.pairsFormed}, досрочно прекращено ${figures.pairsTerminated}. Действующих пар на конец периода — ${
        end.processMonitoring.activePairs
      }. Наставников с действующими парами — ${end.mentorLoad.length}, наставляемых у них — ${mentees}; наставников, у которых более двух наставляемых (п. 4.3 Положения), — ${overloaded}.`,
    ),
    startAndEnd('Состояние пары', start?.pairs.byStatus, end.pairs.byStatus),
    emptyLine(),
    startAndEnd('Форма наставничества (пары, не прекращённые досрочно)', start?.pairs.byForm, end.pairs.byForm),
    emptyLine(),
    startAndEnd('Вид наставничества (пары, не прекращённые досрочно)', start?.pairs.byKind, end.pairs.byKind),
    emptyLine(),

    heading('3. Промежуточный и итоговый контроль'),
    paragraph(
      `Пар с утверждённой персонализированной программой на конец периода — ${pairsWithProgramme}. Промежуточный контроль проведён у ${interimHeld} из них${passed(
        end.processMonitoring.interimControlPassedShare,
        'пар с программой',
      )}, итоговый контроль — у ${finalHeld}${passed(
        end.processMonitoring.finalControlPassedShare,
        'проведённых',
      )}. Просроченных контрольных мероприятий на конец периода — ${end.processMonitoring.overdueControlTasks}.`,
    ),
    startAndEnd('Промежуточный контроль', start?.controls.interim, end.controls.interim),
    emptyLine(),
    startAndEnd('Итоговый контроль', start?.controls.final, end.controls.final),
    emptyLine(),

    heading('4. Индивидуальные образовательные маршруты педагогов'),
    paragraph(
      `На конец периода ИОМ — ${routesEnd.totals.routes}, на начало периода — ${routesStart.totals.routes}; за период начато ${figures.routesCreated}, завершено ${figures.routesCompleted}. Записей в портфолио достижений — ${routesEnd.portfolio.entries} (маршрутов с записями — ${routesEnd.portfolio.routesWithEntries}).`,
    ),
    startAndEnd('Этап ИОМ', routesStart.totals.byStage, routesEnd.totals.byStage),
    ...(competences.length === 0
      ? []
      : [
          emptyLine(),
          table(
            [
              'Компетенция',
              'Входная диагностика: средний %',
              'Дефицитный уровень (входная)',
              'Контрольная диагностика: средний %',
              'Дефицитный уровень (контрольная)',
            ],
            competences.map((c) => [
              c.label,
              c.initialAverage === null ? '—' : String(c.initialAverage),
              String(c.initialDeficits),
              c.controlAverage === null ? '—' : String(c.controlAverage),
              String(c.controlDeficits),
            ]),
          ),
        ]),
    emptyLine(),

    heading('5. Задачи участников'),
    paragraph(`На конец периода открытых задач — ${openTasks}, из них просрочено — ${overdueTasks}.`),
    ...(end.tasks.length === 0
      ? []
      : [
          table(
            ['Кто исполняет', 'Открыто', 'Просрочено'],
            end.tasks.map((t) => [t.roleLabel, String(t.open), String(t.overdue)]),
          ),
        ]),
    emptyLine(),

    heading('6. Результаты мониторинга процесса и мониторинга влияния (раздел 10 Положения)'),
    ...(results.length === 0
      ? [paragraph('Результаты мониторинга за период не внесены.')]
      : [
          paragraph(`За период внесено результатов мониторинга — ${results.length}.`),
          table(
            ['Этап мониторинга', 'Показатель', 'Значение', 'Период', 'Комментарий'],
            results.map((r) => [
              r.stageLabel,
              r.indicatorLabel,
              `${r.value.toLocaleString('ru-RU')} ${
                monitoringUnitLabels[monitoringIndicatorDefinitions[r.indicator as MonitoringIndicator].unit]
              }`,
              `с ${documentDate(r.periodStart)} по ${documentDate(r.periodEnd)}`,
              r.comment ?? '',
            ]),
          ),
        ]),
    ...signature(
      'Куратор программы наставничества',
      curatorId === undefined ? undefined : figures.names.get(curatorId),
    ),
  ];
};
