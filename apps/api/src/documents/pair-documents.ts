/**
 * The paperwork of a pair, built from its record: the assignment order, each participant's written consent,
 * the order replacing a mentor and the order ending mentoring early. Pure: the service gathers the record,
 * the names (from the personal directory) and the organisation; these only lay them out.
 */
import { localDateOf } from '@mentorflow/calendar';
import {
  hasConsent,
  mentorReplacementReasonLabels,
  pairFormLabels,
  pairKindLabels,
  type FormedPair,
  type PairMentorTerm,
  type UnmetCondition,
} from '@mentorflow/domain';
import {
  acquaintance,
  documentDate,
  emptyLine,
  declinedName,
  nameOrBlank,
  orderHeading,
  paragraph,
  signature,
  table,
  type Block,
  type DocumentOrganisation,
} from './document-kit';

/** What every document of a pair draws on besides the pair itself. */
export interface PairDocumentContext {
  readonly organisation: DocumentOrganisation;
  readonly timeZone: string;
  /** Full names from the personal directory, by person id. */
  readonly names: ReadonlyMap<string, string>;
  /** The order approving the organisation's regulation on mentoring, when the programme recorded it. */
  readonly regulation?: { readonly number: string; readonly date: string };
}

const director = 'Руководитель организации';

export const nameIn = (context: PairDocumentContext, personId: string) => nameOrBlank(context.names.get(personId));

/** The pair as a refusal names it: its mentor and mentees, and its id. */
export const pairTitle = (pair: FormedPair, context: PairDocumentContext): string =>
  `${[pair.mentorHistory[0]?.mentorId ?? pair.mentorId, ...pair.menteeIds].map((id) => context.names.get(id) ?? id).join(' — ')} (${pair.pairId})`;

/** The mentor the formation order assigned (the first term), and every mentee. */
const formationParticipants = (pair: FormedPair) => [
  { personId: pair.mentorHistory[0]?.mentorId ?? pair.mentorId, who: 'наставника' },
  ...pair.menteeIds.map((personId) => ({ personId, who: 'наставляемого' })),
];

/** The consents an assignment order rests on that the record lacks (pairs recorded before they were required). */
export const missingConsents = (pair: FormedPair, context: PairDocumentContext): UnmetCondition[] =>
  formationParticipants(pair)
    .filter(({ personId }) => !hasConsent(pair.consents, personId))
    .map(({ personId, who }) => ({
      code: `consent.${personId}.missing`,
      message: `Пара ${pairTitle(pair, context)}: нет письменного согласия ${who} ${context.names.get(personId) ?? personId}`,
    }));

const consentDate = (pair: FormedPair, personId: string) =>
  pair.consents.filter((c) => c.personId === personId).at(-1)?.date;

export const formAndKinds = (pair: FormedPair) =>
  `${pairFormLabels[pair.form]}\n${pair.kinds.map((kind) => pairKindLabels[kind]).join('\n')}`;

export const termText = (from: string, to: string) => `с ${documentDate(from)} по ${documentDate(to)}`;

/**
 * «Положением …, утверждённым приказом от … № …» (or, `of`, «Положения …, утверждённого …»): the
 * organisation's regulation, the legal basis of each order.
 */
const regulationText = (context: PairDocumentContext, of = false) =>
  `${of ? 'Положения' : 'Положением'} об организации наставнической деятельности${
    context.regulation === undefined
      ? ''
      : `, ${of ? 'утверждённого' : 'утверждённым'} приказом от ${documentDate(context.regulation.date)} № ${context.regulation.number}`
  }`;

