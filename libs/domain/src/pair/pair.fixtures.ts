/** Commands, events and histories the pair's specs share: one pair formed on 2026-09-01 and taken through its programme. */
import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { TaskAssignee, TaskKind } from '../task/task.events';
import type { ApprovePersonalProgramme, FormPair, PairCommand, ReplaceMentor } from './pair.commands';
import { pairDecider } from './pair.decider';
import type { PairControlTask, PairEvent } from './pair.events';
import { isFormedPair, type FormedPair, type PairState } from './pair.state';

export const spec = deciderSpec(pairDecider);
export const now = '2026-09-01T06:00:00.000Z';
export const at = (actorId: string, role: CommandMetadata['role'], when = now): CommandMetadata => ({
  actorId,
  role,
  now: when,
});
export const director = at('director-1', 'director');
export const curator = at('curator-1', 'curator');
export const admin = at('admin-1', 'administrator');
export const head = at('head-1', 'commissionHead');
export const mentor = at('mentor-1', 'mentor');
export const mentee = at('mentee-1', 'mentee');

export const order = { number: '45-к', date: '2026-08-28', signedBy: 'Петров И. С., директор' };
export const term = { start: '2026-09-01', end: '2027-08-31' };

// ---- Formation ----

export const formData: FormPair['data'] = {
  pairId: 'pair-1',
  programmeId: 'prog-1',
  organisationId: 'org-1',
  form: 'teacherTeacher',
  kind: 'traditional',
  mentorId: 'mentor-1',
  menteeIds: ['mentee-1'],
  consents: [
    { personId: 'mentor-1', date: '2026-08-25' },
    { personId: 'mentee-1', date: '2026-08-26' },
  ],
  order,
  term,
  capacityReserved: true,
};

export const groupData: FormPair['data'] = {
  ...formData,
  kind: 'group',
  menteeIds: ['mentee-1', 'mentee-2'],
  consents: [...formData.consents, { personId: 'mentee-2', date: '2026-08-26' }],
};

export const form = (data: Partial<FormPair['data']> = {}, metadata = director): PairCommand => ({
  type: 'FormPair',
  data: { ...formData, ...data },
  metadata,
});

export const formed = (data: Partial<FormPair['data']> = {}, by = 'director-1'): PairEvent => {
  const merged = { ...formData, ...data };
  return {
    type: 'PairFormed',
    data: {
      pairId: merged.pairId,
      programmeId: merged.programmeId,
      organisationId: merged.organisationId,
      form: merged.form,
      kind: merged.kind,
      kinds: merged.kinds ?? [merged.kind],
      mentorId: merged.mentorId,
      menteeIds: merged.menteeIds,
      consents: merged.consents,
      order: merged.order ?? order,
      term: merged.term,
      ...(merged.shortTermReason === undefined ? {} : { shortTermReason: merged.shortTermReason }),
      mentorEligibilityWarnings: merged.mentorEligibilityWarnings ?? [],
      status: 'formed',
      formedAt: now,
      formedBy: by,
    },
  };
};

// ---- Personalised programme and control plan ----

export const controller: TaskAssignee & { role: 'commissionHead' } = { personId: 'head-1', role: 'commissionHead' };
// Moscow (UTC+3): a local day ends at 21:00 UTC.
export const interimControl: PairControlTask = {
  taskId: 'task-interim',
  dueAt: '2027-01-15T21:00:00.000Z',
  dueLocalDate: '2027-01-15',
};
export const mentorReport: PairControlTask = {
  taskId: 'task-report',
  dueAt: '2027-05-20T21:00:00.000Z',
  dueLocalDate: '2027-05-20',
};
export const finalControl: PairControlTask = {
  taskId: 'task-final',
  dueAt: '2027-05-31T21:00:00.000Z',
  dueLocalDate: '2027-05-31',
  remindAt: ['2027-05-24T06:00:00.000Z'],
};
export const repeatControl: PairControlTask = {
  taskId: 'task-interim-2',
  dueAt: '2027-02-15T21:00:00.000Z',
  dueLocalDate: '2027-02-15',
};

