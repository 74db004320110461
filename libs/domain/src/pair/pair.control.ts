// Interim and final control, the mentor's final report, completion and overdue tasks.
import type { CommandMetadata, Role } from '../shared/decider';
import { parseInstant, russianDate, todayOf } from '../shared/dates';
import { refuse, unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import { isTaskActive, requireCompletable, type TaskView } from '../task/task.state';
import type {
  CompleteFinalControl,
  CompletePair,
  MarkPairTaskOverdue,
  PassInterimControl,
  SubmitMentorFinalReport,
} from './pair.commands';
import type { PairEvent } from './pair.events';
import { controlTaskProblems, optionalText, pairTextMaxLength, requireText } from './pair.rules';
import { cancelOpenReportTasks } from './pair.reports';
import { type PairState } from './pair.state';
import {
  formers,
  raiseTask,
  requireActive,
  requireController,
  requireFormed,
  pairParties,
  requireOpen,
  requireRole,
  taskTitles,
} from './pair.guards';
import { taskCompleted } from '../task/task.state';

export const passInterimControl = ({ data, metadata }: PassInterimControl, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  requireController(metadata);
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  if (!pair.controlPlan.interimTaskIds.includes(task.taskId)) {
    return refuse('pair.control.wrongTask', 'Задача не относится к промежуточному контролю этой пары/группы');
  }
  if (data.outcome !== 'passed' && data.outcome !== 'needsCorrection') {
    return refuse('pair.control.outcomeUnknown', `Неизвестный результат контроля: «${String(data.outcome)}»`);
  }
  const comment = isMissing(data.comment) ? '' : data.comment.trim();
  if (comment.length > pairTextMaxLength) {
    return refuse('pair.control.commentTooLong', `Комментарий: не более ${pairTextMaxLength} символов`);
  }
  const base = {
    pairId: pair.pairId,
    programmeId: pair.programmeId,
    taskId: task.taskId,
    comment,
    controlledAt: metadata.now,
    controlledBy: metadata.actorId,
  };
  if (data.outcome === 'passed') {
    if (data.repeatControl !== undefined) {
      return refuse(
        'pair.interimControl.repeatNotExpected',
        'Повторный контроль назначается только при необходимости корректировки',
      );
    }
    return [
      { type: 'InterimControlPassed', data: { ...base, outcome: 'passed' } },
      taskCompleted(task.taskId, metadata, 'passed'),
    ];
  }
  if (comment === '') {
    return refuse('pair.control.commentRequired', 'Укажите, что требует корректировки');
  }
  if (data.repeatControl === undefined) {
    return refuse(
      'pair.interimControl.repeatRequired',
      'Назначьте срок повторного промежуточного контроля после корректировки',
    );
  }
  const finalDue = pair.tasks[pair.controlPlan.finalTaskId]?.dueLocalDate ?? pair.personalProgramme.end;
  const window = { start: pair.personalProgramme.start, end: finalDue };
  const taken = new Set(Object.keys(pair.tasks));
  const today = todayOf(metadata);
  const { repeatControl, correctionTask } = data;
  const problems = [
    ...controlTaskProblems(repeatControl, 'repeat', 'повторный промежуточный контроль', window, taken),
    // A planned date, but the corrected work is checked later, not before the control that asked for it.
    ...unmetIf(
      repeatControl.dueLocalDate < today,
      'control.repeat.inPast',
      `Дата повторного контроля не может быть раньше сегодняшнего дня (${russianDate(today)})`,
    ),
    ...(correctionTask === undefined
      ? []
      : [
          ...controlTaskProblems(
            correctionTask,
            'correction',
            'корректировка программы наставником',
            { start: window.start, end: repeatControl.dueLocalDate },
            new Set([...taken, repeatControl.taskId]),
          ),
        ]),
  ];
  if (problems.length > 0) return refuse('pair.control.invalid', 'Повторный контроль запланирован неверно', problems);
  return [
    {
      type: 'InterimControlFailed',
      data: {
        ...base,
        outcome: 'needsCorrection',
        repeatTaskId: repeatControl.taskId,
        ...(correctionTask === undefined ? {} : { correctionTaskId: correctionTask.taskId }),
      },
    },
    taskCompleted(task.taskId, metadata, 'needsCorrection'),
    raiseTask(pair, repeatControl, 'interimControl', taskTitles.interim, task.assignee, metadata.now),
    // 002 §2 «коррекция»: the mentor answers the control with a corrected programme before it is checked again.
    ...(correctionTask === undefined
      ? []
      : [
          raiseTask(
            pair,
            correctionTask,
            'programmeCorrection',
            taskTitles.correction,
            { personId: pair.mentorId, role: 'mentor' },
            metadata.now,
          ),
        ]),
  ];
};

export const submitMentorFinalReport = (
  { data, metadata }: SubmitMentorFinalReport,
  current: PairState,
): PairEvent[] => {
  const pair = requireActive(current);
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Отчёт по итогам наставничества представляет текущий наставник пары/группы');
  }
  if (pair.controlPlan.mentorReportTaskId !== data.taskId) {
    return refuse('pair.control.wrongTask', 'Задача не относится к отчёту наставника этой пары/группы');
  }
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, false);
  const conclusion = requireText(
    data.conclusion,
    'report.conclusion',
    'заключение о результатах адаптации наставляемого',
  );
  const proposals = optionalText(data.proposals, 'report.proposals', 'предложения по дальнейшей работе');
  return [
    {
      type: 'MentorFinalReportSubmitted',
      data: {
        pairId: pair.pairId,
        taskId: task.taskId,
        mentorId: pair.mentorId,
        conclusion,
        ...(proposals === undefined ? {} : { proposals }),
        submittedAt: metadata.now,
      },
    },
    taskCompleted(task.taskId, metadata, 'submitted'),
  ];
};

