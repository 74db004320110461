// Correcting the approved personalised programme (002 §2 «планирование и коррекция»): the mentor proposes a
// new version with the reason, the commission head or the curator approves it or returns it.
import { isIsoDate, utcMidnight } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import { isTaskActive } from '../task/task.state';
import type { DecideProgrammeCorrection, ProposeProgrammeCorrection } from './pair.commands';
import type { PairControlTask, PairEvent } from './pair.events';
import {
  controlTaskProblems,
  optionalText,
  personalProgrammeProblems,
  refuseProgrammeOutsideTerm,
  requireText,
} from './pair.rules';
import { type PairState, type ProposedCorrection } from './pair.state';
import { approvePersonalProgramme } from './pair.formation';
import { controllers, raiseTask, requireActive, requireOpen, requireRole, taskTitles } from './pair.guards';
import { taskCompleted } from '../task/task.state';

export const proposeProgrammeCorrection = (
  { data, metadata }: ProposeProgrammeCorrection,
  current: PairState,
): PairEvent[] => {
  if (requireOpen(current).status === 'formed') return proposeFirstProgramme({ data, metadata }, current);
  const pair = requireActive(current);
  if (metadata.actorId !== pair.mentorId) {
    return refuse(
      'pair.forbidden',
      'Корректировку персонализированной программы предлагает текущий наставник пары/группы',
    );
  }
  if (pair.pendingCorrection !== undefined) {
    return refuse(
      'pair.correction.pending',
      'Предыдущая корректировка программы ещё не рассмотрена руководителем методической комиссии или куратором',
    );
  }
  const reason = requireText(data.reason, 'correction.reason', 'причина корректировки программы');
  const problems = [
    ...unmetIf(isMissing(data.correctionId), 'correction.id.empty', 'Не указан идентификатор корректировки'),
    ...personalProgrammeProblems({ ...data, controller: pair.controlPlan.controller }),
  ];
  const start = isIsoDate(data.start) ? utcMidnight(data.start) : undefined;
  if (problems.length > 0 || start === undefined) {
    return refuse('pair.correction.invalid', 'Скорректированная программа заполнена неверно', problems);
  }
  refuseProgrammeOutsideTerm(start, data, pair.term);
  // A correction cannot move the programme past controls already held: its end stays after every open interim control.
  const interimAfterEnd = pair.controlPlan.interimTaskIds.some((id) => {
    const task = pair.tasks[id];
    return task !== undefined && isTaskActive(task) && (task.dueLocalDate ?? '') > data.end;
  });
  if (interimAfterEnd) {
    return refuse(
      'pair.correction.interimAfterEnd',
      'Промежуточный контроль назначен позже новой даты окончания программы: окончание должно быть позже него',
    );
  }
  return [
    proposalEvent(pair.pairId, { ...data, reason }, metadata),
    // The mentor's correction task, raised by a "needs correction" control, is done once a version is proposed.
    ...Object.values(pair.tasks)
      .filter((task) => task.kind === 'programmeCorrection' && isTaskActive(task))
      .map((task) => taskCompleted(task.taskId, metadata, 'proposed')),
  ];
};

/**
 * Before any approval the mentor may propose the first programme (issue 26): the same proposal, checked the
 * same way except for the controls, which the approval plans. The controller is chosen when it is approved.
 */
