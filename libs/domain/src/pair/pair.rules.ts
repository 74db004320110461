/**
 * What a pair's commands must satisfy, as lists of unmet conditions: the decider refuses with them,
 * and the API and the workflow call the same functions to check a request before sending it.
 */
import { type UnmetCondition } from '../shared/refusal';
import {
  isEndOfLocalDay,
  isIsoDate,
  lastDayOfMonths,
  localDateHasBegun,
  notInFutureProblems,
  parseInstant,
  russianDate,
  utcMidnight,
} from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import { isMentorEligibilityWarning } from '../participant/participant.events';
import type { ApprovePersonalProgramme, FormPair, PairEntry, ReplaceMentor } from './pair.commands';
import {
  isMentorReplacementReason,
  isPairForm,
  isPairKind,
  pairKindsOf,
  type PairConsent,
  type PairController,
  type PairControlTask,
  type PairOrder,
  type PersonalProgrammePlan,
} from './pair.events';
import { mentorReplacementReasonLabels } from './pair.labels';
import { isFormedPair, type FormedPair, type PairState } from './pair.state';

/** Diary entries, reports and conclusions are prose, not attachments: bounded so a stream stays small. */
export const pairTextMaxLength = 4000;
/** 002 §4.5: a mentor is assigned, as a rule, for at least a year. */
export const pairMinimumTermMonths = 12;
/** 002 §2: a personalised programme runs from 3 months to 1 year. */
export const personalProgrammeMinMonths = 3;
export const personalProgrammeMaxMonths = 12;

/** The repeat control after a "needs correction" outcome, unless the controller names a date: a month on. */
export const repeatControlDefaultDate = (today: string): string =>
  lastDayOfMonths((utcMidnight(today) ?? Date.parse(today)) + 86_400_000, 1);

/** Every problem with an order, listed: an order without number, date or signatory is no order. */
export const pairOrderProblems = (order: PairOrder | undefined): UnmetCondition[] =>
  order === undefined
    ? [{ code: 'order.missing', message: 'Не указан приказ руководителя' }]
    : [
        ...unmetIf(isMissing(order.number), 'order.number.empty', 'Не указан номер приказа'),
        ...unmetIf(!isIsoDate(order.date), 'order.date.invalid', 'Дата приказа должна быть в формате ГГГГ-ММ-ДД'),
        ...unmetIf(isMissing(order.signedBy), 'order.signedBy.empty', 'Не указано, кем подписан приказ'),
      ];

export const cleanOrder = (order: PairOrder): PairOrder => ({
  number: order.number.trim(),
  date: order.date,
  signedBy: order.signedBy.trim(),
});

export const requireOrder = (order: PairOrder | undefined): PairOrder => {
  const problems = pairOrderProblems(order);
  return order !== undefined && problems.length === 0
    ? cleanOrder(order)
    : refuse('pair.order.missing', 'Нет приказа руководителя с номером, датой и подписью', problems);
};

export const textProblems = (text: string | undefined, field: string, what: string): UnmetCondition[] =>
  isMissing(text)
    ? [{ code: `${field}.empty`, message: `Не заполнено: ${what}` }]
    : unmetIf(
        (text ?? '').trim().length > pairTextMaxLength,
        `${field}.tooLong`,
        `${what}: не более ${pairTextMaxLength} символов`,
      );

export const requireText = (text: string | undefined, field: string, what: string): string => {
  const problems = textProblems(text, field, what);
  const [first] = problems;
  return first === undefined ? (text ?? '').trim() : refuse(`pair.${first.code}`, first.message, problems);
};

/** A text the command may leave out: absent when blank, otherwise checked as `requireText` does. */
export const optionalText = (text: string | undefined, field: string, what: string): string | undefined =>
  isMissing(text) ? undefined : requireText(text, field, what);

export const warningProblems = (warnings: readonly string[] | undefined): UnmetCondition[] =>
  (warnings ?? [])
    .filter((warning) => !isMentorEligibilityWarning(warning))
    .map((warning) => ({
      code: 'mentorEligibilityWarnings.unknown',
      message: `Неизвестное замечание об отборе наставника: «${warning}»`,
    }));