export const programmeData: ApprovePersonalProgramme['data'] = {
  programmeDocId: 'doc-ppn-1',
  start: '2026-09-01',
  end: '2027-05-31',
  directions: ['Методика преподавания', ' Работа с родителями '],
  activities: [
    { title: 'Посещение уроков наставника', plannedDate: '2026-09-15' },
    { title: 'Открытый урок наставляемого', plannedDate: '2027-03-10' },
  ],
  difficulties: ['Дисциплина на уроке', 'Оценивание'],
  controller,
  interimControl,
  finalControl,
  mentorReport,
};

export const approve = (data: Partial<ApprovePersonalProgramme['data']> = {}, metadata = head): PairCommand => ({
  type: 'ApprovePersonalProgramme',
  data: { ...programmeData, ...data },
  metadata,
});

export const taskRaised = (
  item: PairControlTask,
  kind: TaskKind,
  title: string,
  assignee: TaskAssignee,
  raisedAt = now,
): PairEvent => ({
  type: 'TaskRaised',
  data: {
    taskId: item.taskId,
    kind,
    title,
    assignee,
    organisationId: 'org-1',
    subject: { type: 'pair', id: 'pair-1' },
    raisedAt,
    dueAt: item.dueAt,
    dueLocalDate: item.dueLocalDate,
    remindAt: [...(item.remindAt ?? [])],
  },
});

export const interimTitle = 'Промежуточный контроль наставнической пары/группы';
export const finalTitle = 'Итоговый контроль наставнической пары/группы';
export const reportTitle = 'Отчёт наставника по итогам наставничества с заключением о результатах адаптации';

export const due = ({ taskId, dueAt, dueLocalDate }: PairControlTask) => ({ taskId, dueAt, dueLocalDate });

export const approved: PairEvent[] = [
  {
    type: 'PersonalProgrammeApproved',
    data: {
      pairId: 'pair-1',
      programmeId: 'prog-1',
      programmeDocId: 'doc-ppn-1',
      start: '2026-09-01',
      end: '2027-05-31',
      directions: ['Методика преподавания', 'Работа с родителями'],
      activities: programmeData.activities,
      difficulties: ['Дисциплина на уроке', 'Оценивание'],
      controller,
      interimControl: due(interimControl),
      finalControl: due(finalControl),
      mentorReport: due(mentorReport),
      status: 'active',
      approvedAt: now,
      approvedBy: 'head-1',
    },
  },
  taskRaised(interimControl, 'interimControl', interimTitle, controller),
  taskRaised(mentorReport, 'finalControl', reportTitle, { personId: 'mentor-1', role: 'mentor' }),
  taskRaised(finalControl, 'finalControl', finalTitle, controller),
];

// ---- Later events ----

export const interimTime = '2027-01-14T09:00:00.000Z';
export const reportTime = '2027-05-18T09:00:00.000Z';
export const finalTime = '2027-05-28T09:00:00.000Z';

export const taskCompleted = (taskId: string, completedBy: string, result: string, completedAt: string): PairEvent => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt, completedBy, result },
});

export const interimPassed = (taskId = 'task-interim', when = interimTime): PairEvent[] => [
  {
    type: 'InterimControlPassed',
    data: {
      pairId: 'pair-1',
      programmeId: 'prog-1',
      taskId,
      outcome: 'passed',
      comment: 'Программа выполняется',
      controlledAt: when,
      controlledBy: 'head-1',
    },
  },
  taskCompleted(taskId, 'head-1', 'passed', when),
];

export const interimFailed: PairEvent[] = [
  {
    type: 'InterimControlFailed',
    data: {
      pairId: 'pair-1',
      programmeId: 'prog-1',
      taskId: 'task-interim',
      outcome: 'needsCorrection',
      comment: 'Скорректировать план посещений',
      repeatTaskId: 'task-interim-2',
      controlledAt: interimTime,
      controlledBy: 'head-1',
    },
  },
  taskCompleted('task-interim', 'head-1', 'needsCorrection', interimTime),
  taskRaised(repeatControl, 'interimControl', interimTitle, controller, interimTime),
];

