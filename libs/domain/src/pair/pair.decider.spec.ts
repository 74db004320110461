import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import type { TaskAssignee, TaskKind } from '../task/task.events';
import type { ApprovePersonalProgramme, FormPair, PairCommand, ReplaceMentor } from './pair.commands';
import { pairDecider } from './pair.decider';
import { pairGateCounts } from './pair.gate-counts';
import { validateMentorReplacement } from './pair.rules';
import { isFormedPair, type FormedPair, type PairState } from './pair.state';
import {
  mentorReplacementReasons,
  pairForms,
  pairKinds,
  pairStatuses,
  type MentorReplacementReason,
  type PairControlTask,
  type PairEvent,
  type PairForm,
  type PairKind,
} from './pair.events';
import { mentorReplacementReasonLabels, pairFormLabels, pairKindLabels, pairStatusLabels } from './pair.labels';

const spec = deciderSpec(pairDecider);
const now = '2026-09-01T06:00:00.000Z';
const at = (actorId: string, role: CommandMetadata['role'], when = now): CommandMetadata => ({ actorId, role, now: when });
const director = at('director-1', 'director');
const curator = at('curator-1', 'curator');
const admin = at('admin-1', 'administrator');
const head = at('head-1', 'commissionHead');
const mentor = at('mentor-1', 'mentor');
const mentee = at('mentee-1', 'mentee');

const order = { number: '45-к', date: '2026-08-28', signedBy: 'Петров И. С., директор' };
const term = { start: '2026-09-01', end: '2027-08-31' };

// ---- Formation ----