export const hasConsent = (consents: readonly PairConsent[], personId: string): boolean =>
  consents.some((c) => c.personId === personId);

export const controlTaskProblems = (
  item: PairControlTask | undefined,
  name: string,
  what: string,
  window: { readonly start: string; readonly end: string },
  takenIds: ReadonlySet<string>,
): UnmetCondition[] => {
  if (item === undefined) return [{ code: `control.${name}.missing`, message: `Не запланирован ${what}` }];
  const dueAt = parseInstant(item.dueAt);
  const dueDate = isIsoDate(item.dueLocalDate) ? utcMidnight(item.dueLocalDate) : undefined;
  return [
    ...unmetIf(isMissing(item.taskId), `control.${name}.taskIdEmpty`, `Не указан идентификатор задачи: ${what}`),
    ...unmetIf(
      !isMissing(item.taskId) && takenIds.has(item.taskId),
      `control.${name}.taskIdTaken`,
      `Идентификатор задачи уже использован: ${what}`,
    ),
    ...unmetIf(dueAt === undefined, `control.${name}.dueAtInvalid`, `Срок (момент времени) указан неверно: ${what}`),
    ...unmetIf(
      dueDate === undefined,
      `control.${name}.dueDateInvalid`,
      `Дата срока должна быть в формате ГГГГ-ММ-ДД: ${what}`,
    ),
    ...unmetIf(
      dueDate !== undefined && (item.dueLocalDate < window.start || item.dueLocalDate > window.end),
      `control.${name}.outsideProgramme`,
      `Срок должен лежать в пределах программы (${russianDate(window.start)} — ${russianDate(window.end)}): ${what}`,
    ),
    ...unmetIf(
      dueAt !== undefined && dueDate !== undefined && !isEndOfLocalDay(dueAt, dueDate),
      `control.${name}.dueMismatch`,
      `Момент срока не совпадает с окончанием дня ${russianDate(item.dueLocalDate)}: ${what}`,
    ),
    ...unmetIf(
      (item.remindAt ?? []).some((at) => parseInstant(at) === undefined),
      `control.${name}.remindAtInvalid`,
      `Моменты напоминаний указаны неверно: ${what}`,
    ),
  ];
};

export const entryProblems = (pair: FormedPair, entry: PairEntry, now: string): UnmetCondition[] => {
  const date = isIsoDate(entry.date) ? utcMidnight(entry.date) : undefined;
  const nowTime = parseInstant(now) ?? Date.parse(now);
  return [
    ...unmetIf(isMissing(entry.entryId), 'entry.id.empty', 'Не указан идентификатор записи'),
    ...unmetIf(date === undefined, 'entry.date.invalid', 'Дата записи должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(
      date !== undefined && !localDateHasBegun(date, nowTime),
      'entry.date.inFuture',
      'Дата записи ещё не наступила',
    ),
    ...unmetIf(
      date !== undefined && entry.date < pair.term.start,
      'entry.date.beforeTerm',
      `Дата записи раньше начала наставничества (${russianDate(pair.term.start)})`,
    ),
    ...textProblems(entry.text, 'entry.text', 'текст записи'),
  ];
};