export const reportSubmitted = (mentorId = 'mentor-1'): PairEvent[] => [
  {
    type: 'MentorFinalReportSubmitted',
    data: {
      pairId: 'pair-1',
      taskId: 'task-report',
      mentorId,
      conclusion: 'Адаптация пройдена успешно',
      proposals: 'Рекомендовать к аттестации',
      submittedAt: reportTime,
    },
  },
  taskCompleted('task-report', mentorId, 'submitted', reportTime),
];

export const finalCompleted: PairEvent[] = [
  {
    type: 'FinalControlCompleted',
    data: {
      pairId: 'pair-1',
      programmeId: 'prog-1',
      taskId: 'task-final',
      outcome: 'passed',
      mentorConclusion: 'Адаптация пройдена успешно',
      controlledAt: finalTime,
      controlledBy: 'head-1',
    },
  },
  taskCompleted('task-final', 'head-1', 'passed', finalTime),
];

/** The pair as PairCompleted and PairTerminated both name it when it ends. */
const endingPair = {
  pairId: 'pair-1',
  programmeId: 'prog-1',
  organisationId: 'org-1',
  mentorId: 'mentor-1',
  menteeIds: ['mentee-1'],
};

export const pairCompleted: PairEvent = {
  type: 'PairCompleted',
  data: {
    ...endingPair,
    finalOutcome: 'passed',
    completedAt: finalTime,
    completedBy: 'curator-1',
  },
};

export const replacementOrder = { number: '52-к', date: '2026-11-10', signedBy: 'Петров И. С., директор' };
export const replaceData: ReplaceMentor['data'] = {
  replacementId: 'repl-1',
  reason: 'dismissal',
  order: replacementOrder,
  newMentorId: 'mentor-2',
  newMentorConsent: { personId: 'mentor-2', date: '2026-11-09' },
  capacityReserved: true,
};
export const replaceTime = '2026-11-10T08:00:00.000Z';
export const replace = (
  data: Partial<ReplaceMentor['data']> = {},
  metadata = at('director-1', 'director', replaceTime),
): PairCommand => ({
  type: 'ReplaceMentor',
  data: { ...replaceData, ...data },
  metadata,
});
export const mentorReplaced = (
  data: Partial<ReplaceMentor['data']> = {},
  previousMentorId = 'mentor-1',
  when = replaceTime,
): PairEvent => {
  const merged = { ...replaceData, ...data };
  return {
    type: 'MentorReplaced',
    data: {
      pairId: 'pair-1',
      programmeId: 'prog-1',
      replacementId: merged.replacementId,
      previousMentorId,
      newMentorId: merged.newMentorId,
      reason: merged.reason,
      order: merged.order ?? replacementOrder,
      newMentorConsent: merged.newMentorConsent ?? { personId: merged.newMentorId, date: '2026-11-09' },
      mentorEligibilityWarnings: [],
      replacedAt: when,
      replacedBy: 'director-1',
    },
  };
};

export const terminationOrder = { number: '60-к', date: '2026-08-31', signedBy: 'Петров И. С., директор' };
export const pairTerminated: PairEvent = {
  type: 'PairTerminated',
  data: {
    ...endingPair,
    reason: 'Увольнение наставляемого',
    order: terminationOrder,
    terminatedAt: now,
    terminatedBy: 'director-1',
  },
};

// ---- Histories ----

export const inFormed: PairEvent[] = [formed()];
export const inActive: PairEvent[] = [...inFormed, ...approved];
export const afterInterim: PairEvent[] = [...inActive, ...interimPassed()];
export const readyForFinal: PairEvent[] = [...afterInterim, ...reportSubmitted()];
export const afterFinal: PairEvent[] = [...readyForFinal, ...finalCompleted];
export const completedPair: PairEvent[] = [...afterFinal, pairCompleted];
export const terminatedPair: PairEvent[] = [...inFormed, pairTerminated];

export const fold = (events: PairEvent[]): PairState => events.reduce(pairDecider.evolve, pairDecider.initialState());
export const formedState = (events: PairEvent[]): FormedPair => {
  const state = fold(events);
  if (!isFormedPair(state)) throw new Error('expected a formed pair');
  return state;
};