/** Приказ о закреплении наставнических пар (групп): every pair the same order assigned, one table row each. */
export const assignmentOrder = (pairs: readonly FormedPair[], context: PairDocumentContext): Block[] => {
  const [first] = pairs;
  if (first === undefined) return [];
  const people = pairs.flatMap((pair) => formationParticipants(pair).map(({ personId }) => personId));
  return [
    ...orderHeading(context.organisation, 'О закреплении наставнических пар (групп)', first.order),
    paragraph(
      `В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, ${regulationText(context)}, на основании письменных согласий наставников и наставляемых`,
    ),
    paragraph('ПРИКАЗЫВАЮ:', { bold: true, indent: false }),
    paragraph('1. Закрепить наставнические пары (группы) в следующем составе:'),
    table(
      ['№', 'Наставник', 'Наставляемые', 'Форма и вид наставничества', 'Срок наставничества', 'Письменное согласие'],
      pairs.map((pair, index) => [
        String(index + 1),
        nameIn(context, formationParticipants(pair)[0]!.personId),
        pair.menteeIds.map((id) => nameIn(context, id)).join('\n'),
        formAndKinds(pair),
        `${termText(pair.term.start, pair.term.end)}${pair.shortTermReason ? `\nСрок менее года: ${pair.shortTermReason}` : ''}`,
        formationParticipants(pair)
          .map(({ personId }) => `${nameIn(context, personId)}: ${documentDate(consentDate(pair, personId))}`)
          .join('\n'),
      ]),
    ),
    paragraph(
      '2. Наставникам совместно с наставляемыми разработать персонализированные программы наставничества и представить их на утверждение.',
    ),
    paragraph('3. Контроль за исполнением приказа оставляю за собой.'),
    ...signature(director),
    ...acquaintance([...new Set(people)].map((id) => nameIn(context, id))),
  ];
};

/** The participant's role and term: a mentor's own term (a replacing mentor's starts at the replacement). */
const participation = (pair: FormedPair, personId: string) => {
  const term = pair.mentorHistory.find((t) => t.mentorId === personId);
  if (term !== undefined) {
    // A replacing mentor's term starts on the replacement order's date.
    const from = term.replacementId === undefined ? pair.term.start : term.order.date;
    return { role: 'mentor' as const, from, to: pair.term.end };
  }
  if (pair.menteeIds.includes(personId)) return { role: 'mentee' as const, from: pair.term.start, to: pair.term.end };
  return undefined;
};

/** Whether `personId` is a participant of the pair a consent can be written for. */
export const isParticipant = (pair: FormedPair, personId: string): boolean =>
  pair.menteeIds.includes(personId) || pair.mentorHistory.some((t) => t.mentorId === personId);

/** Согласие: the mentor's (Labour Code art. 351.8) or a mentee's, prefilled for signature. */
export const consentDocument = (pair: FormedPair, personId: string, context: PairDocumentContext): Block[] => {
  const part = participation(pair, personId);
  if (part === undefined) return [];
  const name = nameIn(context, personId);
  const mentees = pair.menteeIds.map((id) => nameIn(context, id)).join(', ');
  const mentorId = part.role === 'mentor' ? personId : pair.mentorId;
  const statement =
    part.role === 'mentor'
      ? `Я, ${name}, в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации и ${regulationText(context)}, даю согласие на выполнение работы по наставничеству в отношении наставляемых: ${mentees}.`
      : `Я, ${name}, в соответствии с ${regulationText(context)}, даю согласие на участие в наставничестве в качестве наставляемого; наставник: ${nameIn(context, mentorId)}.`;
  return [
    paragraph(`Руководителю ${context.organisation.name}`, { align: 'right', indent: false }),
    paragraph(`от ${declinedName(context.names.get(personId), 'genitive')}`, { align: 'right', indent: false }),
    emptyLine(),
    paragraph('СОГЛАСИЕ', { bold: true, align: 'center' }),
    paragraph(part.role === 'mentor' ? 'на выполнение работы по наставничеству' : 'на участие в наставничестве', {
      bold: true,
      align: 'center',
      spaceAfter: 200,
    }),
    paragraph(statement),
    paragraph(`Форма и вид наставничества: ${formAndKinds(pair).replace(/\n/g, '; ')}.`),
    // The term ends with «г.»: no second full stop.
    paragraph(`Срок наставничества: ${termText(part.from, part.to)}`),
    paragraph(
      'Мне известно, что наставничество может быть прекращено досрочно по моему письменному заявлению, поданному не менее чем за три рабочих дня (статья 351.8 Трудового кодекса Российской Федерации).',
    ),
    emptyLine(),
    ...signature(documentDate(consentDate(pair, personId)), name),
  ];
};

