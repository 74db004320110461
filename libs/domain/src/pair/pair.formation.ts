// Forming a pair or group and approving its personalised programme.
import { type UnmetCondition } from '../shared/refusal';
import { isIsoDate, lastDayOfMonths, russianDate, utcMidnight } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { TaskAssignee } from '../task/task.events';
import type { ApprovePersonalProgramme, FormPair } from './pair.commands';
import { pairKindsOf, type PairControlTask, type PairEvent } from './pair.events';
import {
  pairControlPlanProblems,
  formationDateProblems,
  formPairProblems,
  hasConsent,
  pairConsentProblems,
  pairMinimumTermMonths,
  personalProgrammeProblems,
  refuseProgrammeOutsideTerm,
  requireOrder,
} from './pair.rules';
import { isFormedPair, type PairState } from './pair.state';
import { approvers, formers, raiseTask, requireOpen, requireRole, taskTitles } from './pair.guards';

export const formPair = ({ data, metadata }: FormPair, state: PairState): PairEvent[] => {
  if (isFormedPair(state)) return refuse('pair.alreadyFormed', 'Наставническая пара/группа уже сформирована');
  requireRole(
    metadata,
    formers,
    'Закреплять наставнические пары/группы может руководитель организации, куратор или администратор',
  );

  const menteeIds = data.menteeIds ?? [];
  const problems = formPairProblems(data);
  if (problems.length > 0)
    return refuse('pair.invalid', 'Сведения о наставнической паре/группе заполнены неверно', problems);

  const order = requireOrder(data.order);
  const kinds = pairKindsOf(data);

  const start = isIsoDate(data.term?.start) ? utcMidnight(data.term.start) : undefined;
  const termProblems: UnmetCondition[] = [
    ...unmetIf(
      start === undefined,
      'term.start.invalid',
      'Дата начала наставничества должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...unmetIf(
      !isIsoDate(data.term?.end),
      'term.end.invalid',
      'Дата окончания наставничества должна быть в формате ГГГГ-ММ-ДД',
    ),
    ...unmetIf(
      start !== undefined && isIsoDate(data.term.end) && data.term.end < data.term.start,
      'term.endBeforeStart',
      'Дата окончания наставничества раньше даты начала',
    ),
  ];
  if (start === undefined || termProblems.length > 0)
    return refuse('pair.term.invalid', 'Срок наставничества указан неверно', termProblems);
  const yearEnd = lastDayOfMonths(start, pairMinimumTermMonths);
  if (data.term.end < yearEnd && isMissing(data.shortTermReason)) {
    return refuse(
      'pair.term.tooShort',
      `Наставник, как правило, закрепляется не менее чем на один год (до ${russianDate(yearEnd)}); для более короткого срока укажите причину`,
    );
  }

  const participants = [
    { personId: data.mentorId, who: 'наставника' },
    ...menteeIds.map((personId) => ({ personId, who: 'наставляемого' })),
  ];
  const consents = data.consents ?? [];
  const missing = participants
    .filter(({ personId }) => !hasConsent(consents, personId))
    .map(({ personId, who }) => ({
      code: `consent.${personId}.missing`,
      message: `Нет письменного согласия ${who} (${personId})`,
    }));
  if (missing.length > 0) {
    return refuse(
      'pair.consent.missing',
      'Закрепление возможно только с письменного согласия наставника и каждого наставляемого',
      missing,
    );
  }
  const consentProblems = pairConsentProblems(consents, participants, order);
  if (consentProblems.length > 0)
    return refuse('pair.consent.invalid', 'Письменные согласия оформлены неверно', consentProblems);
  const dateProblems = formationDateProblems(consents, participants, order, metadata);
  if (dateProblems.length > 0)
    return refuse('pair.date.inFuture', 'Даты согласий и приказа не могут быть позже сегодняшнего дня', dateProblems);

  if (data.capacityReserved !== true) {
    return refuse(
      'pair.capacity.notReserved',
      'Не подтверждено, что у наставника есть свободные места для наставляемых',
    );
  }

  return [
    {
      type: 'PairFormed',
      data: {
        pairId: data.pairId,
        programmeId: data.programmeId,
        organisationId: data.organisationId,
        form: data.form,
        kind: kinds[0] ?? data.kind,
        kinds: [...kinds],
        mentorId: data.mentorId,
        menteeIds: [...menteeIds],
        consents: consents.map(({ personId, date }) => ({ personId, date })),
        order,
        term: { start: data.term.start, end: data.term.end },
        ...(isMissing(data.shortTermReason) ? {} : { shortTermReason: (data.shortTermReason ?? '').trim() }),
        mentorEligibilityWarnings: [...(data.mentorEligibilityWarnings ?? [])],
        status: 'formed',
        formedAt: metadata.now,
        formedBy: metadata.actorId,
      },
    },
  ];
};