/** What a pair's formation needs besides the order, the term and the consents. */
export const formPairProblems = (data: FormPair['data']): UnmetCondition[] => {
  const menteeIds = data.menteeIds ?? [];
  const kinds = pairKindsOf(data);
  const group = kinds.includes('group');
  return [
    ...unmetIf(isMissing(data.pairId), 'pair.id.empty', 'Не указан идентификатор пары/группы'),
    ...unmetIf(isMissing(data.programmeId), 'pair.programmeId.empty', 'Не указана программа наставничества'),
    ...unmetIf(isMissing(data.organisationId), 'pair.organisationId.empty', 'Не указана организация'),
    ...unmetIf(isMissing(data.mentorId), 'mentor.empty', 'Не указан наставник'),
    ...unmetIf(!isPairForm(data.form), 'form.unknown', `Неизвестная форма наставничества: «${data.form}»`),
    ...kinds
      .filter((kind) => !isPairKind(kind))
      .map((kind) => ({ code: 'kind.unknown', message: `Неизвестный вид наставничества: «${kind}»` })),
    ...unmetIf(new Set(kinds).size !== kinds.length, 'kind.duplicate', 'Вид наставничества указан дважды'),
    // Kinds combine (002 §9.1.3), but «один на один» and «в группе» exclude each other.
    ...unmetIf(
      group && kinds.includes('traditional'),
      'kind.traditionalWithGroup',
      'Традиционное наставничество «один на один» не сочетается с наставничеством в группе',
    ),
    ...unmetIf(menteeIds.length === 0, 'mentees.empty', 'Не указан ни один наставляемый'),
    ...unmetIf(
      menteeIds.some((id) => isMissing(id)),
      'mentees.blankId',
      'Указан наставляемый без идентификатора',
    ),
    ...unmetIf(new Set(menteeIds).size !== menteeIds.length, 'mentees.duplicate', 'Наставляемый указан дважды'),
    ...unmetIf(
      menteeIds.includes(data.mentorId),
      'mentees.includesMentor',
      'Наставник не может быть наставляемым в своей паре/группе',
    ),
    // "Один на один" unless the kind is a group, and a group is from two mentees (002 §9.1.3).
    ...unmetIf(
      !group && menteeIds.length > 1,
      'mentees.tooManyForKind',
      'Несколько наставляемых допустимо только при наставничестве в группе',
    ),
    ...unmetIf(
      group && menteeIds.length === 1,
      'mentees.groupTooSmall',
      'В группе должно быть не менее двух наставляемых',
    ),
    ...warningProblems(data.mentorEligibilityWarnings),
  ];
};

/** Each consent belongs to a participant, is dated, and precedes the order. */
export const pairConsentProblems = (
  consents: readonly PairConsent[],
  participants: readonly { readonly personId: string }[],
  order: PairOrder,
): UnmetCondition[] =>
  consents.flatMap((consent): UnmetCondition[] => [
    ...unmetIf(
      !participants.some((p) => p.personId === consent.personId),
      `consent.${consent.personId}.notParticipant`,
      `Согласие ${consent.personId} не относится к участникам пары/группы`,
    ),
    ...unmetIf(
      !isIsoDate(consent.date),
      `consent.${consent.personId}.dateInvalid`,
      `Дата согласия ${consent.personId} должна быть в формате ГГГГ-ММ-ДД`,
    ),
    // The order is made "with the written consent" (004 slide 45), so consent comes first.
    ...unmetIf(
      isIsoDate(consent.date) && consent.date > order.date,
      `consent.${consent.personId}.afterOrder`,
      `Согласие ${consent.personId} датировано позже приказа о закреплении`,
    ),
  ]);

/**
 * Consents and the director's order are facts (defect 11): dated today at the latest, in the
 * organisation's zone. The term, a plan, may lie ahead.
 */