export const completeFinalControl = ({ data, metadata }: CompleteFinalControl, current: PairState): PairEvent[] => {
  const pair = requireActive(current);
  requireController(metadata);
  const task = requireCompletable(pair.tasks, data.taskId, metadata.actorId, metadata.role === 'administrator');
  if (pair.controlPlan.finalTaskId !== task.taskId) {
    return refuse('pair.control.wrongTask', 'Задача не относится к итоговому контролю этой пары/группы');
  }
  if (data.outcome !== 'passed' && data.outcome !== 'notPassed') {
    return refuse('pair.control.outcomeUnknown', `Неизвестный результат контроля: «${String(data.outcome)}»`);
  }
  // 002 §4.8: evaluation runs interim first, then final.
  const interimPending = pair.controlPlan.interimTaskIds.some((id) => {
    const interim = pair.tasks[id];
    return interim !== undefined && isTaskActive(interim);
  });
  if (interimPending) return refuse('pair.finalControl.interimPending', 'Промежуточный контроль ещё не проведён');
  if (pair.interimControls.at(-1)?.outcome !== 'passed') {
    return refuse('pair.finalControl.interimNotPassed', 'Промежуточный контроль не пройден');
  }
  const reportTask =
    pair.controlPlan.mentorReportTaskId === undefined ? undefined : pair.tasks[pair.controlPlan.mentorReportTaskId];
  if (reportTask !== undefined && isTaskActive(reportTask)) {
    return refuse(
      'pair.finalControl.mentorReportPending',
      'Наставник ещё не представил отчёт по итогам наставничества',
    );
  }
  const mentorConclusion = requireText(
    data.mentorConclusion,
    'finalControl.conclusion',
    'заключение наставника о результатах адаптации наставляемого',
  );
  const comment = optionalText(data.comment, 'finalControl.comment', 'комментарий');
  const proposals = optionalText(data.proposals, 'finalControl.proposals', 'предложения по дальнейшей работе');
  return [
    {
      type: 'FinalControlCompleted',
      data: {
        pairId: pair.pairId,
        programmeId: pair.programmeId,
        taskId: task.taskId,
        outcome: data.outcome,
        mentorConclusion,
        ...(proposals === undefined ? {} : { proposals }),
        ...(comment === undefined ? {} : { comment }),
        controlledAt: metadata.now,
        controlledBy: metadata.actorId,
      },
    },
    taskCompleted(task.taskId, metadata, data.outcome),
  ];
};

/** Who may complete a pair themselves; after another controller's final control the workflow completes it as the system. */
export const mayCompletePair = (role: CommandMetadata['role']): boolean => formers.includes(role as Role);

export const completePair = ({ metadata }: CompletePair, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  if (metadata.role !== 'system')
    requireRole(
      metadata,
      formers,
      'Завершить наставничество может руководитель организации, куратор или администратор',
    );
  if (pair.finalControl === undefined) {
    return refuse('pair.finalControl.notCompleted', 'Наставничество завершается только после итогового контроля');
  }
  return [
    {
      type: 'PairCompleted',
      data: {
        ...pairParties(pair),
        finalOutcome: pair.finalControl.outcome,
        completedAt: metadata.now,
        completedBy: metadata.actorId,
      },
    },
    ...cancelOpenReportTasks(pair, metadata.now, 'Наставничество завершено'),
  ];
};

export const markTaskOverdue = ({ data, metadata }: MarkPairTaskOverdue, current: PairState): PairEvent[] => {
  // No actor check: only the workflow's own timer sends this. Each refusal means "nothing to mark".
  const pair = requireFormed(current);
  const task: TaskView | undefined = pair.tasks[data.taskId];
  if (task === undefined) return refuse('pair.task.notFound', 'Задача не найдена');
  if (task.status === 'overdue') return refuse('pair.task.alreadyOverdue', 'Просрочка задачи уже зафиксирована');
  if (!isTaskActive(task)) return refuse('pair.task.notOpen', 'Задача уже выполнена или отменена');
  const due = task.dueAt === undefined ? undefined : parseInstant(task.dueAt);
  const now = parseInstant(metadata.now) ?? Date.parse(metadata.now);
  if (due === undefined || now < due)
    return refuse('pair.task.notYetDue', `Срок задачи (${russianDate(task.dueLocalDate)}) ещё не истёк`);
  return [{ type: 'TaskOverdue', data: { taskId: task.taskId, overdueAt: metadata.now } }];
};
