/**
 * The documents of a pair's work, built from its record: the personalised programme (each version) and the
 * mentor's final report. Pure, like pair-documents: the service gathers the record, names and organisation.
 */
import { localDateOf } from '@mentorflow/calendar';
import {
  isTaskActive,
  type FormedPair,
  type MentorFinalReport,
  type PersonalProgrammeVersion,
} from '@mentorflow/domain';
import {
  blank,
  documentDate,
  emptyLine,
  organisationHeading,
  paragraph,
  signature,
  table,
  type Block,
} from './document-kit';
import { formAndKinds, nameIn, termText, type PairDocumentContext } from './pair-documents';

/** The mentor who led the pair at `instant`: the last term begun by then (the first, for an earlier instant). */
const mentorAt = (pair: FormedPair, instant: string): string =>
  pair.mentorHistory.filter((term) => term.from <= instant).at(-1)?.mentorId ??
  pair.mentorHistory[0]?.mentorId ??
  pair.mentorId;

/** «Наставник: …», the mentees, the form and kinds: who the document is about. */
const pairLines = (pair: FormedPair, mentorId: string, context: PairDocumentContext): Block[] => [
  paragraph(`Наставник: ${nameIn(context, mentorId)}`, { indent: false }),
  paragraph(`Наставляемые: ${pair.menteeIds.map((id) => nameIn(context, id)).join(', ')}`, { indent: false }),
  paragraph(`Форма и вид наставничества: ${formAndKinds(pair).replace(/\n/g, '; ')}`, { indent: false }),
];

const numbered = (items: readonly string[]): Block[] =>
  items.length === 0
    ? [paragraph(blank(40), { indent: false })]
    : items.map((item, index) => paragraph(`${index + 1}) ${item}`, { indent: false }));

/**
 * The control points of the version: each interim control still held (a cancelled one was re-timed) and the
 * final control — the current task for the current version; for an earlier one, its end, where the final
 * control of that version stood (the decider times it at the programme's end).
 */
const controlRows = (pair: FormedPair, version: PersonalProgrammeVersion, current: boolean): string[][] => {
  const plan = pair.controlPlan;
  if (plan === undefined) return [];
  const due = (taskId: string | undefined) => (taskId === undefined ? undefined : pair.tasks[taskId]);
  const interim = plan.interimTaskIds
    .map(due)
    .filter((task) => task !== undefined && (isTaskActive(task) || task.status === 'done'))
    .map((task) => ['Промежуточный контроль', documentDate(task!.dueLocalDate)]);
  const final = current ? due(plan.finalTaskId)?.dueLocalDate : version.end;
  return [...interim, ['Итоговый контроль', documentDate(final)]];
};

/**
 * Персонализированная программа наставничества: one version (the first approval or an approved correction)
 * with its number and date, the directions, the difficulties, the activities and the control dates. What the
 * record does not hold (who answers for an activity, its expected result) is left blank for the hand.
 */
export const personalProgrammeDocument = (
  pair: FormedPair,
  version: PersonalProgrammeVersion,
  current: boolean,
  context: PairDocumentContext,
): Block[] => {
  const approvedOn = localDateOf(version.approvedAt, context.timeZone);
  const mentorId = mentorAt(pair, version.approvedAt);
  const controller = pair.controlPlan?.controller;
  return [
    ...organisationHeading(context.organisation),
    paragraph('УТВЕРЖДЕНА', { align: 'right', indent: false }),
    paragraph(`${nameIn(context, version.approvedBy)}`, { align: 'right', indent: false }),
    paragraph(documentDate(approvedOn), { align: 'right', indent: false, spaceAfter: 200 }),
    paragraph('ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА', { bold: true, align: 'center' }),
    paragraph(`Версия ${version.version} от ${documentDate(approvedOn)}`, { align: 'center', spaceAfter: 200 }),
    ...(version.reason === undefined ? [] : [paragraph(`Основание корректировки: ${version.reason}`)]),
    ...(version.comment === undefined ? [] : [paragraph(`Решение по корректировке: ${version.comment}`)]),
    ...pairLines(pair, mentorId, context),
    // The programme's own term ends with «г.»: no full stop after it.
    paragraph(`Срок реализации программы: ${termText(version.start, version.end)}`, { indent: false }),
    emptyLine(),
    paragraph('1. Направления наставничества', { bold: true, indent: false }),
    ...numbered(version.directions),
    paragraph('2. Профессиональные затруднения наставляемого', { bold: true, indent: false }),
    ...numbered(version.difficulties),
    paragraph('3. План мероприятий', { bold: true, indent: false }),
    table(
      ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Ожидаемый результат'],
      version.activities.map((activity, index) => [
        String(index + 1),
        activity.title,
        documentDate(activity.plannedDate),
        blank(10),
        blank(10),
      ]),
    ),
    paragraph('4. Контроль реализации программы', { bold: true, indent: false }),
    ...(controller === undefined
      ? []
      : [
          paragraph(
            `Контроль осуществляет ${controller.role === 'curator' ? 'куратор' : 'руководитель методической комиссии'}: ${nameIn(context, controller.personId)}`,
            { indent: false },
          ),
        ]),
    table(['Контрольная точка', 'Дата'], controlRows(pair, version, current)),
    ...signature('Наставник', nameIn(context, mentorId)),
    ...pair.menteeIds.flatMap((id) => signature('Наставляемый', nameIn(context, id))),
  ];
};

/** Отчёт наставника по итогам наставничества: the pair, the term, the conclusion on adaptation, the proposals. */
export const mentorFinalReportDocument = (
  pair: FormedPair,
  report: MentorFinalReport,
  context: PairDocumentContext,
): Block[] => {
  const programme = pair.personalProgramme;
  return [
    ...organisationHeading(context.organisation),
    paragraph('ОТЧЁТ НАСТАВНИКА', { bold: true, align: 'center' }),
    paragraph('по итогам наставничества', { bold: true, align: 'center', spaceAfter: 200 }),
    ...pairLines(pair, report.mentorId, context),
    paragraph(`Срок наставничества: ${termText(pair.term.start, pair.term.end)}`, { indent: false }),
    ...(programme === undefined
      ? []
      : [
          paragraph(`Срок реализации персонализированной программы: ${termText(programme.start, programme.end)}`, {
            indent: false,
          }),
        ]),
    emptyLine(),
    paragraph('1. Заключение о результатах адаптации наставляемого', { bold: true, indent: false }),
    paragraph(report.conclusion),
    ...(report.proposals === undefined
      ? []
      : [paragraph('2. Предложения по дальнейшей работе', { bold: true, indent: false }), paragraph(report.proposals)]),
    ...signature(
      `Наставник, ${documentDate(localDateOf(report.submittedAt, context.timeZone))}`,
      nameIn(context, report.mentorId),
    ),
  ];
};
