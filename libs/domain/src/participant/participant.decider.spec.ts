import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import {
  mentorEligibilityWarningsFor,
  participantDecider,
  participantSelectionCounts,
  type ParticipantCommand,
  type ParticipantState,
  type RegisterParticipant,
} from './participant.decider';
import {
  menteeCategories,
  type CommissionMeeting,
  type MenteeCategory,
  type ParticipantEvent,
  type ParticipantRole,
} from './participant.events';
import { unselectedMemberProblems } from './participant.selection';
import { menteeCategoryLabels, mentorEligibilityWarningLabels, participantRoleLabels } from './participant.labels';

const spec = deciderSpec(participantDecider);
const now = '2026-05-12T07:00:00.000Z';
const at = (actorId: string, role: CommandMetadata['role']): CommandMetadata => ({ actorId, role, now });
const head = at('head-1', 'commissionHead');

const mentorData: RegisterParticipant['data'] = {
  participantId: 'part-1',
  organisationId: 'org-1',
  personId: 'person-1',
  programmeId: 'prog-1',
  role: 'mentor',
  position: ' Учитель математики ',
  subject: 'Математика',
  teachingExperienceYears: 12,
  subjectExperienceYears: 10,
};

const menteeData: RegisterParticipant['data'] = {
  participantId: 'part-2',
  organisationId: 'org-1',
  personId: 'person-2',
  programmeId: 'prog-1',
  role: 'mentee',
  position: 'Учитель математики',
  teachingExperienceYears: 0,
  subjectExperienceYears: 0,
  menteeCategory: 'newSpecialist',
};

const register = (data: RegisterParticipant['data'], metadata = head): ParticipantCommand => ({
  type: 'RegisterParticipant',
  data,
  metadata,
});

const registered = (
  data: RegisterParticipant['data'],
  extra: Partial<Extract<ParticipantEvent, { type: 'ParticipantRegistered' }>['data']> = {},
): ParticipantEvent => ({
  type: 'ParticipantRegistered',
  data: {
    ...data,
    position: data.position.trim(),
    eligibilityWarnings: [],
    registeredAt: now,
    registeredBy: 'head-1',
    ...extra,
  },
});

/** A registration since the commission's review exists: the candidate awaits a meeting. */
const proposed = (
  data: RegisterParticipant['data'],
  extra: Partial<Extract<ParticipantEvent, { type: 'ParticipantRegistered' }>['data']> = {},
): ParticipantEvent => registered(data, { awaitsReview: true, ...extra });

/** The commission head withdrew the mentor candidate part-1. */
const withdrawnMentor = (reason: string): ParticipantEvent => ({
  type: 'ParticipantWithdrawn',
  data: {
    participantId: 'part-1',
    programmeId: 'prog-1',
    personId: 'person-1',
    role: 'mentor',
    reason,
    withdrawnAt: now,
    withdrawnBy: 'head-1',
  },
});
const fold = (events: ParticipantEvent[]): ParticipantState =>
  events.reduce(participantDecider.evolve, participantDecider.initialState());