export const formationDateProblems = (
  consents: readonly PairConsent[],
  participants: readonly { readonly personId: string; readonly who: string }[],
  order: PairOrder,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => [
  ...consents.flatMap((consent) => {
    const who = participants.find((p) => p.personId === consent.personId)?.who ?? 'участника';
    return notInFutureProblems(
      consent.date,
      metadata,
      `consent.${consent.personId}.dateInFuture`,
      `Дата согласия ${who} (${consent.personId})`,
    );
  }),
  ...notInFutureProblems(order.date, metadata, 'order.date.inFuture', 'Дата приказа о закреплении'),
];

/**
 * Refuses a programme (its dates already valid: `start` is its first day) that does not last 3 months to
 * 1 year or leaves the term of the order.
 */
export const refuseProgrammeOutsideTerm = (
  start: number,
  programme: { readonly start: string; readonly end: string },
  term: { readonly start: string; readonly end: string },
): void => {
  const earliestEnd = lastDayOfMonths(start, personalProgrammeMinMonths);
  const latestEnd = lastDayOfMonths(start, personalProgrammeMaxMonths);
  if (programme.end < earliestEnd || programme.end > latestEnd) {
    refuse(
      'pair.programme.durationInvalid',
      `Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: окончание с ${russianDate(earliestEnd)} по ${russianDate(latestEnd)}`,
    );
  }
  if (programme.start < term.start || programme.end > term.end) {
    refuse(
      'pair.programme.outsideTerm',
      `Программа должна лежать в пределах срока наставничества по приказу (${russianDate(term.start)} — ${russianDate(term.end)})`,
    );
  }
};

/** The content of a personalised programme: dates, directions, difficulties, activities and its controller. */
export const personalProgrammeProblems = (
  data: PersonalProgrammePlan & { readonly controller: PairController },
): UnmetCondition[] => {
  const directions = (data.directions ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const difficulties = (data.difficulties ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const activities = data.activities ?? [];
  const start = isIsoDate(data.start) ? utcMidnight(data.start) : undefined;
  const endValid = isIsoDate(data.end);
  return [
    ...unmetIf(
      start === undefined,
      'programme.start.invalid',
      'Дата начала программы должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...unmetIf(!endValid, 'programme.end.invalid', 'Дата окончания программы должна быть в формате ГГГГ-ММ-ДД'),
    ...unmetIf(
      directions.length === 0,
      'programme.directions.empty',
      'Не указаны направления наставнической деятельности',
    ),
    ...unmetIf(
      difficulties.length === 0,
      'programme.difficulties.empty',
      'Не указаны профессиональные затруднения наставляемого, на которые направлена программа',
    ),
    ...unmetIf(activities.length === 0, 'programme.activities.empty', 'Не указан перечень мероприятий'),
    ...activities.flatMap((activity, index) =>
      unmetIf(
        isMissing(activity.title) ||
          !isIsoDate(activity.plannedDate) ||
          (start !== undefined && endValid && (activity.plannedDate < data.start || activity.plannedDate > data.end)),
        `programme.activity.${index + 1}.invalid`,
        `Мероприятие ${index + 1}: нужны название и плановая дата в пределах программы`,
      ),
    ),
    ...unmetIf(
      isMissing(data.controller?.personId) ||
        !(data.controller.role === 'commissionHead' || data.controller.role === 'curator'),
      'programme.controller.invalid',
      'Контроль проводит руководитель методической комиссии или куратор: укажите его',
    ),
  ];
};

/** The interim and final controls and the mentor's report: each well formed, in order, within the programme. */
export const pairControlPlanProblems = (
  data: ApprovePersonalProgramme['data'],
  window: { readonly start: string; readonly end: string },
  taken: ReadonlySet<string>,
): UnmetCondition[] => {
  const interimProblems = controlTaskProblems(data.interimControl, 'interim', 'промежуточный контроль', window, taken);
  const finalTaken = new Set([...taken, data.interimControl?.taskId ?? '']);
  const finalProblems = controlTaskProblems(data.finalControl, 'final', 'итоговый контроль', window, finalTaken);
  const reportProblems =
    data.mentorReport === undefined
      ? []
      : controlTaskProblems(
          data.mentorReport,
          'mentorReport',
          'отчёт наставника',
          window,
          new Set([...finalTaken, data.finalControl?.taskId ?? '']),
        );
  return [
    ...interimProblems,
    ...finalProblems,
    ...reportProblems,
    ...unmetIf(
      interimProblems.length === 0 &&
        finalProblems.length === 0 &&
        data.interimControl.dueLocalDate >= data.finalControl.dueLocalDate,
      'control.interim.notBeforeFinal',
      'Промежуточный контроль должен предшествовать итоговому',
    ),
    ...unmetIf(
      data.mentorReport !== undefined &&
        reportProblems.length === 0 &&
        finalProblems.length === 0 &&
        data.mentorReport.dueLocalDate > data.finalControl.dueLocalDate,
      'control.mentorReport.afterFinal',
      'Отчёт наставника должен быть готов не позже итогового контроля',
    ),
  ];
};

/**
 * Every condition a mentor replacement (002 §4.7) fails, for the API's pre-check and the workflow
 * alike. Authorisation is not here: it depends on who asks, not on the pair.
 */
export const validateMentorReplacement = (
  state: PairState,
  data: ReplaceMentor['data'],
  metadata?: { readonly now: string; readonly today?: string },
): UnmetCondition[] => {
  const formed = isFormedPair(state) ? state : undefined;
  const closed = formed !== undefined && (formed.status === 'completed' || formed.status === 'terminated');
  const consent = data.newMentorConsent;
  return [
    ...replacementConsentProblems(formed, data, metadata),
    ...unmetIf(formed === undefined, 'replacement.pairNotFormed', 'Наставническая пара/группа не сформирована'),
    ...unmetIf(closed, 'replacement.pairClosed', 'Наставничество в паре/группе завершено или прекращено'),
    ...unmetIf(isMissing(data.replacementId), 'replacement.idEmpty', 'Не указан идентификатор замены'),
    ...unmetIf(
      !isMentorReplacementReason(data.reason),
      'replacement.reasonUnknown',
      `Замена наставника возможна только по основаниям: ${Object.values(mentorReplacementReasonLabels).join('; ').toLowerCase()}`,
    ),
    ...unmetIf(isMissing(data.newMentorId), 'replacement.newMentorEmpty', 'Не указан новый наставник'),
    ...unmetIf(
      formed !== undefined && !isMissing(data.newMentorId) && data.newMentorId === formed.mentorId,
      'replacement.sameMentor',
      'Новый наставник совпадает с текущим',
    ),
    ...unmetIf(
      formed !== undefined && formed.menteeIds.includes(data.newMentorId),
      'replacement.newMentorIsMentee',
      'Новый наставник является наставляемым этой пары/группы',
    ),
    ...unmetIf(
      consent === undefined || consent.personId !== data.newMentorId || !isIsoDate(consent.date),
      'replacement.newMentorConsentMissing',
      'Нет датированного письменного согласия нового наставника',
    ),
    ...unmetIf(
      data.capacityReserved !== true,
      'replacement.capacityNotReserved',
      'Не подтверждено, что у нового наставника есть свободные места',
    ),
    ...(pairOrderProblems(data.order).length > 0
      ? [
          {
            code: 'replacement.orderMissing',
            message: 'Нет приказа руководителя о замене наставника с номером, датой и подписью',
          },
        ]
      : []),
    ...warningProblems(data.mentorEligibilityWarnings).map((p) => ({
      ...p,
      code: 'replacement.mentorEligibilityWarningUnknown',
    })),
  ];
};

/**
 * 002 §4.5 «при обоюдном согласии»: each mentee consents to the new mentor, and the order and the consents
 * are facts, dated no later than today. A request without `menteeConsents` is one sent before this rule
 * (a running workflow replaying it): it is judged as it was then.
 */
const replacementConsentProblems = (
  formed: FormedPair | undefined,
  data: ReplaceMentor['data'],
  metadata: { readonly now: string; readonly today?: string } | undefined,
): UnmetCondition[] => {
  if (data.menteeConsents === undefined) return [];
  const consents = data.menteeConsents;
  const menteeIds = formed?.menteeIds ?? [];
  const facts =
    metadata === undefined
      ? []
      : [
          ...notInFutureProblems(data.order?.date, metadata, 'replacement.order.dateInFuture', 'Дата приказа о замене'),
          ...notInFutureProblems(
            data.newMentorConsent?.date,
            metadata,
            'replacement.newMentorConsent.dateInFuture',
            'Дата согласия нового наставника',
          ),
          ...consents.flatMap((c) =>
            notInFutureProblems(
              c.date,
              metadata,
              `replacement.menteeConsent.${c.personId}.dateInFuture`,
              `Дата согласия наставляемого ${c.personId}`,
            ),
          ),
        ];
  return [
    ...menteeIds.flatMap((menteeId) =>
      unmetIf(
        !consents.some((c) => c.personId === menteeId && isIsoDate(c.date)),
        `replacement.menteeConsent.${menteeId}.missing`,
        `Нет датированного письменного согласия наставляемого ${menteeId} на замену наставника`,
      ),
    ),
    ...consents.flatMap((c) =>
      unmetIf(
        !menteeIds.includes(c.personId),
        `replacement.menteeConsent.${c.personId}.notMentee`,
        `Согласие ${c.personId} не относится к наставляемым этой пары/группы`,
      ),
    ),
    ...facts,
  ];
};
