import type { CommandMetadata } from '../shared/decider';
import type { TaskAssignee } from '../task/task.events';
import type { PairCommand, ReplaceMentor } from './pair.commands';
import { pairDecider } from './pair.decider';
import { mentorReplacementReasons, type MentorReplacementReason, type PairEvent } from './pair.events';
import { validateMentorReplacement } from './pair.rules';
import {
  afterInterim,
  at,
  completedPair,
  controller,
  curator,
  director,
  fold,
  formedState,
  inActive,
  inFormed,
  mentorReplaced,
  now,
  order,
  pairTerminated,
  replace,
  replaceData,
  replaceTime,
  replacementOrder,
  reportSubmitted,
  reportTime,
  spec,
  terminatedPair,
  terminationOrder,
} from './pair.fixtures';

describe('mentoring pair or group', () => {
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
          .then([
            mentorReplaced({ reason }),
            reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2),
          ]);
        const state = formedState([
          ...afterInterim,
          mentorReplaced({ reason }),
          reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2),
        ]);
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

    describe('with the consent of each mentee (002 §4.5 «при обоюдном согласии»)', () => {
      const menteeConsents = [{ personId: 'mentee-1', date: '2026-11-09' }];
      const today = { ...at('director-1', 'director', replaceTime), today: '2026-11-10' };

      it('records the mentees’ consents with the replacement', () => {
        const [replaced] = pairDecider.decide(replace({ menteeConsents }, today), fold(inFormed));
        expect(replaced).toEqual({
          ...mentorReplaced(),
          data: { ...(mentorReplaced().data as object), menteeConsents },
        });
        expect(formedState([...inFormed, replaced as PairEvent]).consents).toContainEqual(menteeConsents[0]);
      });

      it('refuses without a mentee’s consent, naming the mentee', () => {
        spec
          .given(inFormed)
          .when(replace({ menteeConsents: [] }, today))
          .thenRefuses('pair.replacement.invalid', ['replacement.menteeConsent.mentee-1.missing']);
        expect(validateMentorReplacement(fold(inFormed), { ...replaceData, menteeConsents: [] })[0]?.message).toBe(
          'Нет датированного письменного согласия наставляемого mentee-1 на замену наставника',
        );
      });

      it('refuses an order or consents dated after today (they are facts)', () =>
        spec
          .given(inFormed)
          .when(
            replace(
              {
                order: { ...replacementOrder, date: '2026-11-11' },
                newMentorConsent: { personId: 'mentor-2', date: '2026-11-11' },
                menteeConsents: [{ personId: 'mentee-1', date: '2026-11-12' }],
              },
              today,
            ),
          )
          .thenRefuses('pair.replacement.invalid', [
            'replacement.order.dateInFuture',
            'replacement.newMentorConsent.dateInFuture',
            'replacement.menteeConsent.mentee-1.dateInFuture',
          ]));

      it('refuses a consent of someone who is not a mentee of the pair', () =>
        spec
          .given(inFormed)
          .when(replace({ menteeConsents: [...menteeConsents, { personId: 'mentee-9', date: '2026-11-09' }] }, today))
          .thenRefuses('pair.replacement.invalid', ['replacement.menteeConsent.mentee-9.notMentee']));
    });

    it('leaves no task to reassign before the programme is approved', () =>
      spec.given(inFormed).when(replace()).then([mentorReplaced()]));

    it('chains replacements without gaps', () => {
      const second = replace({
        replacementId: 'repl-2',
        reason: 'psychologicalIncompatibility',
        newMentorId: 'mentor-3',
        newMentorConsent: { personId: 'mentor-3', date: '2026-11-09' },
      });
      const events = pairDecider.decide(second, fold([...inFormed, mentorReplaced()]));
      const state = formedState([...inFormed, mentorReplaced(), ...events]);
      expect(state.mentorHistory.map((t) => [t.mentorId, t.from, t.to])).toEqual([
        ['mentor-1', now, replaceTime],
        ['mentor-2', replaceTime, replaceTime],
        ['mentor-3', replaceTime, undefined],
      ]);
      expect(events).toMatchObject([
        { type: 'MentorReplaced', data: { previousMentorId: 'mentor-2', newMentorId: 'mentor-3' } },
      ]);
    });

    it('lets the new mentor submit the final report', () => {
      const history = [
        ...afterInterim,
        mentorReplaced(),
        reassigned('task-report', { personId: 'mentor-1', role: 'mentor' }, toMentor2),
      ];
      spec
        .given(history)
        .when({
          type: 'SubmitMentorFinalReport',
          data: {
            taskId: 'task-report',
            conclusion: 'Адаптация пройдена успешно',
            proposals: 'Рекомендовать к аттестации',
          },
          metadata: at('mentor-2', 'mentor', reportTime),
        })
        .then(reportSubmitted('mentor-2'));
    });

    it('is idempotent for a retried request', () =>
      spec
        .given([...inFormed, mentorReplaced()])
        .when(replace())
        .then([]));

    it('refuses a request id already rejected', () =>
      spec
        .given([
          ...inFormed,
          {
            type: 'MentorReplacementRejected',
            data: {
              pairId: 'pair-1',
              replacementId: 'repl-1',
              reasonCode: 'x',
              message: 'x',
              unmet: [],
              rejectedAt: now,
              rejectedBy: 'director-1',
            },
          },
        ])
        .when(replace())
        .thenRefuses('pair.replacement.alreadyRejected'));

    it.each<CommandMetadata['role']>(['curator', 'commissionHead', 'mentor'])(
      'refuses a %s: replacement is by the director’s order',
      (role) =>
        spec
          .given(inActive)
          .when(replace({}, at('x-1', role)))
          .thenRefuses('pair.forbidden'),
    );

    it.each<[string, PairEvent[], Partial<ReplaceMentor['data']>, string[]]>([
      ['a pair not formed', [], {}, ['replacement.pairNotFormed']],
      ['a completed pair', completedPair, {}, ['replacement.pairClosed']],
      ['a terminated pair', terminatedPair, {}, ['replacement.pairClosed']],
      [
        'the same mentor',
        inActive,
        { newMentorId: 'mentor-1', newMentorConsent: { personId: 'mentor-1', date: '2026-11-09' } },
        ['replacement.sameMentor'],
      ],
      [
        'a mentee as mentor',
        inActive,
        { newMentorId: 'mentee-1', newMentorConsent: { personId: 'mentee-1', date: '2026-11-09' } },
        ['replacement.newMentorIsMentee'],
      ],
      ['capacity not reserved', inActive, { capacityReserved: false }, ['replacement.capacityNotReserved']],
      [
        'an unknown reason',
        inActive,
        { reason: 'reorganisation' as MentorReplacementReason },
        ['replacement.reasonUnknown'],
      ],
      ['no order', inActive, { order: undefined }, ['replacement.orderMissing']],
      [
        'an order without a number',
        inActive,
        { order: { ...replacementOrder, number: '' } },
        ['replacement.orderMissing'],
      ],
      [
        'no consent of the new mentor',
        inActive,
        { newMentorConsent: undefined },
        ['replacement.newMentorConsentMissing'],
      ],
      [
        'a consent of someone else',
        inActive,
        { newMentorConsent: { personId: 'mentor-9', date: '2026-11-09' } },
        ['replacement.newMentorConsentMissing'],
      ],
      [
        'no new mentor',
        inActive,
        { newMentorId: ' ' },
        ['replacement.newMentorEmpty', 'replacement.newMentorConsentMissing'],
      ],
    ])('refuses %s', (_label, history, data, unmet) => {
      spec.given(history).when(replace(data)).thenRefuses('pair.replacement.invalid', unmet);
      expect(validateMentorReplacement(fold(history), { ...replaceData, ...data }).map((u) => u.code)).toEqual(unmet);
    });

    it('validates a good request to nothing, and lists several failures at once', () => {
      expect(validateMentorReplacement(fold(inActive), replaceData)).toEqual([]);
      expect(
        validateMentorReplacement(fold(inActive), {
          ...replaceData,
          reason: 'x' as MentorReplacementReason,
          capacityReserved: false,
          order: undefined,
        }).map((u) => u.code),
      ).toEqual(['replacement.reasonUnknown', 'replacement.capacityNotReserved', 'replacement.orderMissing']);
    });
  });

  describe('RejectMentorReplacement', () => {
    const reject = (replacementId = 'repl-9', reasonCode = 'pair.replacement.invalid'): PairCommand => ({
      type: 'RejectMentorReplacement',
      data: {
        replacementId,
        reasonCode,
        message: ' Замена наставника невозможна ',
        unmet: [{ code: 'replacement.sameMentor', message: 'Новый наставник совпадает с текущим' }],
      },
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

    it('is idempotent', () =>
      spec
        .given([...inActive, rejected])
        .when(reject())
        .then([]));

    it('does not reject a replacement already applied', () =>
      spec
        .given([...inFormed, mentorReplaced()])
        .when(reject('repl-1'))
        .then([]));

    it('requires the code and the message', () =>
      spec.given(inActive).when(reject('repl-9', ' ')).thenRefuses('pair.replacement.rejectionInvalid'));

    it('refuses a pair not formed', () => spec.given([]).when(reject()).thenRefuses('pair.notFormed'));
  });

  describe('TerminatePair', () => {
    const terminate = (
      data: Partial<{ reason: string; order: typeof terminationOrder | undefined }> = {},
      metadata = director,
    ): PairCommand => ({
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
          {
            type: 'TaskCancelled',
            data: { taskId: 'task-report', cancelledAt: now, reason: 'Увольнение наставляемого' },
          },
          {
            type: 'TaskCancelled',
            data: { taskId: 'task-final', cancelledAt: now, reason: 'Увольнение наставляемого' },
          },
        ]));

    it('closes the mentor’s term and keeps termination apart from completion', () => {
      const state = formedState(terminatedPair);
      expect(state.status).toBe('terminated');
      expect(state.completedAt).toBeUndefined();
      expect(state.termination).toEqual({
        reason: 'Увольнение наставляемого',
        order: terminationOrder,
        terminatedAt: now,
        terminatedBy: 'director-1',
      });
      expect(state.mentorHistory.at(-1)?.to).toBe(now);
    });

    it('refuses an order dated after today', () =>
      spec
        .given(inFormed)
        .when(terminate({ order: { ...terminationOrder, date: '2026-09-02' } }))
        .thenRefuses('pair.termination.invalid'));

    it('requires a reason', () =>
      spec
        .given(inFormed)
        .when(terminate({ reason: '' }))
        .thenRefuses('pair.termination.reasonRequired'));

    it('requires the order', () =>
      spec
        .given(inFormed)
        .when(terminate({ order: undefined }))
        .thenRefuses('pair.order.missing', ['order.missing']));

    it('refuses a curator', () => spec.given(inFormed).when(terminate({}, curator)).thenRefuses('pair.forbidden'));

    it('refuses terminating twice, or a completed pair', () => {
      spec.given(terminatedPair).when(terminate()).thenRefuses('pair.closed');
      spec.given(completedPair).when(terminate()).thenRefuses('pair.closed');
    });

    it('refuses a pair not formed', () => spec.given([]).when(terminate()).thenRefuses('pair.notFormed'));
  });
});