const proposeFirstProgramme = (
  { data, metadata }: Pick<ProposeProgrammeCorrection, 'data' | 'metadata'>,
  current: PairState,
): PairEvent[] => {
  const pair = requireOpen(current);
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Персонализированную программу предлагает наставник пары/группы');
  }
  if (pair.pendingCorrection !== undefined) {
    return refuse(
      'pair.correction.pending',
      'Предложенная программа ещё не рассмотрена руководителем методической комиссии или куратором',
    );
  }
  const reason = requireText(data.reason, 'correction.reason', 'пояснение к программе');
  const problems = [
    ...unmetIf(isMissing(data.correctionId), 'correction.id.empty', 'Не указан идентификатор предложения'),
    // The controller is named at approval; the proposal carries none.
    ...personalProgrammeProblems({ ...data, controller: { personId: metadata.actorId, role: 'curator' } }),
  ];
  const start = isIsoDate(data.start) ? utcMidnight(data.start) : undefined;
  if (problems.length > 0 || start === undefined) {
    return refuse('pair.correction.invalid', 'Персонализированная программа заполнена неверно', problems);
  }
  refuseProgrammeOutsideTerm(start, data, pair.term);
  return [proposalEvent(pair.pairId, { ...data, reason }, metadata)];
};

const trimmed = (list: readonly string[]) => list.filter((d) => !isMissing(d)).map((d) => d.trim());

const proposalEvent = (
  pairId: string,
  data: ProposeProgrammeCorrection['data'],
  metadata: ProposeProgrammeCorrection['metadata'],
): PairEvent => ({
  type: 'PersonalProgrammeCorrectionProposed',
  data: {
    pairId,
    correctionId: data.correctionId,
    reason: data.reason,
    start: data.start,
    end: data.end,
    directions: trimmed(data.directions),
    activities: data.activities.map(({ title, plannedDate }) => ({ title: title.trim(), plannedDate })),
    difficulties: trimmed(data.difficulties),
    proposedAt: metadata.now,
    proposedBy: metadata.actorId,
  },
});

/** The first programme's approval is ApprovePersonalProgramme's, naming the proposal it accepts. */
const approveFirstProgramme = (
  { data, metadata }: DecideProgrammeCorrection,
  current: PairState,
  proposed: ProposedCorrection,
): PairEvent[] => {
  const controller =
    data.controller ??
    (metadata.role === 'commissionHead' || metadata.role === 'curator'
      ? { personId: metadata.actorId, role: metadata.role }
      : undefined);
  if (controller === undefined) {
    return refuse(
      'pair.correction.controllerMissing',
      'Укажите, кто контролирует пару/группу: руководитель методической комиссии или куратор',
    );
  }
  if (data.interimControl === undefined || data.finalControl === undefined) {
    return refuse('pair.control.invalid', 'План контроля пары/группы не рассчитан');
  }
  const { start, end, directions, activities, difficulties } = proposed;
  const [approved, ...raised] = approvePersonalProgramme(
    {
      type: 'ApprovePersonalProgramme',
      data: {
        start,
        end,
        directions,
        activities,
        difficulties,
        controller,
        interimControl: data.interimControl,
        finalControl: data.finalControl,
        ...(data.mentorReport === undefined ? {} : { mentorReport: data.mentorReport }),
        ...(data.reportPeriodMonths === undefined ? {} : { reportPeriodMonths: data.reportPeriodMonths }),
      },
      metadata,
    },
    current,
  );
  const comment = optionalText(data.comment, 'correction.comment', 'комментарий');
  return approved?.type === 'PersonalProgrammeApproved'
    ? [
        {
          ...approved,
          data: {
            ...approved.data,
            correctionId: proposed.correctionId,
            ...(comment === undefined ? {} : { comment }),
          },
        },
        ...raised,
      ]
    : [];
};