export const approvePersonalProgramme = (
  { data, metadata }: ApprovePersonalProgramme,
  current: PairState,
): PairEvent[] => {
  const pair = requireOpen(current);
  if (pair.status === 'active') {
    return refuse(
      'pair.programme.alreadyApproved',
      'Персонализированная программа наставничества этой пары/группы уже утверждена',
    );
  }
  requireRole(
    metadata,
    approvers,
    'Утверждать персонализированную программу может руководитель методической комиссии, куратор, руководитель организации или администратор',
  );

  const directions = (data.directions ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const difficulties = (data.difficulties ?? []).filter((d) => !isMissing(d)).map((d) => d.trim());
  const activities = data.activities ?? [];
  const start = isIsoDate(data.start) ? utcMidnight(data.start) : undefined;
  const problems = personalProgrammeProblems(data);
  if (problems.length > 0 || start === undefined) {
    return refuse('pair.programme.invalid', 'Персонализированная программа наставничества заполнена неверно', problems);
  }

  refuseProgrammeOutsideTerm(start, data, pair.term);

  const controlProblems = pairControlPlanProblems(
    data,
    { start: data.start, end: data.end },
    new Set(Object.keys(pair.tasks)),
  );
  if (controlProblems.length > 0)
    return refuse('pair.control.invalid', 'План контроля пары/группы составлен неверно', controlProblems);
  const months = data.reportPeriodMonths;
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 12)) {
    return refuse('pair.programme.reportPeriod', 'Периодичность отчётов: целое число месяцев от 1 до 12');
  }

  const { interimControl, finalControl, mentorReport, controller } = data;
  const due = ({ taskId, dueAt, dueLocalDate }: PairControlTask) => ({ taskId, dueAt, dueLocalDate });
  const controllerAssignee: TaskAssignee = { personId: controller.personId, role: controller.role };
  return [
    {
      type: 'PersonalProgrammeApproved',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        ...(isMissing(data.programmeDocId) ? {} : { programmeDocId: data.programmeDocId }),
        start: data.start,
        end: data.end,
        directions,
        activities: activities.map(({ title, plannedDate }) => ({ title: title.trim(), plannedDate })),
        difficulties,
        controller: { personId: controller.personId, role: controller.role },
        interimControl: due(interimControl),
        finalControl: due(finalControl),
        ...(mentorReport === undefined ? {} : { mentorReport: due(mentorReport) }),
        ...(months === undefined ? {} : { reportPeriodMonths: months }),
        status: 'active',
        approvedAt: metadata.now,
        approvedBy: metadata.actorId,
      },
    },
    raiseTask(pair, interimControl, 'interimControl', taskTitles.interim, controllerAssignee, metadata.now),
    ...(mentorReport === undefined
      ? []
      : [
          raiseTask(
            pair,
            mentorReport,
            'finalControl',
            taskTitles.mentorReport,
            { personId: pair.mentorId, role: 'mentor' },
            metadata.now,
          ),
        ]),
    raiseTask(pair, finalControl, 'finalControl', taskTitles.final, controllerAssignee, metadata.now),
  ];
};