describe('participant registry', () => {
  describe('RegisterParticipant', () => {
    it('registers an experienced mentor without warnings', () =>
      spec
        .given([])
        .when(register(mentorData))
        .then([proposed(mentorData)]));

    it('registers a mentee with their category', () =>
      spec
        .given([])
        .when(register(menteeData))
        .then([proposed(menteeData)]));

    it('records a short experience as warnings, not a refusal (002 §4.3 says "preferably")', () => {
      const junior = { ...mentorData, teachingExperienceYears: 4, subjectExperienceYears: 2 };
      spec
        .given([])
        .when(register(junior))
        .then([
          proposed(junior, {
            eligibilityWarnings: ['teachingExperienceBelowFiveYears', 'subjectExperienceBelowThreeYears'],
          }),
        ]);
    });

    it('warns only about the subject when teaching experience is enough', () => {
      const data = { ...mentorData, teachingExperienceYears: 5, subjectExperienceYears: 2.5 };
      spec
        .given([])
        .when(register(data))
        .then([proposed(data, { eligibilityWarnings: ['subjectExperienceBelowThreeYears'] })]);
    });

    it('never warns about mentees', () => {
      const data = { ...menteeData, teachingExperienceYears: 1, subjectExperienceYears: 1 };
      spec
        .given([])
        .when(register(data))
        .then([proposed(data)]);
    });

    it('keeps a partner organisation and drops blank optional text', () => {
      const data = { ...mentorData, subject: '  ', partnerOrganisation: ' Лицей № 2 ' };
      const withoutSubject: RegisterParticipant['data'] = {
        participantId: data.participantId,
        organisationId: data.organisationId,
        personId: data.personId,
        programmeId: data.programmeId,
        role: data.role,
        position: data.position,
        teachingExperienceYears: data.teachingExperienceYears,
        subjectExperienceYears: data.subjectExperienceYears,
      };
      spec
        .given([])
        .when(register(data))
        .then([proposed({ ...withoutSubject, partnerOrganisation: 'Лицей № 2' })]);
    });

    it('refuses a second registration', () =>
      spec
        .given([registered(mentorData)])
        .when(register(mentorData))
        .thenRefuses('participant.alreadyRegistered'));

    it.each<CommandMetadata['role']>(['mentor', 'mentee', 'methodologist', 'regionalCoordinator'])(
      'refuses a %s selecting participants',
      (role) =>
        spec
          .given([])
          .when(register(mentorData, at('x-1', role)))
          .thenRefuses('participant.forbidden'),
    );

    it.each<CommandMetadata['role']>(['curator', 'director', 'administrator'])(
      'lets a %s select participants',
      (role) =>
        spec
          .given([])
          .when(register(mentorData, at('x-1', role)))
          .then([proposed(mentorData, { registeredBy: 'x-1' })]),
    );

    it('refuses an unknown role', () =>
      spec
        .given([])
        .when(register({ ...mentorData, role: 'tutor' as ParticipantRole }))
        .thenRefuses('participant.role.unknown'));

    it('lists every invalid field', () =>
      spec
        .given([])
        .when(
          register({
            ...mentorData,
            personId: ' ',
            position: '',
            teachingExperienceYears: -1,
            subjectExperienceYears: Number.NaN,
          }),
        )
        .thenRefuses('participant.invalid', [
          'participant.personId.empty',
          'participant.position.empty',
          'participant.teachingExperience.invalid',
          'participant.subjectExperience.invalid',
        ]));

    it('refuses subject experience above teaching experience', () =>
      spec
        .given([])
        .when(register({ ...mentorData, teachingExperienceYears: 3, subjectExperienceYears: 4 }))
        .thenRefuses('participant.invalid', ['participant.subjectExperience.exceedsTeaching']));

    it('requires a mentee category for a mentee', () => {
      spec
        .given([])
        .when(register({ ...menteeData, menteeCategory: undefined }))
        .thenRefuses('participant.invalid', ['participant.menteeCategory.required']);
    });

    it('refuses an unknown mentee category', () =>
      spec
        .given([])
        .when(register({ ...menteeData, menteeCategory: 'lazy' as MenteeCategory }))
        .thenRefuses('participant.invalid', ['participant.menteeCategory.unknown']));

    it('refuses a mentee category on a mentor', () =>
      spec
        .given([])
        .when(register({ ...mentorData, menteeCategory: 'burnout' }))
        .thenRefuses('participant.invalid', ['participant.menteeCategory.notForMentor']));
  });

  describe('WithdrawParticipant', () => {
    const withdraw = (reason: string, metadata = head): ParticipantCommand => ({
      type: 'WithdrawParticipant',
      data: { reason },
      metadata,
    });
    const withdrawn = withdrawnMentor('Увольнение');

    it('withdraws a registered participant', () =>
      spec
        .given([registered(mentorData)])
        .when(withdraw(' Увольнение '))
        .then([withdrawn]));

    it('refuses an unregistered participant', () =>
      spec.given([]).when(withdraw('Увольнение')).thenRefuses('participant.notRegistered'));

    it('refuses withdrawing twice', () =>
      spec
        .given([registered(mentorData), withdrawn])
        .when(withdraw('Увольнение'))
        .thenRefuses('participant.alreadyWithdrawn'));

    it('requires a reason', () =>
      spec
        .given([registered(mentorData)])
        .when(withdraw('  '))
        .thenRefuses('participant.withdrawal.reasonRequired'));

    it('refuses a mentee withdrawing someone', () =>
      spec
        .given([registered(mentorData)])
        .when(withdraw('Увольнение', at('person-2', 'mentee')))
        .thenRefuses('participant.forbidden'));

    it('keeps the withdrawal in state', () =>
      expect(fold([registered(mentorData), withdrawn])).toMatchObject({
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawalReason: 'Увольнение',
      }));
  });

  describe('ReviewCandidate (002 §4.4: the commission approves or rejects each candidate)', () => {
    const meeting: CommissionMeeting = {
      meetingId: 'meeting-1',
      body: 'methodicalCommission',
      date: '2026-05-11',
      minutesNumber: ' 3 ',
      membersPresent: ['Иванова М. П.', ' ', 'Петров И. С.'],
    };
    const today = { ...head, today: '2026-05-12' };
    const review = (
      decision: 'approved' | 'rejected',
      reason?: string,
      metadata: CommandMetadata = today,
      m: CommissionMeeting = meeting,
    ): ParticipantCommand => ({
      type: 'ReviewCandidate',
      data: { meeting: m, decision, ...(reason === undefined ? {} : { reason }) },
      metadata,
    });
    const reviewed = (decision: 'approved' | 'rejected', reason?: string): ParticipantEvent => ({
      type: 'CandidateReviewed',
      data: {
        participantId: 'part-1',
        programmeId: 'prog-1',
        personId: 'person-1',
        role: 'mentor',
        meeting: { ...meeting, minutesNumber: '3', membersPresent: ['Иванова М. П.', 'Петров И. С.'] },
        decision,
        ...(reason === undefined ? {} : { reason }),
        reviewedAt: now,
        reviewedBy: 'head-1',
      },
    });

    it('a new candidate awaits review; a registration before reviews existed counts as selected', () => {
      expect(fold([proposed(mentorData)]).status).toBe('proposed');
      expect(fold([registered(mentorData)]).status).toBe('registered');
    });

    it('approves a proposed candidate: selected', () => {
      spec
        .given([proposed(mentorData)])
        .when(review('approved'))
        .then([reviewed('approved')]);
      expect(fold([proposed(mentorData), reviewed('approved')])).toMatchObject({
        status: 'registered',
        review: { decision: 'approved', minutesNumber: '3', date: '2026-05-11' },
      });
    });

    it('rejects with a reason; a later meeting may approve', () => {
      spec
        .given([proposed(mentorData)])
        .when(review('rejected', ' Нет опыта работы с группой '))
        .then([reviewed('rejected', 'Нет опыта работы с группой')]);
      expect(fold([proposed(mentorData), reviewed('rejected', 'x')]).status).toBe('rejected');
      spec
        .given([proposed(mentorData), reviewed('rejected', 'x')])
        .when(review('approved'))
        .then([reviewed('approved')]);
    });

    it('requires a reason for a rejection', () =>
      spec
        .given([proposed(mentorData)])
        .when(review('rejected', ' '))
        .thenRefuses('participant.review.invalid', ['review.reason.empty']));

    it('lists every gap in the meeting record, and a meeting date after today in the organisation', () =>
      spec
        .given([proposed(mentorData)])
        .when(
          review('approved', undefined, today, {
            meetingId: 'meeting-1',
            body: 'staffMeeting' as CommissionMeeting['body'],
            date: '2026-05-13',
            minutesNumber: '',
            membersPresent: [' '],
          }),
        )
        .thenRefuses('participant.review.invalid', [
          'meeting.body.unknown',
          'meeting.date.inFuture',
          'meeting.minutesNumber.empty',
          'meeting.membersPresent.empty',
        ]));

    it('refuses an already selected candidate, a withdrawn one and one never registered', () => {
      spec
        .given([registered(mentorData)])
        .when(review('approved'))
        .thenRefuses('participant.review.alreadySelected');
      spec
        .given([proposed(mentorData), withdrawnMentor('x')])
        .when(review('approved'))
        .thenRefuses('participant.alreadyWithdrawn');
      spec.given([]).when(review('approved')).thenRefuses('participant.notRegistered');
    });

    it.each<CommandMetadata['role']>(['director', 'mentor', 'methodologist'])('refuses a %s recording it', (role) =>
      spec
        .given([proposed(mentorData)])
        .when(review('approved', undefined, { ...at('x-1', role), today: '2026-05-12' }))
        .thenRefuses('participant.review.forbidden'),
    );

    it('names who is not selected, by name where known, else by id (defect 3)', () => {
      const members = [
        { personId: 'person-1', role: 'mentor' as const },
        { personId: 'person-2', role: 'mentee' as const },
        { personId: 'person-3', role: 'mentee' as const },
      ];
      const selected = [
        { personId: 'person-2', role: 'mentee' as const },
        { personId: 'person-3', role: 'mentor' as const },
      ];
      expect(
        unselectedMemberProblems(members, selected, (id) => (id === 'person-1' ? 'Иванова Мария Петровна' : undefined)),
      ).toEqual([
        {
          code: 'mentor.person-1.notSelected',
          message: 'Иванова Мария Петровна не отобран(а) комиссией в программу наставничества как наставник',
        },
        {
          code: 'mentee.person-3.notSelected',
          message: 'Участник person-3 не отобран(а) комиссией в программу наставничества как наставляемый',
        },
      ]);
    });
  });

  describe('selection counts for the programme gate', () => {
    it('counts distinct persons still registered, per role', () => {
      const states = [
        fold([registered(mentorData)]),
        fold([registered({ ...mentorData, participantId: 'part-1b' })]),
        fold([registered({ ...mentorData, participantId: 'part-3', personId: 'person-3' })]),
        fold([
          registered({ ...mentorData, participantId: 'part-4', personId: 'person-4' }),
          {
            type: 'ParticipantWithdrawn',
            data: {
              participantId: 'part-4',
              programmeId: 'prog-1',
              personId: 'person-4',
              role: 'mentor',
              reason: 'x',
              withdrawnAt: now,
              withdrawnBy: 'head-1',
            },
          },
        ]),
        fold([registered(menteeData)]),
        participantDecider.initialState(),
      ];
      expect(participantSelectionCounts(states)).toEqual({ mentorsSelected: 2, menteesSelected: 1 });
    });

    it('does not count candidates awaiting review or rejected', () =>
      expect(
        participantSelectionCounts([
          fold([proposed(mentorData)]),
          fold([proposed({ ...menteeData, participantId: 'part-9', personId: 'person-9' })]),
        ]),
      ).toEqual({ mentorsSelected: 0, menteesSelected: 0 }));
  });

  it('computes warnings for a preview', () => {
    expect(mentorEligibilityWarningsFor(5, 3)).toEqual([]);
    expect(mentorEligibilityWarningsFor(4.9, 3)).toEqual(['teachingExperienceBelowFiveYears']);
  });

  it('labels every role, category and warning in Russian', () => {
    expect(Object.keys(menteeCategoryLabels)).toEqual([...menteeCategories]);
    expect(participantRoleLabels.mentee).toBe('Наставляемый');
    expect(Object.values(mentorEligibilityWarningLabels).every((label) => /[а-я]/.test(label))).toBe(true);
  });
});
