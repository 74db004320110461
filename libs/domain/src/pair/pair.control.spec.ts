import type { CommandMetadata } from '../shared/decider';
import type { PairCommand } from './pair.commands';
import { pairDecider } from './pair.decider';
import { mayCompletePair } from './pair.control';
import type { PairControlTask, PairEvent } from './pair.events';
import {
  admin,
  afterFinal,
  afterInterim,
  approve,
  at,
  completedPair,
  curator,
  finalCompleted,
  finalTime,
  fold,
  form,
  formed,
  formedState,
  groupData,
  head,
  inActive,
  inFormed,
  interimFailed,
  interimPassed,
  interimTime,
  mentee,
  mentor,
  mentorReplaced,
  now,
  order,
  pairCompleted,
  readyForFinal,
  repeatControl,
  reportSubmitted,
  reportTime,
  spec,
} from './pair.fixtures';

describe('mentoring pair or group', () => {
  describe('diary and reports', () => {
    const entry = { entryId: 'diary-1', date: '2026-09-14', text: ' Посетили урок наставляемого в 7 «Б». ' };
    const diary = (
      metadata: CommandMetadata,
      data: Partial<typeof entry> = {},
      when = '2026-09-14T15:00:00.000Z',
    ): PairCommand => ({
      type: 'RecordDiaryEntry',
      data: { ...entry, ...data },
      metadata: { ...metadata, now: when },
    });
    const report = (metadata: CommandMetadata, data: Partial<typeof entry> = {}): PairCommand => ({
      type: 'RecordMenteeReport',
      data: { ...entry, entryId: 'report-1', ...data },
      metadata: { ...metadata, now: '2026-09-14T15:00:00.000Z' },
    });
    const diaryRecorded = (
      mentorId = 'mentor-1',
      entryId = 'diary-1',
      date = '2026-09-14',
      recordedAt = '2026-09-14T15:00:00.000Z',
    ): PairEvent => ({
      type: 'MentorDiaryEntryRecorded',
      data: { pairId: 'pair-1', entryId, mentorId, date, text: 'Посетили урок наставляемого в 7 «Б».', recordedAt },
    });

    it('records the mentor’s diary entry', () => spec.given(inActive).when(diary(mentor)).then([diaryRecorded()]));

    it('accepts a diary entry before the programme is approved', () =>
      spec.given(inFormed).when(diary(mentor)).then([diaryRecorded()]));

    it.each([mentee, curator, at('mentor-9', 'mentor')])('refuses $actorId writing the mentor’s diary', (metadata) =>
      spec.given(inActive).when(diary(metadata)).thenRefuses('pair.forbidden'),
    );

    it('refuses text over 4000 characters', () =>
      spec
        .given(inActive)
        .when(diary(mentor, { text: 'а'.repeat(4001) }))
        .thenRefuses('pair.entry.invalid', ['entry.text.tooLong']));

    it('accepts exactly 4000 characters', () =>
      expect(pairDecider.decide(diary(mentor, { text: 'а'.repeat(4000) }), fold(inActive))).toHaveLength(1));

    it('refuses an empty text, a future date and a date before the term', () => {
      spec
        .given(inActive)
        .when(diary(mentor, { text: '  ' }))
        .thenRefuses('pair.entry.invalid', ['entry.text.empty']);
      spec
        .given(inActive)
        .when(diary(mentor, { date: '2026-09-16' }))
        .thenRefuses('pair.entry.invalid', ['entry.date.inFuture']);
      spec
        .given(inActive)
        .when(diary(mentor, { date: '2026-08-31' }))
        .thenRefuses('pair.entry.invalid', ['entry.date.beforeTerm']);
    });

    it('refuses the same entry twice', () =>
      spec
        .given([...inActive, diaryRecorded()])
        .when(diary(mentor))
        .thenRefuses('pair.entry.duplicate'));

    it('counts entries', () =>
      expect(formedState([...inActive, diaryRecorded(), diaryRecorded('mentor-1', 'diary-2')]).diaryCount).toBe(2));

    it('passes the diary to the new mentor after a replacement', () => {
      const history = [...inActive, mentorReplaced()];
      const later = '2026-11-20T15:00:00.000Z';
      spec
        .given(history)
        .when(diary(mentor, { date: '2026-11-20' }, later))
        .thenRefuses('pair.forbidden');
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
            data: {
              pairId: 'pair-1',
              entryId: 'report-1',
              menteeId: 'mentee-1',
              date: '2026-09-14',
              text: 'Посетили урок наставляемого в 7 «Б».',
              recordedAt: '2026-09-14T15:00:00.000Z',
            },
          },
        ]));

    it('lets each mentee of a group report', () => {
      const events = pairDecider.decide(report(at('mentee-2', 'mentee')), fold([formed(groupData)]));
      expect(events).toMatchObject([{ type: 'MenteeReportRecorded', data: { menteeId: 'mentee-2' } }]);
      expect(formedState([formed(groupData), ...events]).menteeReportsCount).toBe(1);
    });

    it.each([mentor, at('mentee-9', 'mentee')])('refuses $actorId reporting for the mentee', (metadata) =>
      spec.given(inActive).when(report(metadata)).thenRefuses('pair.forbidden'),
    );

    it('refuses the same report twice', () => {
      const events = pairDecider.decide(report(mentee), fold(inActive));
      spec
        .given([...inActive, ...events])
        .when(report(mentee))
        .thenRefuses('pair.entry.duplicate');
    });

    it('refuses writing to a completed pair', () =>
      spec.given(completedPair).when(diary(mentor)).thenRefuses('pair.closed'));
  });

  describe('PassInterimControl', () => {
    const pass = (
      data: Partial<{
        taskId: string;
        outcome: 'passed' | 'needsCorrection';
        comment: string;
        repeatControl: PairControlTask;
      }> = {},
      metadata = head,
    ): PairCommand => ({
      type: 'PassInterimControl',
      data: { taskId: 'task-interim', outcome: 'passed', comment: ' Программа выполняется ', ...data },
      metadata: { ...metadata, now: interimTime },
    });

    it('records a passed interim control and completes the task', () =>
      spec.given(inActive).when(pass()).then(interimPassed()));

    it('records a needed correction and raises a repeat control', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'needsCorrection', comment: 'Скорректировать план посещений', repeatControl }))
        .then(interimFailed));

    it('passes on the repeat control', () => {
      spec
        .given([...inActive, ...interimFailed])
        .when(pass({ taskId: 'task-interim-2' }))
        .then(interimPassed('task-interim-2'));
      expect(formedState([...inActive, ...interimFailed]).controlPlan?.interimTaskIds).toEqual([
        'task-interim',
        'task-interim-2',
      ]);
    });

    it('requires a repeat control with a correction', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'needsCorrection', comment: 'Исправить' }))
        .thenRefuses('pair.interimControl.repeatRequired'));

    it('requires a comment with a correction', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'needsCorrection', comment: ' ', repeatControl }))
        .thenRefuses('pair.control.commentRequired'));

    it('refuses a repeat control with a pass', () =>
      spec.given(inActive).when(pass({ repeatControl })).thenRefuses('pair.interimControl.repeatNotExpected'));

    it('refuses a repeat control after the final one', () =>
      spec
        .given(inActive)
        .when(
          pass({
            outcome: 'needsCorrection',
            comment: 'Исправить',
            repeatControl: { taskId: 'r', dueAt: '2027-06-01T21:00:00.000Z', dueLocalDate: '2027-06-01' },
          }),
        )
        .thenRefuses('pair.control.invalid', ['control.repeat.outsideProgramme']));

    it('refuses an unknown outcome', () =>
      spec
        .given(inActive)
        .when(pass({ outcome: 'excellent' as 'passed' }))
        .thenRefuses('pair.control.outcomeUnknown'));

    it('refuses the mentor', () => spec.given(inActive).when(pass({}, mentor)).thenRefuses('pair.forbidden'));

    it('refuses a commission head who is not the assignee', () =>
      spec
        .given(inActive)
        .when(pass({}, at('head-2', 'commissionHead')))
        .thenRefuses('task.forbidden'));

    it('lets an administrator record it', () => {
      const events = pairDecider.decide(pass({}, admin), fold(inActive));
      expect(events).toMatchObject([
        { type: 'InterimControlPassed', data: { controlledBy: 'admin-1' } },
        { type: 'TaskCompleted' },
      ]);
    });

    it('refuses the final control task', () =>
      spec
        .given(inActive)
        .when(pass({ taskId: 'task-final' }))
        .thenRefuses('pair.control.wrongTask'));

    it('refuses an unknown task', () =>
      spec
        .given(inActive)
        .when(pass({ taskId: 'task-x' }))
        .thenRefuses('task.notFound'));

    it('refuses a control already done', () => spec.given(afterInterim).when(pass()).thenRefuses('task.notActive'));

    it('refuses before the programme is approved', () =>
      spec.given(inFormed).when(pass()).thenRefuses('pair.notActive'));

    it('accepts a control that went overdue', () =>
      spec
        .given([
          ...inActive,
          { type: 'TaskOverdue', data: { taskId: 'task-interim', overdueAt: '2027-01-15T21:00:00.000Z' } },
        ])
        .when(pass())
        .then(interimPassed()));
  });

  describe('SubmitMentorFinalReport', () => {
    const submit = (
      data: Partial<{ taskId: string; conclusion: string; proposals: string }> = {},
      metadata = mentor,
    ): PairCommand => ({
      type: 'SubmitMentorFinalReport',
      data: {
        taskId: 'task-report',
        conclusion: ' Адаптация пройдена успешно ',
        proposals: 'Рекомендовать к аттестации',
        ...data,
      },
      metadata: { ...metadata, now: reportTime },
    });

    it('records the mentor’s report and completes the mentor’s task', () =>
      spec.given(afterInterim).when(submit()).then(reportSubmitted()));

    it('refuses anyone but the current mentor', () =>
      spec.given(afterInterim).when(submit({}, head)).thenRefuses('pair.forbidden'));

    it('refuses another task', () =>
      spec
        .given(afterInterim)
        .when(submit({ taskId: 'task-final' }))
        .thenRefuses('pair.control.wrongTask'));

    it('requires the conclusion', () =>
      spec
        .given(afterInterim)
        .when(submit({ conclusion: '' }))
        .thenRefuses('pair.report.conclusion.empty'));

    it('refuses a second report', () => spec.given(readyForFinal).when(submit()).thenRefuses('task.notActive'));
  });

  describe('CompleteFinalControl and CompletePair', () => {
    const finalise = (
      data: Partial<{
        taskId: string;
        outcome: 'passed' | 'notPassed';
        mentorConclusion: string;
        proposals: string;
        comment: string;
      }> = {},
      metadata = head,
    ): PairCommand => ({
      type: 'CompleteFinalControl',
      data: { taskId: 'task-final', outcome: 'passed', mentorConclusion: 'Адаптация пройдена успешно', ...data },
      metadata: { ...metadata, now: finalTime },
    });
    const complete = (metadata = curator): PairCommand => ({
      type: 'CompletePair',
      data: {},
      metadata: { ...metadata, now: finalTime },
    });

    it('records the final control and completes its task', () =>
      spec.given(readyForFinal).when(finalise()).then(finalCompleted));

    it('carries the proposals for further work with the mentor’s conclusion (002 §6.1.10)', () => {
      const [recorded] = pairDecider.decide(
        finalise({ proposals: ' Рекомендовать к аттестации ' }),
        fold(readyForFinal),
      );
      expect(recorded?.data).toMatchObject({
        mentorConclusion: 'Адаптация пройдена успешно',
        proposals: 'Рекомендовать к аттестации',
      });
      expect(formedState([...readyForFinal, recorded as PairEvent]).finalControl?.proposals).toBe(
        'Рекомендовать к аттестации',
      );
    });

    it('keeps a comment and a negative outcome', () =>
      expect(
        pairDecider.decide(
          finalise({ outcome: 'notPassed', comment: ' Продлить наставничество ' }),
          fold(readyForFinal),
        ),
      ).toMatchObject([
        { type: 'FinalControlCompleted', data: { outcome: 'notPassed', comment: 'Продлить наставничество' } },
        { type: 'TaskCompleted', data: { result: 'notPassed' } },
      ]));

    it('refuses before the interim control', () =>
      spec.given(inActive).when(finalise()).thenRefuses('pair.finalControl.interimPending'));

    it('refuses while the repeat interim control is pending', () =>
      spec
        .given([...inActive, ...interimFailed])
        .when(finalise())
        .thenRefuses('pair.finalControl.interimPending'));

    it('refuses while the mentor’s report is pending', () =>
      spec.given(afterInterim).when(finalise()).thenRefuses('pair.finalControl.mentorReportPending'));

    it('requires the mentor’s conclusion', () =>
      spec
        .given(readyForFinal)
        .when(finalise({ mentorConclusion: ' ' }))
        .thenRefuses('pair.finalControl.conclusion.empty'));

    it('refuses a conclusion over 4000 characters', () =>
      spec
        .given(readyForFinal)
        .when(finalise({ mentorConclusion: 'я'.repeat(4001) }))
        .thenRefuses('pair.finalControl.conclusion.tooLong'));

    it('refuses the interim task', () =>
      spec
        .given([...inActive, ...interimFailed])
        .when(finalise({ taskId: 'task-interim-2' }))
        .thenRefuses('pair.control.wrongTask'));

    it('refuses an unknown outcome', () =>
      spec
        .given(readyForFinal)
        .when(finalise({ outcome: 'maybe' as 'passed' }))
        .thenRefuses('pair.control.outcomeUnknown'));

    it('refuses the mentor', () => spec.given(readyForFinal).when(finalise({}, mentor)).thenRefuses('pair.forbidden'));

    it('completes the pair after the final control', () =>
      spec.given(afterFinal).when(complete()).then([pairCompleted]));

    it('refuses completion before the final control', () =>
      spec.given(readyForFinal).when(complete()).thenRefuses('pair.finalControl.notCompleted'));

    it('refuses the mentor completing the pair', () =>
      spec.given(afterFinal).when(complete(mentor)).thenRefuses('pair.forbidden'));

    it('refuses completing twice', () => spec.given(completedPair).when(complete()).thenRefuses('pair.closed'));

    it('lets the system complete the pair after a commission head’s final control, and refuses the head herself', () => {
      const system: CommandMetadata = { actorId: 'system', role: 'system', now: finalTime };
      expect(mayCompletePair(head.role)).toBe(false);
      expect(mayCompletePair(curator.role)).toBe(true);
      spec.given(afterFinal).when(complete(head)).thenRefuses('pair.forbidden');
      expect(pairDecider.decide(complete(system), fold(afterFinal))).toMatchObject([
        { type: 'PairCompleted', data: { completedBy: 'system', finalOutcome: 'passed' } },
      ]);
      spec.given(readyForFinal).when(complete(system)).thenRefuses('pair.finalControl.notCompleted');
    });

    it('lives a full life: formed → active → interim passed → final control → completed', () => {
      const commands: PairCommand[] = [
        form(),
        approve(),
        {
          type: 'PassInterimControl',
          data: { taskId: 'task-interim', outcome: 'passed', comment: 'Программа выполняется' },
          metadata: { ...head, now: interimTime },
        },
        {
          type: 'SubmitMentorFinalReport',
          data: {
            taskId: 'task-report',
            conclusion: 'Адаптация пройдена успешно',
            proposals: 'Рекомендовать к аттестации',
          },
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
    const marked: PairEvent = {
      type: 'TaskOverdue',
      data: { taskId: 'task-interim', overdueAt: '2027-01-16T00:00:00.000Z' },
    };

    it('marks an open control task overdue once its due instant has passed', () =>
      spec.given(inActive).when(overdue('task-interim')).then([marked]));

    it('refuses before the due instant', () =>
      spec
        .given(inActive)
        .when(overdue('task-interim', '2027-01-15T20:59:59.000Z'))
        .thenRefuses('pair.task.notYetDue'));

    it('refuses marking twice', () =>
      spec
        .given([...inActive, marked])
        .when(overdue('task-interim'))
        .thenRefuses('pair.task.alreadyOverdue'));

    it('refuses a task already done (the timer fired late: nothing to do)', () =>
      spec.given(afterInterim).when(overdue('task-interim')).thenRefuses('pair.task.notOpen'));

    it('refuses an unknown task', () => spec.given(inActive).when(overdue('task-x')).thenRefuses('pair.task.notFound'));

    it('refuses a pair that is not formed', () =>
      spec.given([]).when(overdue('task-interim')).thenRefuses('pair.notFormed'));
  });
});