export const decideProgrammeCorrection = (
  { data, metadata }: DecideProgrammeCorrection,
  current: PairState,
): PairEvent[] => {
  const first = requireOpen(current).status === 'formed';
  const pair = first ? requireOpen(current) : requireActive(current);
  requireRole(
    metadata,
    controllers,
    'Корректировку программы утверждает руководитель методической комиссии, куратор или администратор',
  );
  const proposed = pair.pendingCorrection;
  if (proposed === undefined || proposed.correctionId !== data.correctionId) {
    return refuse('pair.correction.notFound', 'Нет предложенной корректировки программы с таким идентификатором');
  }
  if (first && data.decision === 'approved') {
    return approveFirstProgramme({ type: 'DecideProgrammeCorrection', data, metadata }, current, proposed);
  }
  if (data.decision === 'returned') {
    const comment = requireText(data.comment, 'correction.comment', 'комментарий: что доработать в программе');
    return [
      {
        type: 'PersonalProgrammeCorrectionReturned',
        data: {
          pairId: pair.pairId,
          correctionId: proposed.correctionId,
          comment,
          returnedAt: metadata.now,
          returnedBy: metadata.actorId,
        },
      },
    ];
  }
  if (data.decision !== 'approved') {
    return refuse('pair.correction.decisionUnknown', `Неизвестное решение: «${String(data.decision)}»`);
  }
  const active = requireActive(current);
  const comment = optionalText(data.comment, 'correction.comment', 'комментарий');
  const endMoved = proposed.end !== active.personalProgramme.end;
  const retimed = endMoved ? retimeControls(active, proposed, data, metadata.now) : { events: [], ids: {} };
  const version = (active.personalProgrammeVersions?.length ?? 1) + 1;
  return [
    {
      type: 'PersonalProgrammeCorrected',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        correctionId: proposed.correctionId,
        version,
        ...(comment === undefined ? {} : { comment }),
        ...retimed.ids,
        approvedAt: metadata.now,
        approvedBy: metadata.actorId,
      },
    },
    ...retimed.events,
  ];
};

type ActivePair = ReturnType<typeof requireActive>;

/** The end moved: the final control and the mentor's report move with it (old tasks cancelled, new raised). */
const retimeControls = (
  pair: ActivePair,
  proposed: { readonly start: string; readonly end: string },
  data: DecideProgrammeCorrection['data'],
  now: string,
): { events: PairEvent[]; ids: { finalTaskId?: string; mentorReportTaskId?: string } } => {
  const window = { start: proposed.start, end: proposed.end };
  const taken = new Set(Object.keys(pair.tasks));
  const finalTask = pair.tasks[pair.controlPlan.finalTaskId];
  const reportId = pair.controlPlan.mentorReportTaskId;
  const reportTask = reportId === undefined ? undefined : pair.tasks[reportId];
  const reportOpen = reportTask !== undefined && isTaskActive(reportTask);
  const problems = [
    ...controlTaskProblems(data.finalControl, 'final', 'итоговый контроль', window, taken),
    ...(reportOpen
      ? controlTaskProblems(
          data.mentorReport,
          'mentorReport',
          'отчёт наставника',
          window,
          new Set([...taken, data.finalControl?.taskId ?? '']),
        )
      : []),
  ];
  if (problems.length > 0 || data.finalControl === undefined) {
    return refuse('pair.control.invalid', 'Сроки контроля по новой дате окончания рассчитаны неверно', problems);
  }
  const reason = 'Срок перенесён корректировкой персонализированной программы';
  const cancel = (taskId: string): PairEvent => ({
    type: 'TaskCancelled',
    data: { taskId, cancelledAt: now, reason },
  });
  const events: PairEvent[] = [];
  const finalControl: PairControlTask = data.finalControl;
  if (finalTask !== undefined && isTaskActive(finalTask)) {
    events.push(
      cancel(finalTask.taskId),
      raiseTask(pair, finalControl, 'finalControl', taskTitles.final, finalTask.assignee, now),
    );
  }
  const mentorReport = data.mentorReport;
  if (reportOpen && mentorReport !== undefined) {
    events.push(
      cancel(reportTask.taskId),
      raiseTask(pair, mentorReport, 'finalControl', taskTitles.mentorReport, reportTask.assignee, now),
    );
  }
  return {
    events,
    ids: {
      finalTaskId: finalControl.taskId,
      ...(reportOpen && mentorReport !== undefined ? { mentorReportTaskId: mentorReport.taskId } : {}),
    },
  };
};
