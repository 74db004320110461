import type { CommandMetadata } from '../shared/decider';
import { pairDecider } from './pair.decider';
import type { PairForm, PairKind } from './pair.events';
import {
  admin,
  approve,
  approved,
  at,
  controller,
  curator,
  director,
  finalControl,
  finalTitle,
  fold,
  form,
  formed,
  formedState,
  groupData,
  inActive,
  inFormed,
  interimControl,
  interimTitle,
  mentor,
  spec,
  taskRaised,
  terminatedPair,
} from './pair.fixtures';

describe('mentoring pair or group', () => {
  describe('FormPair', () => {
    it('forms a pair by the director’s order with both consents', () => spec.given([]).when(form()).then([formed()]));

    it('forms a group of two mentees', () =>
      spec
        .given([])
        .when(form(groupData, curator))
        .then([formed(groupData, 'curator-1')]));

    it('records the mentor’s eligibility warnings with the decision', () =>
      spec
        .given([])
        .when(form({ mentorEligibilityWarnings: ['subjectExperienceBelowThreeYears'] }, admin))
        .then([formed({ mentorEligibilityWarnings: ['subjectExperienceBelowThreeYears'] }, 'admin-1')]));

    it('refuses forming twice', () => spec.given(inFormed).when(form()).thenRefuses('pair.alreadyFormed'));

    it.each<CommandMetadata['role']>(['mentor', 'commissionHead', 'methodologist'])(
      'refuses a %s forming a pair',
      (role) =>
        spec
          .given([])
          .when(form({}, at('x-1', role)))
          .thenRefuses('pair.forbidden'),
    );

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

    describe('kinds combined (002 §9.1.3: «как в одном виде, так и в комплексе»)', () => {
      it('forms a group that is also virtual, keeping both kinds and the first as its kind', () => {
        spec
          .given([])
          .when(form({ ...groupData, kind: 'group', kinds: ['group', 'virtual'] }))
          .then([formed({ ...groupData, kind: 'group', kinds: ['group', 'virtual'] })]);
        expect(fold([formed({ ...groupData, kinds: ['group', 'virtual'] })])).toMatchObject({
          kind: 'group',
          kinds: ['group', 'virtual'],
        });
      });

      it('counts a group among the kinds for several mentees', () =>
        spec
          .given([])
          .when(form({ ...groupData, kind: 'virtual', kinds: ['virtual', 'group'] }))
          .thenEventTypes(['PairFormed']));

      it('reads a pair formed before kinds could be combined as having its one kind', () => {
        const legacy = formed();
        const data = { ...(legacy as Extract<typeof legacy, { type: 'PairFormed' }>).data };
        delete (data as { kinds?: unknown }).kinds;
        expect(fold([{ type: 'PairFormed', data }])).toMatchObject({ kind: 'traditional', kinds: ['traditional'] });
      });

      it('refuses an unknown kind, a kind twice, and «один на один» with a group', () =>
        spec
          .given([])
          .when(form({ ...groupData, kinds: ['group', 'weekly' as PairKind, 'traditional', 'traditional'] }))
          .thenRefuses('pair.invalid', ['kind.unknown', 'kind.duplicate', 'kind.traditionalWithGroup']));
    });

    describe('dates of facts not after today in the organisation (defect 11)', () => {
      const today = { ...director, today: '2026-08-31' };

      it('refuses a consent and an order dated after today, naming each', () =>
        spec
          .given([])
          .when(
            form(
              {
                consents: [
                  { personId: 'mentor-1', date: '2026-08-25' },
                  { personId: 'mentee-1', date: '2026-09-01' },
                ],
                order: { number: '12-к', date: '2026-09-01', signedBy: 'Петров И. С.' },
              },
              today,
            ),
          )
          .thenRefuses('pair.date.inFuture', ['consent.mentee-1.dateInFuture', 'order.date.inFuture']));

      it('accepts them dated today', () =>
        spec
          .given([])
          .when(form({}, { ...director, today: '2026-08-28' }))
          .thenEventTypes(['PairFormed']));
    });

    it('refuses a group of one', () =>
      spec
        .given([])
        .when(form({ kind: 'group' }))
        .thenRefuses('pair.invalid', ['mentees.groupTooSmall']));

    it('refuses an unknown eligibility warning', () =>
      spec
        .given([])
        .when(form({ mentorEligibilityWarnings: ['tooYoung' as never] }))
        .thenRefuses('pair.invalid', ['mentorEligibilityWarnings.unknown']));

    it('refuses without the order', () =>
      spec
        .given([])
        .when(form({ order: undefined }))
        .thenRefuses('pair.order.missing', ['order.missing']));

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

    it('names the year’s end as a Russian text writes a date', () =>
      expect(() =>
        pairDecider.decide(form({ term: { start: '2026-09-01', end: '2027-08-30' } }), pairDecider.initialState()),
      ).toThrow(
        'Наставник, как правило, закрепляется не менее чем на один год (до 31.08.2027); для более короткого срока укажите причину',
      ));

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
        .when(
          form({
            term: { start: '2026-09-01', end: '2026-12-31' },
            shortTermReason: ' Краткосрочное наставничество перед аттестацией ',
          }),
        )
        .then([
          formed({
            term: { start: '2026-09-01', end: '2026-12-31' },
            shortTermReason: 'Краткосрочное наставничество перед аттестацией',
          }),
        ]));

    it('names exactly whose consent is missing', () =>
      spec
        .given([])
        .when(
          form({
            ...groupData,
            consents: [
              { personId: 'mentor-1', date: '2026-08-25' },
              { personId: 'mentee-1', date: '2026-08-26' },
            ],
          }),
        )
        .thenRefuses('pair.consent.missing', ['consent.mentee-2.missing']));

    it('names the mentor and every mentee when nobody consented', () =>
      spec
        .given([])
        .when(form({ ...groupData, consents: [] }))
        .thenRefuses('pair.consent.missing', [
          'consent.mentor-1.missing',
          'consent.mentee-1.missing',
          'consent.mentee-2.missing',
        ]));

    it('says whose consent it is in Russian', () => {
      let caught: unknown;
      try {
        pairDecider.decide(
          form({ consents: [{ personId: 'mentee-1', date: '2026-08-26' }] }),
          pairDecider.initialState(),
        );
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({
        unmet: [{ code: 'consent.mentor-1.missing', message: 'Нет письменного согласия наставника (mentor-1)' }],
      });
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
      spec
        .given([])
        .when(form({ capacityReserved: false }))
        .thenRefuses('pair.capacity.notReserved'));
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

    it('refuses a second approval', () =>
      spec.given(inActive).when(approve()).thenRefuses('pair.programme.alreadyApproved'));

    it('refuses a terminated pair', () => spec.given(terminatedPair).when(approve()).thenRefuses('pair.closed'));

    it('refuses the mentor approving their own programme', () =>
      spec.given(inFormed).when(approve({}, mentor)).thenRefuses('pair.forbidden'));

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
        .thenRefuses('pair.programme.durationInvalid'),
    );

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
        .when(
          approve({
            interimControl: { taskId: 'task-interim', dueAt: '2027-05-31T21:00:00.000Z', dueLocalDate: '2027-05-31' },
          }),
        )
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
        .thenRefuses('pair.control.invalid', [
          'control.interim.outsideProgramme',
          'control.final.taskIdTaken',
          'control.final.dueMismatch',
        ]));

    it('refuses a mentor report due after the final control', () =>
      spec
        .given(inFormed)
        .when(
          approve({
            mentorReport: { taskId: 'task-report', dueAt: '2027-05-31T21:00:00.000Z', dueLocalDate: '2027-05-31' },
            finalControl: { ...finalControl, dueAt: '2027-05-30T21:00:00.000Z', dueLocalDate: '2027-05-30' },
          }),
        )
        .thenRefuses('pair.control.invalid', ['control.mentorReport.afterFinal']));
  });
});