const formData: FormPair['data'] = {
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

const groupData: FormPair['data'] = {
  ...formData,
  kind: 'group',
  menteeIds: ['mentee-1', 'mentee-2'],
  consents: [...formData.consents, { personId: 'mentee-2', date: '2026-08-26' }],
};

const form = (data: Partial<FormPair['data']> = {}, metadata = director): PairCommand => ({ type: 'FormPair', data: { ...formData, ...data }, metadata });

const formed = (data: Partial<FormPair['data']> = {}, by = 'director-1'): PairEvent => {
  const merged = { ...formData, ...data };
  return {
    type: 'PairFormed',
    data: {
      pairId: merged.pairId,
      programmeId: merged.programmeId,
      organisationId: merged.organisationId,
      form: merged.form,
      kind: merged.kind,
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

const controller: TaskAssignee & { role: 'commissionHead' } = { personId: 'head-1', role: 'commissionHead' };
// Moscow (UTC+3): a local day ends at 21:00 UTC.
const interimControl: PairControlTask = { taskId: 'task-interim', dueAt: '2027-01-15T21:00:00.000Z', dueLocalDate: '2027-01-15' };
const mentorReport: PairControlTask = { taskId: 'task-report', dueAt: '2027-05-20T21:00:00.000Z', dueLocalDate: '2027-05-20' };
const finalControl: PairControlTask = {
  taskId: 'task-final',
  dueAt: '2027-05-31T21:00:00.000Z',
  dueLocalDate: '2027-05-31',
  remindAt: ['2027-05-24T06:00:00.000Z'],
};
const repeatControl: PairControlTask = { taskId: 'task-interim-2', dueAt: '2027-02-15T21:00:00.000Z', dueLocalDate: '2027-02-15' };

const programmeData: ApprovePersonalProgramme['data'] = {
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

const approve = (data: Partial<ApprovePersonalProgramme['data']> = {}, metadata = head): PairCommand => ({
  type: 'ApprovePersonalProgramme',
  data: { ...programmeData, ...data },
  metadata,
});

const taskRaised = (item: PairControlTask, kind: TaskKind, title: string, assignee: TaskAssignee, raisedAt = now): PairEvent => ({
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

const interimTitle = 'Промежуточный контроль наставнической пары/группы';
const finalTitle = 'Итоговый контроль наставнической пары/группы';
const reportTitle = 'Отчёт наставника по итогам наставничества с заключением о результатах адаптации';

const due = ({ taskId, dueAt, dueLocalDate }: PairControlTask) => ({ taskId, dueAt, dueLocalDate });

const approved: PairEvent[] = [
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

const interimTime = '2027-01-14T09:00:00.000Z';
const reportTime = '2027-05-18T09:00:00.000Z';
const finalTime = '2027-05-28T09:00:00.000Z';

const taskCompleted = (taskId: string, completedBy: string, result: string, completedAt: string): PairEvent => ({
  type: 'TaskCompleted',
  data: { taskId, completedAt, completedBy, result },
});

const interimPassed = (taskId = 'task-interim', when = interimTime): PairEvent[] => [
  {
    type: 'InterimControlPassed',
    data: { pairId: 'pair-1', programmeId: 'prog-1', taskId, outcome: 'passed', comment: 'Программа выполняется', controlledAt: when, controlledBy: 'head-1' },
  },
  taskCompleted(taskId, 'head-1', 'passed', when),
];

const interimFailed: PairEvent[] = [
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

const reportSubmitted = (mentorId = 'mentor-1'): PairEvent[] => [
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

const finalCompleted: PairEvent[] = [
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

const pairCompleted: PairEvent = {
  type: 'PairCompleted',
  data: {
    pairId: 'pair-1',
    programmeId: 'prog-1',
    organisationId: 'org-1',
    mentorId: 'mentor-1',
    menteeIds: ['mentee-1'],
    finalOutcome: 'passed',
    completedAt: finalTime,
    completedBy: 'curator-1',
  },
};

const replacementOrder = { number: '52-к', date: '2026-11-10', signedBy: 'Петров И. С., директор' };
const replaceData: ReplaceMentor['data'] = {
  replacementId: 'repl-1',
  reason: 'dismissal',
  order: replacementOrder,
  newMentorId: 'mentor-2',
  newMentorConsent: { personId: 'mentor-2', date: '2026-11-09' },
  capacityReserved: true,
};
const replaceTime = '2026-11-10T08:00:00.000Z';
const replace = (data: Partial<ReplaceMentor['data']> = {}, metadata = at('director-1', 'director', replaceTime)): PairCommand => ({
  type: 'ReplaceMentor',
  data: { ...replaceData, ...data },
  metadata,
});
const mentorReplaced = (data: Partial<ReplaceMentor['data']> = {}, previousMentorId = 'mentor-1', when = replaceTime): PairEvent => {
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

const terminationOrder = { number: '60-к', date: '2026-12-01', signedBy: 'Петров И. С., директор' };
const pairTerminated: PairEvent = {
  type: 'PairTerminated',
  data: {
    pairId: 'pair-1',
    programmeId: 'prog-1',
    organisationId: 'org-1',
    mentorId: 'mentor-1',
    menteeIds: ['mentee-1'],
    reason: 'Увольнение наставляемого',
    order: terminationOrder,
    terminatedAt: now,
    terminatedBy: 'director-1',
  },
};

// ---- Histories ----

const inFormed: PairEvent[] = [formed()];
const inActive: PairEvent[] = [...inFormed, ...approved];
const afterInterim: PairEvent[] = [...inActive, ...interimPassed()];
const readyForFinal: PairEvent[] = [...afterInterim, ...reportSubmitted()];
const afterFinal: PairEvent[] = [...readyForFinal, ...finalCompleted];
const completedPair: PairEvent[] = [...afterFinal, pairCompleted];
const terminatedPair: PairEvent[] = [...inFormed, pairTerminated];

const fold = (events: PairEvent[]): PairState => events.reduce(pairDecider.evolve, pairDecider.initialState());
const formedState = (events: PairEvent[]): FormedPair => {
  const state = fold(events);
  if (!isFormedPair(state)) throw new Error('expected a formed pair');
  return state;
};

describe('mentoring pair or group', () => {
  describe('FormPair', () => {
    it('forms a pair by the director’s order with both consents', () => spec.given([]).when(form()).then([formed()]));

    it('forms a group of two mentees', () => spec.given([]).when(form(groupData, curator)).then([formed(groupData, 'curator-1')]));

    it('records the mentor’s eligibility warnings with the decision', () =>
      spec
        .given([])
        .when(form({ mentorEligibilityWarnings: ['subjectExperienceBelowThreeYears'] }, admin))
        .then([formed({ mentorEligibilityWarnings: ['subjectExperienceBelowThreeYears'] }, 'admin-1')]));

    it('refuses forming twice', () => spec.given(inFormed).when(form()).thenRefuses('pair.alreadyFormed'));

    it.each<CommandMetadata['role']>(['mentor', 'commissionHead', 'methodologist'])('refuses a %s forming a pair', (role) =>
      spec.given([]).when(form({}, at('x-1', role))).thenRefuses('pair.forbidden'));

    it('lists every invalid field', () =>
      spec
        .given([])
        .when(form({ pairId: ' ', form: 'friendFriend' as PairForm, kind: 'weekly' as PairKind, menteeIds: [] }))
        .thenRefuses('pair.invalid', ['pair.id.empty', 'form.unknown', 'kind.unknown', 'mentees.empty']));

    it('refuses the mentor as their own mentee', () =>
      spec
        .given([])
        .when(form({ menteeIds: ['mentor-1'] }))
        .thenRefuses('pair.invalid', ['mentees.includesMentor']));

    it('refuses a mentee listed twice', () =>
      spec
        .given([])
        .when(form({ kind: 'group', menteeIds: ['mentee-1', 'mentee-1'] }))
        .thenRefuses('pair.invalid', ['mentees.duplicate']));

    it('refuses several mentees unless the kind is a group', () =>
      spec
        .given([])
        .when(form({ ...groupData, kind: 'traditional' }))
        .thenRefuses('pair.invalid', ['mentees.tooManyForKind']));

    it('refuses a group of one', () => spec.given([]).when(form({ kind: 'group' })).thenRefuses('pair.invalid', ['mentees.groupTooSmall']));

    it('refuses an unknown eligibility warning', () =>
      spec
        .given([])
        .when(form({ mentorEligibilityWarnings: ['tooYoung' as never] }))
        .thenRefuses('pair.invalid', ['mentorEligibilityWarnings.unknown']));

    it('refuses without the order', () => spec.given([]).when(form({ order: undefined })).thenRefuses('pair.order.missing', ['order.missing']));

    it('lists what the order lacks', () =>
      spec
        .given([])
        .when(form({ order: { number: '', date: '28.08.2026', signedBy: ' ' } }))
        .thenRefuses('pair.order.missing', ['order.number.empty', 'order.date.invalid', 'order.signedBy.empty']));

    it('refuses an end before the start', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-09-01', end: '2026-08-31' } }))
        .thenRefuses('pair.term.invalid', ['term.endBeforeStart']));

    it('refuses dates that are not dates', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-02-30', end: 'скоро' } }))
        .thenRefuses('pair.term.invalid', ['term.start.invalid', 'term.end.invalid']));

    it('refuses a term shorter than one year without a reason (002 §4.5)', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-09-01', end: '2027-08-30' } }))
        .thenRefuses('pair.term.tooShort'));

    it('refuses a blank reason for a short term', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-09-01', end: '2026-12-31' }, shortTermReason: '  ' }))
        .thenRefuses('pair.term.tooShort'));

    it('accepts exactly one year', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-09-01', end: '2027-08-31' } }))
        .then([formed({ term: { start: '2026-09-01', end: '2027-08-31' } })]));

    it('accepts a short term with its reason', () =>
      spec
        .given([])
        .when(form({ term: { start: '2026-09-01', end: '2026-12-31' }, shortTermReason: ' Краткосрочное наставничество перед аттестацией ' }))
        .then([formed({ term: { start: '2026-09-01', end: '2026-12-31' }, shortTermReason: 'Краткосрочное наставничество перед аттестацией' })]));

    it('names exactly whose consent is missing', () =>
      spec
        .given([])
        .when(form({ ...groupData, consents: [{ personId: 'mentor-1', date: '2026-08-25' }, { personId: 'mentee-1', date: '2026-08-26' }] }))
        .thenRefuses('pair.consent.missing', ['consent.mentee-2.missing']));

    it('names the mentor and every mentee when nobody consented', () =>
      spec
        .given([])
        .when(form({ ...groupData, consents: [] }))
        .thenRefuses('pair.consent.missing', ['consent.mentor-1.missing', 'consent.mentee-1.missing', 'consent.mentee-2.missing']));

    it('says whose consent it is in Russian', () => {
      let caught: unknown;
      try {
        pairDecider.decide(form({ consents: [{ personId: 'mentee-1', date: '2026-08-26' }] }), pairDecider.initialState());
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ unmet: [{ code: 'consent.mentor-1.missing', message: 'Нет письменного согласия наставника (mentor-1)' }] });
    });

    it('refuses a consent dated after the order or from an outsider', () =>
      spec
        .given([])
        .when(
          form({
            consents: [
              { personId: 'mentor-1', date: '2026-08-25' },
              { personId: 'mentee-1', date: '2026-08-29' },
              { personId: 'stranger-1', date: '2026-08-20' },
            ],
          }),
        )
        .thenRefuses('pair.consent.invalid', ['consent.mentee-1.afterOrder', 'consent.stranger-1.notParticipant']));

    it('refuses when the mentor’s capacity was not reserved', () =>
      spec.given([]).when(form({ capacityReserved: false })).thenRefuses('pair.capacity.notReserved'));
  });

  describe('ApprovePersonalProgramme', () => {
    it('approves the programme, activates the pair and raises its control tasks', () => {
      spec.given(inFormed).when(approve()).then(approved);
      expect(formedState(inActive)).toMatchObject({
        status: 'active',
        personalProgramme: { start: '2026-09-01', end: '2027-05-31' },
        controlPlan: { interimTaskIds: ['task-interim'], finalTaskId: 'task-final', mentorReportTaskId: 'task-report' },
        tasks: { 'task-interim': { status: 'open', assignee: controller }, 'task-final': { status: 'open' } },
      });
    });

    it('plans only the controls when the mentor’s report is not asked for', () => {
      const [approval] = approved;
      if (approval?.type !== 'PersonalProgrammeApproved') throw new Error('fixture');
      const withoutReport = { ...approval.data };
      delete withoutReport.mentorReport;
      spec
        .given(inFormed)
        .when(approve({ mentorReport: undefined }))
        .then([
          { type: 'PersonalProgrammeApproved', data: withoutReport },
          taskRaised(interimControl, 'interimControl', interimTitle, controller),
          taskRaised(finalControl, 'finalControl', finalTitle, controller),
        ]);
    });

    it('refuses a pair that is not formed', () => spec.given([]).when(approve()).thenRefuses('pair.notFormed'));

    it('refuses a second approval', () => spec.given(inActive).when(approve()).thenRefuses('pair.programme.alreadyApproved'));

    it('refuses a terminated pair', () => spec.given(terminatedPair).when(approve()).thenRefuses('pair.closed'));

    it('refuses the mentor approving their own programme', () => spec.given(inFormed).when(approve({}, mentor)).thenRefuses('pair.forbidden'));

    it('lists every gap in the programme', () =>
      spec
        .given(inFormed)
        .when(
          approve({
            directions: [' '],
            difficulties: [],
            activities: [{ title: 'Урок', plannedDate: '2027-07-01' }],
            controller: { personId: 'mentor-1', role: 'mentor' as 'curator' },
          }),
        )
        .thenRefuses('pair.programme.invalid', [
          'programme.directions.empty',
          'programme.difficulties.empty',
          'programme.activity.1.invalid',
          'programme.controller.invalid',
        ]));

    it.each([
      ['shorter than 3 months', '2026-11-29'],
      ['longer than a year', '2027-09-01'],
    ])('refuses a programme %s', (_label, end) =>
      spec
        .given([formed({ term: { start: '2026-09-01', end: '2027-12-31' } })])
        .when(approve({ end, activities: [{ title: 'Урок', plannedDate: '2026-10-01' }] }))
        .thenRefuses('pair.programme.durationInvalid'));

    it('accepts exactly three months', () => {
      const events = pairDecider.decide(
        approve({
          end: '2026-11-30',
          activities: [{ title: 'Урок', plannedDate: '2026-10-01' }],
          interimControl: { taskId: 'i', dueAt: '2026-10-15T21:00:00Z', dueLocalDate: '2026-10-15' },
          finalControl: { taskId: 'f', dueAt: '2026-11-30T21:00:00Z', dueLocalDate: '2026-11-30' },
          mentorReport: undefined,
        }),
        fold(inFormed),
      );
      expect(events.map((e) => e.type)).toEqual(['PersonalProgrammeApproved', 'TaskRaised', 'TaskRaised']);
    });

    it('refuses a programme outside the term of the order', () =>
      spec
        .given([formed({ term: { start: '2026-10-01', end: '2027-09-30' } })])
        .when(approve())
        .thenRefuses('pair.programme.outsideTerm'));

    it('refuses an interim control after the final one', () =>
      spec
        .given(inFormed)
        .when(approve({ interimControl: { taskId: 'task-interim', dueAt: '2027-05-31T21:00:00.000Z', dueLocalDate: '2027-05-31' } }))
        .thenRefuses('pair.control.invalid', ['control.interim.notBeforeFinal']));

    it('refuses a control outside the programme, a due instant that is not the end of its day, and a reused task id', () =>
      spec
        .given(inFormed)
        .when(
          approve({
            interimControl: { taskId: 'task-interim', dueAt: '2027-06-10T21:00:00.000Z', dueLocalDate: '2027-06-10' },
            finalControl: { taskId: 'task-interim', dueAt: '2027-05-10T21:00:00.000Z', dueLocalDate: '2027-05-31' },
            mentorReport: undefined,
          }),
        )
        .thenRefuses('pair.control.invalid', ['control.interim.outsideProgramme', 'control.final.taskIdTaken', 'control.final.dueMismatch']));

    it('refuses a mentor report due after the final control', () =>
      spec
        .given(inFormed)
        .when(approve({ mentorReport: { taskId: 'task-report', dueAt: '2027-05-31T21:00:00.000Z', dueLocalDate: '2027-05-31' }, finalControl: { ...finalControl, dueAt: '2027-05-30T21:00:00.000Z', dueLocalDate: '2027-05-30' } }))
        .thenRefuses('pair.control.invalid', ['control.mentorReport.afterFinal']));
  });

  describe('diary and reports', () => {
    const entry = { entryId: 'diary-1', date: '2026-09-14', text: ' Посетили урок наставляемого в 7 «Б». ' };
    const diary = (metadata: CommandMetadata, data: Partial<typeof entry> = {}, when = '2026-09-14T15:00:00.000Z'): PairCommand => ({
      type: 'RecordDiaryEntry',
      data: { ...entry, ...data },
      metadata: { ...metadata, now: when },
    });
    const report = (metadata: CommandMetadata, data: Partial<typeof entry> = {}): PairCommand => ({
      type: 'RecordMenteeReport',
      data: { ...entry, entryId: 'report-1', ...data },
      metadata: { ...metadata, now: '2026-09-14T15:00:00.000Z' },
    });
    const diaryRecorded = (mentorId = 'mentor-1', entryId = 'diary-1', date = '2026-09-14', recordedAt = '2026-09-14T15:00:00.000Z'): PairEvent => ({
      type: 'MentorDiaryEntryRecorded',
      data: { pairId: 'pair-1', entryId, mentorId, date, text: 'Посетили урок наставляемого в 7 «Б».', recordedAt },
    });

    it('records the mentor’s diary entry', () => spec.given(inActive).when(diary(mentor)).then([diaryRecorded()]));

    it('accepts a diary entry before the programme is approved', () => spec.given(inFormed).when(diary(mentor)).then([diaryRecorded()]));

    it.each([mentee, curator, at('mentor-9', 'mentor')])('refuses $actorId writing the mentor’s diary', (metadata) =>
      spec.given(inActive).when(diary(metadata)).thenRefuses('pair.forbidden'));

    it('refuses text over 4000 characters', () =>
      spec.given(inActive).when(diary(mentor, { text: 'а'.repeat(4001) })).thenRefuses('pair.entry.invalid', ['entry.text.tooLong']));

    it('accepts exactly 4000 characters', () =>
      expect(pairDecider.decide(diary(mentor, { text: 'а'.repeat(4000) }), fold(inActive))).toHaveLength(1));

    it('refuses an empty text, a future date and a date before the term', () => {
      spec.given(inActive).when(diary(mentor, { text: '  ' })).thenRefuses('pair.entry.invalid', ['entry.text.empty']);
      spec.given(inActive).when(diary(mentor, { date: '2026-09-16' })).thenRefuses('pair.entry.invalid', ['entry.date.inFuture']);
      spec.given(inActive).when(diary(mentor, { date: '2026-08-31' })).thenRefuses('pair.entry.invalid', ['entry.date.beforeTerm']);
    });

    it('refuses the same entry twice', () => spec.given([...inActive, diaryRecorded()]).when(diary(mentor)).thenRefuses('pair.entry.duplicate'));

    it('counts entries', () => expect(formedState([...inActive, diaryRecorded(), diaryRecorded('mentor-1', 'diary-2')]).diaryCount).toBe(2));

    it('passes the diary to the new mentor after a replacement', () => {
      const history = [...inActive, mentorReplaced()];
      const later = '2026-11-20T15:00:00.000Z';
      spec.given(history).when(diary(mentor, { date: '2026-11-20' }, later)).thenRefuses('pair.forbidden');
      spec
        .given(history)
        .when(diary(at('mentor-2', 'mentor'), { date: '2026-11-20' }, later))
        .then([diaryRecorded('mentor-2', 'diary-1', '2026-11-20', later)]);
    });

    it('records a mentee’s report', () =>
      spec
        .given(inActive)
        .when(report(mentee))
        .then([
          {
            type: 'MenteeReportRecorded',
            data: { pairId: 'pair-1', entryId: 'report-1', menteeId: 'mentee-1', date: '2026-09-14', text: 'Посетили урок наставляемого в 7 «Б».', recordedAt: '2026-09-14T15:00:00.000Z' },
          },
        ]));

    it('lets each mentee of a group report', () => {
      const events = pairDecider.decide(report(at('mentee-2', 'mentee')), fold([formed(groupData)]));
      expect(events).toMatchObject([{ type: 'MenteeReportRecorded', data: { menteeId: 'mentee-2' } }]);
      expect(formedState([formed(groupData), ...events]).menteeReportsCount).toBe(1);
    });

    it.each([mentor, at('mentee-9', 'mentee')])('refuses $actorId reporting for the mentee', (metadata) =>
      spec.given(inActive).when(report(metadata)).thenRefuses('pair.forbidden'));

    it('refuses the same report twice', () => {
      const events = pairDecider.decide(report(mentee), fold(inActive));
      spec.given([...inActive, ...events]).when(report(mentee)).thenRefuses('pair.entry.duplicate');
    });

    it('refuses writing to a completed pair', () => spec.given(completedPair).when(diary(mentor)).thenRefuses('pair.closed'));
  });

  describe('PassInterimControl', () => {
    const pass = (data: Partial<{ taskId: string; outcome: 'passed' | 'needsCorrection'; comment: string; repeatControl: PairControlTask }> = {}, metadata = head): PairCommand => ({
      type: 'PassInterimControl',
      data: { taskId: 'task-interim', outcome: 'passed', comment: ' Программа выполняется ', ...data },
      metadata: { ...metadata, now: interimTime },
    });

    it('records a passed interim control and completes the task', () => spec.given(inActive).when(pass()).then(interimPassed()));

    it('records a needed correction and raises a repeat control', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'needsCorrection', comment: 'Скорректировать план посещений', repeatControl }))
        .then(interimFailed));

    it('passes on the repeat control', () => {
      spec.given([...inActive, ...interimFailed]).when(pass({ taskId: 'task-interim-2' })).then(interimPassed('task-interim-2'));
      expect(formedState([...inActive, ...interimFailed]).controlPlan?.interimTaskIds).toEqual(['task-interim', 'task-interim-2']);
    });

    it('requires a repeat control with a correction', () =>
      spec.given(inActive).when(pass({ outcome: 'needsCorrection', comment: 'Исправить' })).thenRefuses('pair.interimControl.repeatRequired'));

    it('requires a comment with a correction', () =>
      spec.given(inActive).when(pass({ outcome: 'needsCorrection', comment: ' ', repeatControl })).thenRefuses('pair.control.commentRequired'));

    it('refuses a repeat control with a pass', () => spec.given(inActive).when(pass({ repeatControl })).thenRefuses('pair.interimControl.repeatNotExpected'));

    it('refuses a repeat control after the final one', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'needsCorrection', comment: 'Исправить', repeatControl: { taskId: 'r', dueAt: '2027-06-01T21:00:00.000Z', dueLocalDate: '2027-06-01' } }))
        .thenRefuses('pair.control.invalid', ['control.repeat.outsideProgramme']));

    it('refuses an unknown outcome', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'excellent' as 'passed' }))
        .thenRefuses('pair.control.outcomeUnknown'));

    it('refuses the mentor', () => spec.given(inActive).when(pass({}, mentor)).thenRefuses('pair.forbidden'));

    it('refuses a commission head who is not the assignee', () => spec.given(inActive).when(pass({}, at('head-2', 'commissionHead'))).thenRefuses('task.forbidden'));

    it('lets an administrator record it', () => {
      const events = pairDecider.decide(pass({}, admin), fold(inActive));
      expect(events).toMatchObject([{ type: 'InterimControlPassed', data: { controlledBy: 'admin-1' } }, { type: 'TaskCompleted' }]);
    });

    it('refuses the final control task', () => spec.given(inActive).when(pass({ taskId: 'task-final' })).thenRefuses('pair.control.wrongTask'));

    it('refuses an unknown task', () => spec.given(inActive).when(pass({ taskId: 'task-x' })).thenRefuses('task.notFound'));

    it('refuses a control already done', () => spec.given(afterInterim).when(pass()).thenRefuses('task.notActive'));

    it('refuses before the programme is approved', () => spec.given(inFormed).when(pass()).thenRefuses('pair.notActive'));

    it('accepts a control that went overdue', () =>
      spec
        .given([...inActive, { type: 'TaskOverdue', data: { taskId: 'task-interim', overdueAt: '2027-01-15T21:00:00.000Z' } }])
        .when(pass())
        .then(interimPassed()));
  });

  describe('SubmitMentorFinalReport', () => {
    const submit = (data: Partial<{ taskId: string; conclusion: string; proposals: string }> = {}, metadata = mentor): PairCommand => ({
      type: 'SubmitMentorFinalReport',
      data: { taskId: 'task-report', conclusion: ' Адаптация пройдена успешно ', proposals: 'Рекомендовать к аттестации', ...data },
      metadata: { ...metadata, now: reportTime },
    });

    it('records the mentor’s report and completes the mentor’s task', () => spec.given(afterInterim).when(submit()).then(reportSubmitted()));

    it('refuses anyone but the current mentor', () => spec.given(afterInterim).when(submit({}, head)).thenRefuses('pair.forbidden'));

    it('refuses another task', () => spec.given(afterInterim).when(submit({ taskId: 'task-final' })).thenRefuses('pair.control.wrongTask'));

    it('requires the conclusion', () => spec.given(afterInterim).when(submit({ conclusion: '' })).thenRefuses('pair.report.conclusion.empty'));

    it('refuses a second report', () => spec.given(readyForFinal).when(submit()).thenRefuses('task.notActive'));
  });

  describe('CompleteFinalControl and CompletePair', () => {
    const finalise = (data: Partial<{ taskId: string; outcome: 'passed' | 'notPassed'; mentorConclusion: string; comment: string }> = {}, metadata = head): PairCommand => ({
      type: 'CompleteFinalControl',
      data: { taskId: 'task-final', outcome: 'passed', mentorConclusion: 'Адаптация пройдена успешно', ...data },
      metadata: { ...metadata, now: finalTime },
    });
    const complete = (metadata = curator): PairCommand => ({ type: 'CompletePair', data: {}, metadata: { ...metadata, now: finalTime } });

    it('records the final control and completes its task', () => spec.given(readyForFinal).when(finalise()).then(finalCompleted));

    it('keeps a comment and a negative outcome', () =>
      expect(pairDecider.decide(finalise({ outcome: 'notPassed', comment: ' Продлить наставничество ' }), fold(readyForFinal))).toMatchObject([
        { type: 'FinalControlCompleted', data: { outcome: 'notPassed', comment: 'Продлить наставничество' } },
        { type: 'TaskCompleted', data: { result: 'notPassed' } },
      ]));

    it('refuses before the interim control', () => spec.given(inActive).when(finalise()).thenRefuses('pair.finalControl.interimPending'));

    it('refuses while the repeat interim control is pending', () =>
      spec.given([...inActive, ...interimFailed]).when(finalise()).thenRefuses('pair.finalControl.interimPending'));

    it('refuses while the mentor’s report is pending', () => spec.given(afterInterim).when(finalise()).thenRefuses('pair.finalControl.mentorReportPending'));

    it('requires the mentor’s conclusion', () =>
      spec.given(readyForFinal).when(finalise({ mentorConclusion: ' ' })).thenRefuses('pair.finalControl.conclusion.empty'));

    it('refuses a conclusion over 4000 characters', () =>
      spec.given(readyForFinal).when(finalise({ mentorConclusion: 'я'.repeat(4001) })).thenRefuses('pair.finalControl.conclusion.tooLong'));

    it('refuses the interim task', () => spec.given([...inActive, ...interimFailed]).when(finalise({ taskId: 'task-interim-2' })).thenRefuses('pair.control.wrongTask'));

    it('refuses an unknown outcome', () => spec.given(readyForFinal).when(finalise({ outcome: 'maybe' as 'passed' })).thenRefuses('pair.control.outcomeUnknown'));

    it('refuses the mentor', () => spec.given(readyForFinal).when(finalise({}, mentor)).thenRefuses('pair.forbidden'));

    it('completes the pair after the final control', () => spec.given(afterFinal).when(complete()).then([pairCompleted]));

    it('refuses completion before the final control', () => spec.given(readyForFinal).when(complete()).thenRefuses('pair.finalControl.notCompleted'));

    it('refuses the mentor completing the pair', () => spec.given(afterFinal).when(complete(mentor)).thenRefuses('pair.forbidden'));

    it('refuses completing twice', () => spec.given(completedPair).when(complete()).thenRefuses('pair.closed'));

    it('lives a full life: formed → active → interim passed → final control → completed', () => {
      const commands: PairCommand[] = [
        form(),
        approve(),
        { type: 'PassInterimControl', data: { taskId: 'task-interim', outcome: 'passed', comment: 'Программа выполняется' }, metadata: { ...head, now: interimTime } },
        {
          type: 'SubmitMentorFinalReport',
          data: { taskId: 'task-report', conclusion: 'Адаптация пройдена успешно', proposals: 'Рекомендовать к аттестации' },
          metadata: { ...mentor, now: reportTime },
        },
        finalise(),
        complete(),
      ];
      const statuses: string[] = [];
      const history = commands.reduce<PairEvent[]>((events, command) => {
        const next = [...events, ...pairDecider.decide(command, fold(events))];
        statuses.push(fold(next).status);
        return next;
      }, []);
      expect(history).toEqual(completedPair);
      expect(statuses).toEqual(['formed', 'active', 'active', 'active', 'active', 'completed']);
      const state = formedState(history);
      expect(Object.values(state.tasks).map((t) => t.status)).toEqual(['done', 'done', 'done']);
      expect(state.mentorHistory).toEqual([{ mentorId: 'mentor-1', from: now, to: finalTime, order }]);
      expect(state.finalControl).toMatchObject({ outcome: 'passed', mentorConclusion: 'Адаптация пройдена успешно' });
    });
  });

  describe('MarkPairTaskOverdue', () => {
    const overdue = (taskId: string, when = '2027-01-16T00:00:00.000Z'): PairCommand => ({
      type: 'MarkPairTaskOverdue',
      data: { taskId },
      metadata: at('workflow', 'administrator', when),
    });
    const marked: PairEvent = { type: 'TaskOverdue', data: { taskId: 'task-interim', overdueAt: '2027-01-16T00:00:00.000Z' } };

    it('marks an open control task overdue once its due instant has passed', () => spec.given(inActive).when(overdue('task-interim')).then([marked]));

    it('refuses before the due instant', () => spec.given(inActive).when(overdue('task-interim', '2027-01-15T20:59:59.000Z')).thenRefuses('pair.task.notYetDue'));

    it('refuses marking twice', () => spec.given([...inActive, marked]).when(overdue('task-interim')).thenRefuses('pair.task.alreadyOverdue'));

    it('refuses a task already done (the timer fired late: nothing to do)', () => spec.given(afterInterim).when(overdue('task-interim')).thenRefuses('pair.task.notOpen'));

    it('refuses an unknown task', () => spec.given(inActive).when(overdue('task-x')).thenRefuses('pair.task.notFound'));

    it('refuses a pair that is not formed', () => spec.given([]).when(overdue('task-interim')).thenRefuses('pair.notFormed'));
  });

  describe('ReplaceMentor (002 §4.7)', () => {
    const reassigned = (taskId: string, from: TaskAssignee, to: TaskAssignee, when = replaceTime): PairEvent => ({
      type: 'TaskReassigned',
      data: { taskId, from, to, reassignedAt: when },
    });
    const toMentor2: TaskAssignee = { personId: 'mentor-2', role: 'mentor' };

    it.each<MentorReplacementReason>([...mentorReplacementReasons])(
      'replaces the mentor for «%s», keeps the history continuous and hands over the old mentor’s open tasks',
      (reason) => {
        spec
          .given(afterInterim)
          .when(replace({ reason }))
          .then([mentorReplaced({ reason }), reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2)]);
        const state = formedState([...afterInterim, mentorReplaced({ reason }), reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2)]);
        expect(state.mentorId).toBe('mentor-2');
        expect(state.mentorHistory).toEqual([
          { mentorId: 'mentor-1', from: now, to: replaceTime, order, endReason: reason },
          { mentorId: 'mentor-2', from: replaceTime, order: replacementOrder, replacementId: 'repl-1' },
        ]);
        // The pair's own record survives: same programme, same control plan, same results.
        expect(state.personalProgramme?.end).toBe('2027-05-31');
        expect(state.interimControls).toHaveLength(1);
        expect(state.tasks['task-report']?.assignee).toEqual(toMentor2);
        expect(state.tasks['task-final']?.assignee).toEqual(controller);
      },
    );

    it('leaves no task to reassign before the programme is approved', () => spec.given(inFormed).when(replace()).then([mentorReplaced()]));

    it('chains replacements without gaps', () => {
      const second = replace({ replacementId: 'repl-2', reason: 'psychologicalIncompatibility', newMentorId: 'mentor-3', newMentorConsent: { personId: 'mentor-3', date: '2026-11-09' } });
      const events = pairDecider.decide(second, fold([...inFormed, mentorReplaced()]));
      const state = formedState([...inFormed, mentorReplaced(), ...events]);
      expect(state.mentorHistory.map((t) => [t.mentorId, t.from, t.to])).toEqual([
        ['mentor-1', now, replaceTime],
        ['mentor-2', replaceTime, replaceTime],
        ['mentor-3', replaceTime, undefined],
      ]);
      expect(events).toMatchObject([{ type: 'MentorReplaced', data: { previousMentorId: 'mentor-2', newMentorId: 'mentor-3' } }]);
    });

    it('lets the new mentor submit the final report', () => {
      const history = [...afterInterim, mentorReplaced(), reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2)];
      spec
        .given(history)
        .when({ type: 'SubmitMentorFinalReport', data: { taskId: 'task-report', conclusion: 'Адаптация пройдена успешно', proposals: 'Рекомендовать к аттестации' }, metadata: at('mentor-2', 'mentor', reportTime) })
        .then(reportSubmitted('mentor-2'));
    });

    it('is idempotent for a retried request', () => spec.given([...inFormed, mentorReplaced()]).when(replace()).then([]));

    it('refuses a request id already rejected', () =>
      spec
        .given([
          ...inFormed,
          { type: 'MentorReplacementRejected', data: { pairId: 'pair-1', replacementId: 'repl-1', reasonCode: 'x', message: 'x', unmet: [], rejectedAt: now, rejectedBy: 'director-1' } },
        ])
        .when(replace())
        .thenRefuses('pair.replacement.alreadyRejected'));

    it.each<CommandMetadata['role']>(['curator', 'commissionHead', 'mentor'])('refuses a %s: replacement is by the director’s order', (role) =>
      spec.given(inActive).when(replace({}, at('x-1', role))).thenRefuses('pair.forbidden'));

    it.each<[string, PairEvent[], Partial<ReplaceMentor['data']>, string[]]>([
      ['a pair not formed', [], {}, ['replacement.pairNotFormed']],
      ['a completed pair', completedPair, {}, ['replacement.pairClosed']],
      ['a terminated pair', terminatedPair, {}, ['replacement.pairClosed']],
      ['the same mentor', inActive, { newMentorId: 'mentor-1', newMentorConsent: { personId: 'mentor-1', date: '2026-11-09' } }, ['replacement.sameMentor']],
      ['a mentee as mentor', inActive, { newMentorId: 'mentee-1', newMentorConsent: { personId: 'mentee-1', date: '2026-11-09' } }, ['replacement.newMentorIsMentee']],
      ['capacity not reserved', inActive, { capacityReserved: false }, ['replacement.capacityNotReserved']],
      ['an unknown reason', inActive, { reason: 'reorganisation' as MentorReplacementReason }, ['replacement.reasonUnknown']],
      ['no order', inActive, { order: undefined }, ['replacement.orderMissing']],
      ['an order without a number', inActive, { order: { ...replacementOrder, number: '' } }, ['replacement.orderMissing']],
      ['no consent of the new mentor', inActive, { newMentorConsent: undefined }, ['replacement.newMentorConsentMissing']],
      ['a consent of someone else', inActive, { newMentorConsent: { personId: 'mentor-9', date: '2026-11-09' } }, ['replacement.newMentorConsentMissing']],
      ['no new mentor', inActive, { newMentorId: ' ' }, ['replacement.newMentorEmpty', 'replacement.newMentorConsentMissing']],
    ])('refuses %s', (_label, history, data, unmet) => {
      spec.given(history).when(replace(data)).thenRefuses('pair.replacement.invalid', unmet);
      expect(validateMentorReplacement(fold(history), { ...replaceData, ...data }).map((u) => u.code)).toEqual(unmet);
    });

    it('validates a good request to nothing, and lists several failures at once', () => {
      expect(validateMentorReplacement(fold(inActive), replaceData)).toEqual([]);
      expect(
        validateMentorReplacement(fold(inActive), { ...replaceData, reason: 'x' as MentorReplacementReason, capacityReserved: false, order: undefined }).map((u) => u.code),
      ).toEqual(['replacement.reasonUnknown', 'replacement.capacityNotReserved', 'replacement.orderMissing']);
    });
  });

  describe('RejectMentorReplacement', () => {
    const reject = (replacementId = 'repl-9', reasonCode = 'pair.replacement.invalid'): PairCommand => ({
      type: 'RejectMentorReplacement',
      data: { replacementId, reasonCode, message: ' Замена наставника невозможна ', unmet: [{ code: 'replacement.sameMentor', message: 'Новый наставник совпадает с текущим' }] },
      metadata: director,
    });
    const rejected: PairEvent = {
      type: 'MentorReplacementRejected',
      data: {
        pairId: 'pair-1',
        replacementId: 'repl-9',
        reasonCode: 'pair.replacement.invalid',
        message: 'Замена наставника невозможна',
        unmet: [{ code: 'replacement.sameMentor', message: 'Новый наставник совпадает с текущим' }],
        rejectedAt: now,
        rejectedBy: 'director-1',
      },
    };

    it('records the rejection in the pair’s history', () => spec.given(inActive).when(reject()).then([rejected]));

    it('records a rejection for a closed pair too', () => spec.given(completedPair).when(reject()).then([rejected]));

    it('is idempotent', () => spec.given([...inActive, rejected]).when(reject()).then([]));

    it('does not reject a replacement already applied', () => spec.given([...inFormed, mentorReplaced()]).when(reject('repl-1')).then([]));

    it('requires the code and the message', () => spec.given(inActive).when(reject('repl-9', ' ')).thenRefuses('pair.replacement.rejectionInvalid'));

    it('refuses a pair not formed', () => spec.given([]).when(reject()).thenRefuses('pair.notFormed'));
  });

  describe('TerminatePair', () => {
    const terminate = (data: Partial<{ reason: string; order: typeof terminationOrder | undefined }> = {}, metadata = director): PairCommand => ({
      type: 'TerminatePair',
      data: { reason: ' Увольнение наставляемого ', order: terminationOrder, ...data },
      metadata,
    });

    it('terminates a formed pair', () => spec.given(inFormed).when(terminate()).then([pairTerminated]));

    it('cancels every open task with the termination', () =>
      spec
        .given(afterInterim)
        .when(terminate())
        .then([
          pairTerminated,
          { type: 'TaskCancelled', data: { taskId: 'task-report', cancelledAt: now, reason: 'Увольнение наставляемого' } },
          { type: 'TaskCancelled', data: { taskId: 'task-final', cancelledAt: now, reason: 'Увольнение наставляемого' } },
        ]));

    it('closes the mentor’s term and keeps termination apart from completion', () => {
      const state = formedState(terminatedPair);
      expect(state.status).toBe('terminated');
      expect(state.completedAt).toBeUndefined();
      expect(state.termination).toEqual({ reason: 'Увольнение наставляемого', order: terminationOrder, terminatedAt: now, terminatedBy: 'director-1' });
      expect(state.mentorHistory.at(-1)?.to).toBe(now);
    });

    it('requires a reason', () => spec.given(inFormed).when(terminate({ reason: '' })).thenRefuses('pair.termination.reasonRequired'));

    it('requires the order', () => spec.given(inFormed).when(terminate({ order: undefined })).thenRefuses('pair.order.missing', ['order.missing']));

    it('refuses a curator', () => spec.given(inFormed).when(terminate({}, curator)).thenRefuses('pair.forbidden'));

    it('refuses terminating twice, or a completed pair', () => {
      spec.given(terminatedPair).when(terminate()).thenRefuses('pair.closed');
      spec.given(completedPair).when(terminate()).thenRefuses('pair.closed');
    });

    it('refuses a pair not formed', () => spec.given([]).when(terminate()).thenRefuses('pair.notFormed'));
  });

  describe('gate counts for the programme', () => {
    it('counts what the stage gates need; terminated pairs do not count, completed ones count everywhere', () => {
      const other = (events: PairEvent[]): PairState => fold(events);
      expect(
        pairGateCounts([
          pairDecider.initialState(),
          other(inFormed),
          other(inActive),
          other([...inActive, ...interimFailed]),
          other(afterInterim),
          other(completedPair),
          other(terminatedPair),
          other([...inActive, pairTerminated]),
        ]),
      ).toEqual({
        pairsAssigned: 5,
        pairsAssignedWithOrderAndConsents: 5,
        pairsWithApprovedPersonalProgramme: 4,
        activePairs: 4,
        activePairsPassedInterimControl: 2,
      });
    });

    it('keeps a pair whose new mentor consented among pairs with order and consents', () =>
      expect(pairGateCounts([fold([...inFormed, mentorReplaced()])]).pairsAssignedWithOrderAndConsents).toBe(1));

    it('counts nothing for no pairs', () =>
      expect(pairGateCounts([])).toEqual({
        pairsAssigned: 0,
        pairsAssignedWithOrderAndConsents: 0,
        pairsWithApprovedPersonalProgramme: 0,
        activePairs: 0,
        activePairsPassedInterimControl: 0,
      }));
  });

  it('labels every form, kind, reason and status in Russian', () => {
    expect(Object.keys(pairFormLabels)).toEqual([...pairForms]);
    expect(Object.keys(pairKindLabels)).toEqual([...pairKinds]);
    expect(Object.keys(mentorReplacementReasonLabels)).toEqual([...mentorReplacementReasons]);
    expect(Object.keys(pairStatusLabels)).toEqual([...pairStatuses]);
    expect(pairFormLabels.teacherTeacher).toBe('Педагог – педагог');
  });
});
