import type { RouteCommand } from './route.commands';
import { routeDecider } from './route.decider';
import type { CompetenceArea } from './route.events';
import { routeDraftDeliveredOnTime } from './route.indicators';
import {
  admin,
  agree,
  allResults,
  approveProposal,
  command,
  completeRoute,
  correct,
  createData,
  created,
  created_,
  curatorAssignee,
  diagnosticsRecorded,
  draftDone,
  draftOverdue,
  draftRaised,
  draftRows,
  fold,
  goal,
  goalFixed,
  goalTasks,
  inDesign,
  inDiagnostic,
  inImplementation,
  markOverdue,
  methodologist,
  methodologistAssignee,
  otherTutor,
  overdueEvents,
  overdueEventsTo,
  portfolio,
  raiseMonthly,
  recordControl,
  recordDiagnostics,
  spec,
  stageChanged,
  submitDraft,
  tAgree,
  tCreate,
  tDiagnostics,
  tLate,
  tMonthly,
  tReflect,
  teacher,
  titlePage,
  tutor,
  tutorAssignee,
  workflow,
} from './route.fixtures';

describe('individual educational route (ИОМ)', () => {
  describe('a route that does not exist', () => {
    it.each<RouteCommand>([
      command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)),
      recordDiagnostics(),
      markOverdue(),
      command('RemindTask', { taskId: 'task-draft' }, workflow(tCreate)),
      submitDraft(),
      command('ProposeOwnRoadMap', { rows: draftRows }, teacher(tAgree)),
      approveProposal(),
      agree(),
      raiseMonthly(),
      command('CompleteTask', { taskId: 'task-draft', result: 'готово' }, tutor(tAgree)),
      portfolio(),
      correct('причина', draftRows),
      command('StartReflection', {}, tutor(tReflect)),
      recordControl(),
      completeRoute(),
    ])('refuses $type', (cmd) => spec.given([]).when(cmd).thenRefuses('route.notCreated'));
  });

  describe('CreateRoute', () => {
    it('creates the route in the diagnostic-motivational stage', () =>
      spec
        .given([])
        .when(command('CreateRoute', createData, tutor(tCreate)))
        .then([created]));

    it('fixes the goal and tasks given with the title page, trimmed', () =>
      spec
        .given([])
        .when(
          command(
            'CreateRoute',
            { ...createData, goal: ` ${goal} `, tasks: goalTasks.map((t) => `${t} `) },
            tutor(tCreate),
          ),
        )
        .then([created, goalFixed()]));

    it('lets an administrator register a route for the tutor', () =>
      spec
        .given([])
        .when(command('CreateRoute', createData, admin(tCreate)))
        .then([{ ...created, data: { ...created.data, createdBy: 'admin-1' } }]));

    it('refuses a second creation', () =>
      spec
        .given([created])
        .when(command('CreateRoute', createData, tutor(tCreate)))
        .thenRefuses('route.alreadyCreated'));

    it('refuses a tutor who is not the route’s tutor', () =>
      spec
        .given([])
        .when(command('CreateRoute', createData, otherTutor(tCreate)))
        .thenRefuses('route.forbidden'));

    it('lists every missing or invalid field', () =>
      spec
        .given([])
        .when(
          command(
            'CreateRoute',
            {
              ...createData,
              code: '63-42-2026-17',
              organisationId: ' ',
              methodologistId: 'teacher-1',
              titlePage: {
                ...titlePage,
                position: '',
                lastAttestationDate: '2024-02-30',
                teachingExperienceYears: -1,
                selfEducationTopic: ' ',
              },
              tasks: goalTasks,
            },
            admin(tCreate),
          ),
        )
        .thenRefuses('route.invalid', [
          'route.code.invalid',
          'route.organisationId.empty',
          'route.teacher.isSupervisor',
          'titlePage.position.empty',
          'titlePage.lastAttestationDate.invalid',
          'titlePage.teachingExperience.invalid',
          'titlePage.selfEducationTopic.empty',
          'goal.empty',
        ]));

    it('refuses blank participants and ids', () =>
      spec
        .given([])
        .when(
          command(
            'CreateRoute',
            { ...createData, routeId: '', teacherId: ' ', methodologistId: '', tutorId: '' },
            admin(tCreate),
          ),
        )
        .thenRefuses('route.invalid', [
          'route.id.empty',
          'route.teacherId.empty',
          'route.methodologistId.empty',
          'route.tutorId.empty',
        ]));

    // 003 §3.1: the teacher sets the period; 4–5 years are recommended (000, 002): no shortest period.
    it.each([
      ['2026-05-04', '2026-05-04', 'accepted'],
      ['2026-05-04', '2026-11-30', 'accepted'],
      ['2026-05-04', '2031-05-03', 'accepted'],
      ['2028-02-29', '2033-02-28', 'accepted'],
      ['2026-05-04', '2031-05-04', 'titlePage.period.confirmationRequired'],
      ['2026-05-04', '2026-05-03', 'titlePage.period.invalid'],
    ])('a route from %s to %s: %s (end date inclusive)', (startDate, endDate, verdict) => {
      const cmd = command(
        'CreateRoute',
        { ...createData, titlePage: { ...titlePage, startDate, endDate } },
        tutor(tCreate),
      );
      if (verdict === 'accepted') expect(routeDecider.decide(cmd, fold([]))).toHaveLength(1);
      else spec.given([]).when(cmd).thenRefuses('route.invalid', [verdict]);
    });

    it('accepts a period over five years once confirmed, and records the confirmation', () => {
      const long = { ...titlePage, startDate: '2026-05-04', endDate: '2032-05-03' };
      const [event] = routeDecider.decide(
        command('CreateRoute', { ...createData, titlePage: long, confirmLongPeriod: true }, tutor(tCreate)),
        fold([]),
      );
      expect(event).toMatchObject({ type: 'RouteCreated', data: { longPeriodConfirmed: true, titlePage: long } });
    });

    it('refuses dates that are not dates', () =>
      spec
        .given([])
        .when(
          command(
            'CreateRoute',
            { ...createData, titlePage: { ...titlePage, startDate: '04.05.2026', endDate: '2030-02-31' } },
            tutor(tCreate),
          ),
        )
        .thenRefuses('route.invalid', ['titlePage.startDate.invalid', 'titlePage.endDate.invalid']));
  });

  describe('FixGoal', () => {
    it('fixes the goal and tasks', () =>
      spec
        .given([created])
        .when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)))
        .then([goalFixed()]));

    it('may restate the goal in the design stage, after the diagnostics', () =>
      spec
        .given(inDesign)
        .when(command('FixGoal', { goal: 'Новая цель', tasks: ['Задача'] }, tutor(tAgree)))
        .then([goalFixed(tAgree, 'Новая цель', ['Задача'])]));

    it('records nothing when the same goal is sent again', () =>
      spec
        .given(inDiagnostic)
        .when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tCreate)))
        .then([]));

    it('refuses the teacher: the tutor fixes the goal with the teacher', () =>
      spec
        .given([created])
        .when(command('FixGoal', { goal, tasks: goalTasks }, teacher(tCreate)))
        .thenRefuses('route.forbidden'));

    it('lists what is missing', () =>
      spec
        .given([created])
        .when(command('FixGoal', { goal: ' ', tasks: [] }, tutor(tCreate)))
        .thenRefuses('route.goal.invalid', ['goal.empty', 'goal.tasks.empty']));

    it('refuses a blank task', () =>
      spec
        .given([created])
        .when(command('FixGoal', { goal, tasks: ['Задача', ' '] }, tutor(tCreate)))
        .thenRefuses('route.goal.invalid', ['goal.task.empty']));

    it('refuses once the road map is agreed', () =>
      spec
        .given(inImplementation)
        .when(command('FixGoal', { goal, tasks: goalTasks }, tutor(tMonthly)))
        .thenRefuses('route.stage.mismatch'));
  });

  describe('RecordDiagnostics', () => {
    it('records levels, opens the design stage and gives the methodologist the draft task with the due it was given', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics())
        .then([diagnosticsRecorded, stageChanged('diagnosticMotivational', 'design', tDiagnostics), draftRaised]));

    it('accepts a subset of the areas and lists results in the order of the areas', () => {
      const [event] = routeDecider.decide(
        recordDiagnostics({
          results: [
            { area: 'ict', percent: 35 },
            { area: 'scientificTheoretical', percent: 85 },
          ],
          nextDiagnosticsDate: undefined,
        }),
        fold(inDiagnostic),
      );
      expect(event).toEqual({
        ...diagnosticsRecorded,
        data: {
          ...diagnosticsRecorded.data,
          nextDiagnosticsDate: undefined,
          results: [
            { area: 'scientificTheoretical', percent: 85, level: 'high' },
            { area: 'ict', percent: 35, level: 'deficit' },
          ],
        },
      });
    });

    it('refuses an area given twice', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [...allResults, { area: 'ict', percent: 90 }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.area.duplicate']));

    it.each([101, -5, Number.NaN])('refuses a percent out of range (%p)', (percent) =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [{ area: 'ict', percent }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.percent.outOfRange']),
    );

    it('lists every problem of the results', () =>
      spec
        .given(inDiagnostic)
        .when(
          recordDiagnostics({ diagnosticsId: '', date: '28.04.2026', results: [], nextDiagnosticsDate: '2026-04-01' }),
        )
        .thenRefuses('route.diagnostics.invalid', [
          'diagnostics.id.empty',
          'diagnostics.date.invalid',
          'diagnostics.results.empty',
          'diagnostics.nextDate.invalid',
        ]));

    it('refuses an unknown area', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({ results: [{ area: 'sport' as CompetenceArea, percent: 50 }] }))
        .thenRefuses('route.diagnostics.invalid', ['diagnostics.area.unknown']));

    it('refuses a draft deadline that is not after now, and bad reminders', () =>
      spec
        .given(inDiagnostic)
        .when(
          recordDiagnostics({
            draftDueAt: '2026-04-28T06:00:00.000Z',
            draftDueLocalDate: '2026-04-28',
            remindAt: ['завтра'],
          }),
        )
        .thenRefuses('route.task.invalid', ['task.dueAt.invalid', 'task.remindAt.invalid']));

    it('refuses the methodologist: the tutor records the diagnostics', () =>
      spec
        .given(inDiagnostic)
        .when(recordDiagnostics({}, methodologist(tDiagnostics)))
        .thenRefuses('route.forbidden'));

    it('refuses a second initial diagnostics', () =>
      spec.given(inDesign).when(recordDiagnostics()).thenRefuses('route.stage.mismatch'));
  });

  describe('MarkDraftOverdue: 10 working days passed without a draft', () => {
    it('marks the draft task overdue and escalates it to the tutor and the curator', () =>
      spec.given(inDesign).when(markOverdue()).then(overdueEvents));

    it('the draft task stays open and visibly overdue; two escalation tasks are open', () => {
      const state = created_(draftOverdue);
      expect(state.tasks['task-draft']).toMatchObject({
        status: 'overdue',
        escalatedTo: [tutorAssignee, curatorAssignee],
      });
      expect(state.tasks['task-esc-tutor']).toMatchObject({
        status: 'open',
        kind: 'draftOverdueEscalation',
        assignee: tutorAssignee,
      });
      expect(state.tasks['task-esc-curator']).toMatchObject({ status: 'open', assignee: curatorAssignee });
      expect(state.draft).toMatchObject({ overdue: true });
      expect(routeDraftDeliveredOnTime(state)).toBe(false);
    });

    it('without a curator escalates to the tutor alone', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ curatorId: undefined, escalationTaskIds: { tutor: 'task-esc-tutor' } }))
        .then(overdueEventsTo(true)));

    it('refuses a curator without a task id for them', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ escalationTaskIds: { tutor: 'task-esc-tutor' } }))
        .thenRefuses('route.task.invalid', ['escalation.curator.incomplete']));

    it('refuses escalation tasks sharing an id or reusing the draft task id', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ escalationTaskIds: { tutor: 'task-draft', curator: 'task-draft' } }))
        .thenRefuses('route.task.invalid', ['task.id.duplicate', 'task.id.duplicate', 'task.id.duplicate']));

    it('refuses before the end of the 10th working day', () =>
      spec.given(inDesign).when(markOverdue({}, '2026-05-14T19:59:59.000Z')).thenRefuses('route.draft.notYetDue'));

    it('refuses a second mark', () =>
      spec.given(draftOverdue).when(markOverdue({}, tLate)).thenRefuses('route.draft.alreadyOverdue'));

    it('refuses once the draft was submitted', () =>
      spec.given(draftDone).when(markOverdue()).thenRefuses('route.draft.notOpen'));

    it('refuses a task that is not the draft task', () =>
      spec
        .given(inDesign)
        .when(markOverdue({ taskId: 'task-other' }))
        .thenRefuses('route.draft.notFound'));
  });

  describe('RemindTask', () => {
    it('reminds the assignee of an open task', () =>
      spec
        .given(inDesign)
        .when(command('RemindTask', { taskId: 'task-draft' }, workflow('2026-05-13T05:00:00.000Z')))
        .then([
          {
            type: 'TaskReminded',
            data: { taskId: 'task-draft', remindedAt: '2026-05-13T05:00:00.000Z', assignee: methodologistAssignee },
          },
        ]));

    it('reminds of an overdue task too', () =>
      spec
        .given(draftOverdue)
        .when(command('RemindTask', { taskId: 'task-draft' }, workflow(tLate)))
        .then([
          { type: 'TaskReminded', data: { taskId: 'task-draft', remindedAt: tLate, assignee: methodologistAssignee } },
        ]));

    it('does nothing for a task already done', () =>
      spec
        .given(draftDone)
        .when(command('RemindTask', { taskId: 'task-draft' }, workflow(tLate)))
        .then([]));

    it('refuses an unknown task', () =>
      spec
        .given(inDesign)
        .when(command('RemindTask', { taskId: 'task-x' }, workflow(tLate)))
        .thenRefuses('task.notFound'));
  });
});