/** The mentor term a replacement began (the latest, or the one `replacementId` names) and the term it ended. */
export const replacementOf = (
  pair: FormedPair,
  replacementId?: string,
): { readonly previous: PairMentorTerm; readonly next: PairMentorTerm } | undefined => {
  const matches = (t: PairMentorTerm) =>
    replacementId === undefined ? t.replacementId !== undefined : t.replacementId === replacementId;
  const index = pair.mentorHistory.map(matches).lastIndexOf(true);
  const previous = pair.mentorHistory[index - 1];
  const next = pair.mentorHistory[index];
  return index > 0 && previous !== undefined && next !== undefined ? { previous, next } : undefined;
};

/** Приказ о замене наставника: the ground (002 §4.7), the old and the new mentor, the date, the new consent. */
export const replacementOrder = (
  pair: FormedPair,
  { previous, next }: { readonly previous: PairMentorTerm; readonly next: PairMentorTerm },
  context: PairDocumentContext,
): Block[] => {
  const ground = previous.endReason === undefined ? '' : mentorReplacementReasonLabels[previous.endReason];
  const replacedOn = next.order.date;
  const mentees = pair.menteeIds.map((id) => nameIn(context, id)).join(', ');
  const [oldMentor, newMentor] = [nameIn(context, previous.mentorId), nameIn(context, next.mentorId)];
  const accusative = (personId: string) => declinedName(context.names.get(personId), 'accusative');
  return [
    ...orderHeading(context.organisation, 'О замене наставника', next.order),
    paragraph(
      `В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, пунктом 4.7 ${regulationText(context, true)}, в связи с основанием: ${ground.toLowerCase()}`,
    ),
    paragraph('ПРИКАЗЫВАЮ:', { bold: true, indent: false }),
    paragraph(
      `1. Освободить ${accusative(previous.mentorId)} от обязанностей наставника с ${documentDate(replacedOn)}`,
    ),
    paragraph(
      `2. Назначить наставником ${accusative(next.mentorId)} с ${documentDate(replacedOn)} до окончания срока наставничества ${documentDate(pair.term.end)}; персонализированная программа наставничества продолжается.`,
    ),
    table(
      [
        'Основание замены',
        'Прежний наставник',
        'Новый наставник',
        'Наставляемые',
        'Дата замены',
        'Согласие нового наставника',
      ],
      [
        [
          ground,
          oldMentor,
          newMentor,
          mentees.replace(/, /g, '\n'),
          documentDate(replacedOn),
          documentDate(consentDate(pair, next.mentorId)),
        ],
      ],
    ),
    paragraph('3. Контроль за исполнением приказа оставляю за собой.'),
    ...signature(director),
    ...acquaintance([previous.mentorId, next.mentorId, ...pair.menteeIds].map((id) => nameIn(context, id))),
  ];
};

/** Приказ о прекращении наставничества: early termination, on the director's order or a participant's notice. */
export const terminationOrder = (pair: FormedPair, context: PairDocumentContext): Block[] => {
  const termination = pair.termination;
  if (termination === undefined) return [];
  const { notice } = termination;
  const endedOn = termination.order?.date ?? notice?.endsOn ?? localDateOf(termination.terminatedAt, context.timeZone);
  const lastMentor = pair.mentorHistory.at(-1)?.mentorId ?? pair.mentorId;
  const ground =
    notice === undefined
      ? `по причине: ${termination.reason}`
      : `на основании письменного заявления ${notice.givenByRole === 'mentor' ? 'наставника' : 'наставляемого'} ${nameIn(context, notice.givenBy)} от ${documentDate(notice.noticeDate)}`;
  return [
    ...orderHeading(context.organisation, 'О прекращении наставничества', termination.order),
    paragraph(
      `В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, ${regulationText(context)}, ${ground}`,
    ),
    paragraph('ПРИКАЗЫВАЮ:', { bold: true, indent: false }),
    paragraph(
      `1. Прекратить досрочно с ${documentDate(endedOn)} наставничество наставника ${declinedName(context.names.get(lastMentor), 'genitive')} в отношении наставляемых: ${pair.menteeIds.map((id) => nameIn(context, id)).join(', ')}, закреплённых приказом от ${documentDate(pair.order.date)} № ${pair.order.number}.`,
    ),
    paragraph(`2. Причина прекращения: ${termination.reason}.`),
    paragraph('3. Контроль за исполнением приказа оставляю за собой.'),
    ...signature(director),
    ...acquaintance([lastMentor, ...pair.menteeIds].map((id) => nameIn(context, id))),
  ];
};
