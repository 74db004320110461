import type { PairCommand } from './pair.commands';
import { pairDecider } from './pair.decider';
import type { PairControlTask, PairEvent } from './pair.events';
import {
  at,
  controller,
  curator,
  fold,
  formedState,
  head,
  inActive,
  interimFailed,
  interimTime,
  mentee,
  mentor,
  repeatControl,
  spec,
  taskRaised,
} from './pair.fixtures';

const correctionTitle = 'Представить корректировку персонализированной программы по итогам промежуточного контроля';
const correctionTask: PairControlTask = { ...repeatControl, taskId: 'task-correction' };

describe('correcting the personalised programme', () => {
  describe('interim control that needs correction', () => {
    const fail = (data: Partial<Extract<PairCommand, { type: 'PassInterimControl' }>['data']> = {}): PairCommand => ({
      type: 'PassInterimControl',
      data: {
        taskId: 'task-interim',
        outcome: 'needsCorrection',
        comment: 'Скорректировать план посещений',
        repeatControl,
        correctionTask,
        ...data,
      },
      metadata: { ...head, now: interimTime, today: '2027-01-14' },
    });

    it('records the outcome, raises the repeat control and the mentor’s task to submit a correction', () =>
      spec
        .given(inActive)
        .when(fail())
        .then([
          { ...interimFailed[0], data: { ...interimFailed[0].data, correctionTaskId: 'task-correction' } } as PairEvent,
          interimFailed[1],
          interimFailed[2],
          taskRaised(
            correctionTask,
            'programmeCorrection',
            correctionTitle,
            { personId: 'mentor-1', role: 'mentor' },
            interimTime,
          ),
        ]));

    it('refuses a repeat control dated before today', () =>
      spec
        .given(inActive)
        .when(
          fail({
            repeatControl: { taskId: 'r', dueAt: '2027-01-10T21:00:00.000Z', dueLocalDate: '2027-01-10' },
            correctionTask: undefined,
          }),
        )
        .thenRefuses('pair.control.invalid', ['control.repeat.inPast']));

    it('keeps the pair going: the controller sees the repeat control', () =>
      expect(formedState([...inActive, ...interimFailed]).controlPlan?.interimTaskIds).toContain('task-interim-2'));
  });

  const revision = {
    correctionId: 'corr-1',
    reason: ' Открытый урок переносится на апрель ',
    start: '2026-09-01',
    end: '2027-06-30',
    directions: ['Методика преподавания'],
    activities: [{ title: 'Открытый урок наставляемого', plannedDate: '2027-04-10' }],
    difficulties: ['Дисциплина на уроке'],
  };
  const proposedAt = '2027-01-20T09:00:00.000Z';
  const propose = (
    data: Partial<typeof revision> = {},
    metadata = at('mentor-1', 'mentor', proposedAt),
  ): PairCommand => ({
    type: 'ProposeProgrammeCorrection',
    data: { ...revision, ...data },
    metadata,
  });
  const proposed: PairEvent = {
    type: 'PersonalProgrammeCorrectionProposed',
    data: {
      pairId: 'pair-1',
      ...revision,
      reason: 'Открытый урок переносится на апрель',
      proposedAt,
      proposedBy: 'mentor-1',
    },
  };
  const decidedAt = '2027-01-22T09:00:00.000Z';
  const newFinal: PairControlTask = {
    taskId: 'task-final-2',
    dueAt: '2027-06-30T21:00:00.000Z',
    dueLocalDate: '2027-06-30',
  };
  const newReport: PairControlTask = {
    taskId: 'task-report-2',
    dueAt: '2027-06-30T21:00:00.000Z',
    dueLocalDate: '2027-06-30',
  };
  const decide = (
    data: Partial<Extract<PairCommand, { type: 'DecideProgrammeCorrection' }>['data']> = {},
    metadata = at('head-1', 'commissionHead', decidedAt),
  ): PairCommand => ({
    type: 'DecideProgrammeCorrection',
    data: { correctionId: 'corr-1', decision: 'approved', finalControl: newFinal, mentorReport: newReport, ...data },
    metadata,
  });
  const retimed = 'Срок перенесён корректировкой персонализированной программы';

  describe('ProposeProgrammeCorrection', () => {
    it('records the mentor’s new version with the reason', () => spec.given(inActive).when(propose()).then([proposed]));

    it('completes the mentor’s correction task', () => {
      const withTask = [
        ...inActive,
        taskRaised(correctionTask, 'programmeCorrection', correctionTitle, { personId: 'mentor-1', role: 'mentor' }),
      ];
      spec
        .given(withTask)
        .when(propose())
        .then([
          proposed,
          {
            type: 'TaskCompleted',
            data: { taskId: 'task-correction', completedAt: proposedAt, completedBy: 'mentor-1', result: 'proposed' },
          },
        ]);
    });

    it.each([mentee, curator])('refuses $actorId proposing it', (metadata) =>
      spec.given(inActive).when(propose({}, metadata)).thenRefuses('pair.forbidden'),
    );

    it('requires the reason, directions and activities within the programme', () => {
      spec
        .given(inActive)
        .when(propose({ reason: ' ' }))
        .thenRefuses('pair.correction.reason.empty');
      spec
        .given(inActive)
        .when(propose({ directions: [], activities: [{ title: 'Урок', plannedDate: '2027-08-01' }] }))
        .thenRefuses('pair.correction.invalid', ['programme.directions.empty', 'programme.activity.1.invalid']);
    });

    it('keeps the programme within the term and before an open interim control’s date', () => {
      spec
        .given(inActive)
        .when(propose({ start: '2026-10-01', end: '2027-09-30' }))
        .thenRefuses('pair.programme.outsideTerm');
      spec
        .given(inActive)
        .when(propose({ end: '2027-01-10', activities: [{ title: 'Урок', plannedDate: '2026-12-10' }] }))
        .thenRefuses('pair.correction.interimAfterEnd');
    });

    it('refuses a second proposal while one awaits decision', () =>
      spec
        .given([...inActive, proposed])
        .when(propose({ correctionId: 'corr-2' }))
        .thenRefuses('pair.correction.pending'));
  });

  describe('DecideProgrammeCorrection', () => {
    /** Version 2 approved by the commission head; `retimed` names the controls' new tasks when the end moved. */
    const correctedEvent = (retimed: { finalTaskId?: string; mentorReportTaskId?: string } = {}): PairEvent => ({
      type: 'PersonalProgrammeCorrected',
      data: {
        pairId: 'pair-1',
        programmeId: 'prog-1',
        correctionId: 'corr-1',
        version: 2,
        ...retimed,
        approvedAt: decidedAt,
        approvedBy: 'head-1',
      },
    });
    const corrected = correctedEvent({ finalTaskId: 'task-final-2', mentorReportTaskId: 'task-report-2' });

    it('approves the version and re-times the final control and the mentor’s report to the new end', () =>
      spec
        .given([...inActive, proposed])
        .when(decide())
        .then([
          corrected,
          { type: 'TaskCancelled', data: { taskId: 'task-final', cancelledAt: decidedAt, reason: retimed } },
          taskRaised(newFinal, 'finalControl', 'Итоговый контроль наставнической пары/группы', controller, decidedAt),
          { type: 'TaskCancelled', data: { taskId: 'task-report', cancelledAt: decidedAt, reason: retimed } },
          taskRaised(
            newReport,
            'finalControl',
            'Отчёт наставника по итогам наставничества с заключением о результатах адаптации',
            { personId: 'mentor-1', role: 'mentor' },
            decidedAt,
          ),
        ]));

    it('keeps every version: the first approval and the correction', () => {
      const events = [...inActive, proposed, ...pairDecider.decide(decide(), fold([...inActive, proposed]))];
      const state = formedState(events);
      expect(state.personalProgrammeVersions?.map((v) => [v.version, v.end, v.reason])).toEqual([
        [1, '2027-05-31', undefined],
        [2, '2027-06-30', 'Открытый урок переносится на апрель'],
      ]);
      expect(state.personalProgramme?.end).toBe('2027-06-30');
      expect(state.controlPlan?.finalTaskId).toBe('task-final-2');
      expect(state.pendingCorrection).toBeUndefined();
    });

    it('does not re-time the controls when the end stays', () => {
      const sameEnd: PairEvent = {
        ...proposed,
        data: { ...(proposed.data as object), end: '2027-05-31' },
      } as PairEvent;
      spec
        .given([...inActive, sameEnd])
        .when(decide({ finalControl: undefined, mentorReport: undefined }))
        .then([correctedEvent()]);
    });

    it('returns it with a comment, and the mentor can propose again', () => {
      const returned: PairEvent = {
        type: 'PersonalProgrammeCorrectionReturned',
        data: {
          pairId: 'pair-1',
          correctionId: 'corr-1',
          comment: 'Добавьте мероприятие по оцениванию',
          returnedAt: decidedAt,
          returnedBy: 'head-1',
        },
      };
      spec
        .given([...inActive, proposed])
        .when(decide({ decision: 'returned', comment: 'Добавьте мероприятие по оцениванию' }))
        .then([returned]);
      spec
        .given([...inActive, proposed])
        .when(decide({ decision: 'returned' }))
        .thenRefuses('pair.correction.comment.empty');
      spec
        .given([...inActive, proposed, returned])
        .when(propose({ correctionId: 'corr-2' }))
        .then([{ ...proposed, data: { ...proposed.data, correctionId: 'corr-2' } } as PairEvent]);
      // The mentor reads what to rework beside the returned version, until the next proposal.
      const afterReturn = fold([...inActive, proposed, returned]);
      expect(afterReturn).toMatchObject({
        returnedCorrection: {
          correctionId: 'corr-1',
          reason: (proposed.data as { reason: string }).reason,
          comment: 'Добавьте мероприятие по оцениванию',
          returnedBy: 'head-1',
        },
      });
      expect((afterReturn as { pendingCorrection?: unknown }).pendingCorrection).toBeUndefined();
      const again = { ...proposed, data: { ...proposed.data, correctionId: 'corr-2' } } as PairEvent;
      expect(formedState([...inActive, proposed, returned, again]).returnedCorrection).toBeUndefined();
    });

    it('refuses the mentor deciding, and an unknown correction', () => {
      spec
        .given([...inActive, proposed])
        .when(decide({}, mentor))
        .thenRefuses('pair.forbidden');
      spec.given(inActive).when(decide()).thenRefuses('pair.correction.notFound');
    });

    it('needs the new control dates when the end moves', () =>
      spec
        .given([...inActive, proposed])
        .when(decide({ finalControl: undefined }))
        .thenRefuses('pair.control.invalid', ['control.final.missing']));
  });
});
