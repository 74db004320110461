import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type { ProgrammeDocumentKind, ProgrammeEvent, ProgrammeStage } from './programme.events';
import { programmeStageLabels } from './programme.labels';
import {
  advance,
  at,
  curator,
  doc,
  fold,
  inDesign,
  inPreparatory,
  now,
  otherCurator,
  overdue,
  plan,
  planned,
  ready,
  recorded,
  spec,
} from './programme.fixtures';

/** What the timer records the day after the preparatory stage's planned end (30.04.2026) has passed. */
const overdueEvent: ProgrammeEvent = {
  type: 'StagePlanOverdue',
  data: {
    programmeId: 'prog-1',
    stage: 'preparatory',
    plannedEnd: '2026-04-30',
    detectedAt: '2026-05-01T00:00:00.000Z',
  },
};

describe('organisation mentoring programme', () => {
  describe('PlanStageDates', () => {
    it('plans the end of the current stage', () =>
      spec
        .given(inPreparatory)
        .when(plan('preparatory', '2026-04-30'))
        .then([planned('preparatory', '2026-04-30')]));

    it('plans a later stage ahead', () =>
      spec
        .given(inPreparatory)
        .when(plan('results', '2026-12-25'))
        .then([planned('results', '2026-12-25')]));

    it('moves a plan, naming the previous date', () =>
      spec
        .given([...inPreparatory, planned('preparatory', '2026-04-30')])
        .when(plan('preparatory', '2026-05-15'))
        .then([planned('preparatory', '2026-05-15', '2026-04-30')]));

    it('records nothing when the same plan is sent again', () =>
      spec
        .given([...inPreparatory, planned('preparatory', '2026-04-30')])
        .when(plan('preparatory', '2026-04-30'))
        .then([]));

    it.each(['2026-02-30', '30.04.2026', ''])('refuses the date %p', (plannedEnd) =>
      spec.given(inPreparatory).when(plan('preparatory', plannedEnd)).thenRefuses('programme.plan.dateInvalid'),
    );

    it('refuses planning a stage already left', () =>
      spec.given(inDesign).when(plan('preparatory', '2026-04-30')).thenRefuses('programme.plan.stageLeft'));

    it('refuses an unknown stage', () =>
      spec
        .given(inDesign)
        .when(plan('closed' as ProgrammeStage, '2026-04-30'))
        .thenRefuses('programme.stage.unknown'));

    it('refuses another programme’s curator', () =>
      spec
        .given(inDesign)
        .when(plan('design', '2026-04-30', otherCurator))
        .thenRefuses('programme.forbidden'));
  });

  describe('MarkStagePlanOverdue', () => {
    const withPlan = [...inPreparatory, planned('preparatory', '2026-04-30')];

    it('marks the stage overdue once its planned day has ended', () =>
      spec.given(withPlan).when(overdue('preparatory', '2026-04-30')).then([overdueEvent]));

    it('refuses when the stage was left before the timer fired', () =>
      spec
        .given([...withPlan, ...inDesign.slice(2)])
        .when(overdue('preparatory', '2026-04-30'))
        .thenRefuses('programme.plan.stageLeft'));

    it('refuses when the plan was moved after the timer was set', () =>
      spec
        .given([...withPlan, planned('preparatory', '2026-05-15', '2026-04-30')])
        .when(overdue('preparatory', '2026-04-30'))
        .thenRefuses('programme.plan.changed'));

    it('refuses when the stage has no plan', () =>
      spec.given(inPreparatory).when(overdue('preparatory', '2026-04-30')).thenRefuses('programme.plan.notPlanned'));

    it('refuses a second mark for the same plan', () =>
      spec
        .given([...withPlan, overdueEvent])
        .when(overdue('preparatory', '2026-04-30'))
        .thenRefuses('programme.plan.alreadyOverdue'));

    it('marks again after the plan is moved and missed again', () =>
      spec
        .given([...withPlan, overdueEvent, planned('preparatory', '2026-05-15', '2026-04-30')])
        .when(overdue('preparatory', '2026-05-15', '2026-05-16T00:00:00.000Z'))
        .then([
          {
            ...overdueEvent,
            data: { ...overdueEvent.data, plannedEnd: '2026-05-15', detectedAt: '2026-05-16T00:00:00.000Z' },
          },
        ]));

    it('refuses a timer that fires before the planned day can have ended in any time zone', () =>
      spec
        .given(withPlan)
        .when(overdue('preparatory', '2026-04-30', '2026-04-30T09:59:59.000Z'))
        .thenRefuses('programme.plan.notYetDue'));

    it('accepts the end of the day in Kamchatka (UTC+12)', () =>
      spec
        .given(withPlan)
        .when(overdue('preparatory', '2026-04-30', '2026-04-30T12:00:00.000Z'))
        .then([{ ...overdueEvent, data: { ...overdueEvent.data, detectedAt: '2026-04-30T12:00:00.000Z' } }]));

    it('refuses an unknown stage', () =>
      spec
        .given(withPlan)
        .when(overdue('later' as ProgrammeStage, '2026-04-30'))
        .thenRefuses('programme.stage.unknown'));

    it('a later stage planned ahead can be overdue while an earlier one runs', () =>
      spec
        .given([...inPreparatory, planned('design', '2026-04-30')])
        .when(overdue('design', '2026-04-30'))
        .then([{ ...overdueEvent, data: { ...overdueEvent.data, stage: 'design' } }]));
  });

  describe("the curator's stage-plan reminder task", () => {
    const reminder = {
      taskId: 'task-1',
      dueAt: '2026-04-30T20:00:00.000Z',
      dueLocalDate: '2026-04-30',
      remindAt: ['2026-04-28T20:00:00.000Z'],
    };
    const planWithReminder: ProgrammeCommand = {
      type: 'PlanStageDates',
      data: { stage: 'preparatory', plannedEnd: '2026-04-30', reminder },
      metadata: curator,
    };
    const raised: ProgrammeEvent = {
      type: 'TaskRaised',
      data: {
        taskId: 'task-1',
        kind: 'stagePlanReminder',
        title: `Завершить этап «${programmeStageLabels.preparatory}» до 30.04.2026`,
        assignee: { personId: 'curator-1', role: 'curator' },
        organisationId: 'org-1',
        subject: { type: 'programme', id: 'prog-1' },
        raisedAt: now,
        dueAt: reminder.dueAt,
        dueLocalDate: '2026-04-30',
        remindAt: reminder.remindAt,
      },
    };
    const plannedWithReminder: ProgrammeEvent = {
      type: 'StagePlanned',
      data: {
        programmeId: 'prog-1',
        stage: 'preparatory',
        plannedEnd: '2026-04-30',
        plannedAt: now,
        plannedBy: 'curator-1',
        reminderTaskId: 'task-1',
      },
    };

    it('raises a task for the curator, due at the end of the planned day', () =>
      spec.given(inPreparatory).when(planWithReminder).then([plannedWithReminder, raised]));

    it('reminds the curator while the task is open, and not after it is done', () => {
      const remind: ProgrammeCommand = {
        type: 'RemindProgrammeTask',
        data: { taskId: 'task-1' },
        metadata: at('system', 'administrator', '2026-04-28T20:00:00.000Z'),
      };
      spec
        .given([...inPreparatory, plannedWithReminder, raised])
        .when(remind)
        .then([
          {
            type: 'TaskReminded',
            data: {
              taskId: 'task-1',
              remindedAt: '2026-04-28T20:00:00.000Z',
              assignee: { personId: 'curator-1', role: 'curator' },
            },
          },
        ]);
      spec
        .given([
          ...inPreparatory,
          plannedWithReminder,
          raised,
          {
            type: 'TaskCompleted',
            data: { taskId: 'task-1', completedAt: now, completedBy: 'curator-1', result: 'Этап завершён' },
          },
        ])
        .when(remind)
        .then([]);
    });

    it('marks the task overdue together with the stage plan', () =>
      spec
        .given([...inPreparatory, plannedWithReminder, raised])
        .when(overdue('preparatory', '2026-04-30'))
        .then([
          overdueEvent,
          { type: 'TaskOverdue', data: { taskId: 'task-1', overdueAt: '2026-05-01T00:00:00.000Z' } },
        ]));

    it('completes the task when the curator leaves the stage', () => {
      const [advancedEvent] = programmeDecider.decide(
        advance(ready),
        fold([
          ...inPreparatory,
          ...['implementationAct', 'regulationApprovalOrder'].map((k) => recorded(doc(k as ProgrammeDocumentKind))),
        ]),
      );
      spec
        .given([
          ...inPreparatory,
          recorded(doc('implementationAct')),
          recorded(doc('regulationApprovalOrder')),
          plannedWithReminder,
          raised,
        ])
        .when(advance(ready))
        .then([
          advancedEvent as ProgrammeEvent,
          {
            type: 'TaskCompleted',
            data: { taskId: 'task-1', completedAt: now, completedBy: 'curator-1', result: 'Этап завершён' },
          },
        ]);
    });

    it('cancels the old reminder when the plan moves', () =>
      spec
        .given([...inPreparatory, plannedWithReminder, raised])
        .when({
          type: 'PlanStageDates',
          data: {
            stage: 'preparatory',
            plannedEnd: '2026-05-15',
            reminder: { ...reminder, taskId: 'task-2', dueLocalDate: '2026-05-15' },
          },
          metadata: curator,
        })
        .thenEventTypes(['StagePlanned', 'TaskCancelled', 'TaskRaised']));
  });
});
