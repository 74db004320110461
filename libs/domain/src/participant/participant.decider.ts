import { assertNever, type CommandMetadata, decider, type DomainCommand, decideBy } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import { meetingRecordProblems } from '../shared/meeting';
import {
  isCandidateDecision,
  isMenteeCategory,
  isParticipantRole,
  isReviewBody,
  type CandidateDecision,
  type CommissionMeeting,
  type MentorEligibilityWarning,
  type ParticipantEvent,
  type ParticipantProfile,
  type ParticipantRole,
} from './participant.events';
import { refuse } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';

/** 002 §4.3: preferably at least five years of teaching, three of them in the subject. */
export const recommendedTeachingExperienceYears = 5;
export const recommendedSubjectExperienceYears = 3;

// ---- Commands -------------------------------------------------------------------------------

/** The curator proposes a candidate (mentor or mentee); the commission's review selects them (002 §4.4). */
export type RegisterParticipant = DomainCommand<'RegisterParticipant', ParticipantProfile>;

export type WithdrawParticipant = DomainCommand<'WithdrawParticipant', { readonly reason: string }>;

/** One candidate's decision at a commission meeting. */
export type ReviewCandidate = DomainCommand<
  'ReviewCandidate',
  { readonly meeting: CommissionMeeting; readonly decision: CandidateDecision; readonly reason?: string }
>;

export type ParticipantCommand = RegisterParticipant | WithdrawParticipant | ReviewCandidate;

// ---- State ----------------------------------------------------------------------------------

/**
 * proposed: awaits the commission's review; registered: selected (approved by the commission, or
 * registered before reviews existed) — the only status that may be paired and that the programme gate
 * counts; rejected: the commission said no; withdrawn: left the programme.
 */
export type ParticipantStatus = 'proposed' | 'registered' | 'rejected' | 'withdrawn';

export interface CandidateReview {
  readonly decision: CandidateDecision;
  readonly meetingId: string;
  readonly body: CommissionMeeting['body'];
  readonly date: string;
  readonly minutesNumber: string;
  readonly membersPresent: readonly string[];
  readonly reason?: string;
  readonly reviewedAt: string;
}

export interface RegisteredParticipant extends ParticipantProfile {
  readonly status: ParticipantStatus;
  readonly eligibilityWarnings: readonly MentorEligibilityWarning[];
  readonly registeredAt: string;
  /** The latest decision of a commission meeting; absent while proposed and for legacy registrations. */
  readonly review?: CandidateReview;
  readonly withdrawnAt?: string;
  readonly withdrawalReason?: string;
}

export type ParticipantState = { readonly status: 'notRegistered' } | RegisteredParticipant;

export const initialParticipantState = (): ParticipantState => ({ status: 'notRegistered' });

// ---- Helpers --------------------------------------------------------------------------------

const optionalText = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined || isUnsetOrBlank(value) ? {} : ({ [key]: value.trim() } as Record<K, string>);

/** Experience below the recommendation is data the commission weighs, not a reason to refuse. */
export const mentorEligibilityWarningsFor = (
  teachingExperienceYears: number,
  subjectExperienceYears: number,
): MentorEligibilityWarning[] => [
  ...(teachingExperienceYears < recommendedTeachingExperienceYears
    ? ['teachingExperienceBelowFiveYears' as const]
    : []),
  ...(subjectExperienceYears < recommendedSubjectExperienceYears ? ['subjectExperienceBelowThreeYears' as const] : []),
];

// The commission head selects mentors (002 §4.3); the curator keeps the base of participants.
const selectors: readonly CommandMetadata['role'][] = ['commissionHead', 'curator', 'director', 'administrator'];

const requireSelector = (metadata: CommandMetadata): void => {
  if (selectors.includes(metadata.role)) return;
  refuse(
    'participant.forbidden',
    'Отбирать участников программы наставничества может руководитель методической комиссии, куратор, руководитель организации или администратор',
  );
};

const isYears = (value: number): boolean => Number.isFinite(value) && value >= 0 && value <= 80;

// ---- Decisions ------------------------------------------------------------------------------

const register = ({ data, metadata }: RegisterParticipant, state: ParticipantState): ParticipantEvent[] => {
  if (state.status !== 'notRegistered') {
    return refuse('participant.alreadyRegistered', 'Участник уже зарегистрирован в программе наставничества');
  }
  requireSelector(metadata);
  if (!isParticipantRole(data.role)) {
    return refuse('participant.role.unknown', `Неизвестная роль участника: «${data.role}»`);
  }
  const problems: UnmetCondition[] = [
    ...(isUnsetOrBlank(data.participantId)
      ? [{ code: 'participant.id.empty', message: 'Не указан идентификатор участника' }]
      : []),
    ...(isUnsetOrBlank(data.organisationId)
      ? [{ code: 'participant.organisationId.empty', message: 'Не указана организация' }]
      : []),
    ...(isUnsetOrBlank(data.personId) ? [{ code: 'participant.personId.empty', message: 'Не указан человек' }] : []),
    ...(isUnsetOrBlank(data.programmeId)
      ? [{ code: 'participant.programmeId.empty', message: 'Не указана программа наставничества' }]
      : []),
    ...(isUnsetOrBlank(data.position) ? [{ code: 'participant.position.empty', message: 'Не указана должность' }] : []),
    ...(isYears(data.teachingExperienceYears)
      ? []
      : [
          {
            code: 'participant.teachingExperience.invalid',
            message: 'Педагогический стаж должен быть числом лет от 0 до 80',
          },
        ]),
    ...(isYears(data.subjectExperienceYears)
      ? []
      : [
          {
            code: 'participant.subjectExperience.invalid',
            message: 'Стаж по предмету должен быть числом лет от 0 до 80',
          },
        ]),
    // "в том числе по данному предмету": the subject years are part of the teaching years.
    ...(data.subjectExperienceYears > data.teachingExperienceYears
      ? [
          {
            code: 'participant.subjectExperience.exceedsTeaching',
            message: 'Стаж по предмету не может превышать педагогический стаж',
          },
        ]
      : []),
    ...(data.role === 'mentee' && data.menteeCategory === undefined
      ? [{ code: 'participant.menteeCategory.required', message: 'Укажите категорию наставляемого' }]
      : []),
    ...(data.menteeCategory !== undefined && !isMenteeCategory(data.menteeCategory)
      ? [
          {
            code: 'participant.menteeCategory.unknown',
            message: `Неизвестная категория наставляемого: «${data.menteeCategory}»`,
          },
        ]
      : []),
    ...(data.role === 'mentor' && data.menteeCategory !== undefined
      ? [
          {
            code: 'participant.menteeCategory.notForMentor',
            message: 'Категория наставляемого не указывается для наставника',
          },
        ]
      : []),
  ];
  if (problems.length > 0) {
    return refuse('participant.invalid', 'Сведения об участнике заполнены неверно', problems);
  }
  return [
    {
      type: 'ParticipantRegistered',
      data: {
        participantId: data.participantId,
        organisationId: data.organisationId,
        personId: data.personId,
        programmeId: data.programmeId,
        role: data.role,
        position: data.position.trim(),
        ...optionalText('subject', data.subject),
        teachingExperienceYears: data.teachingExperienceYears,
        subjectExperienceYears: data.subjectExperienceYears,
        ...(data.menteeCategory === undefined ? {} : { menteeCategory: data.menteeCategory }),
        ...optionalText('partnerOrganisation', data.partnerOrganisation),
        eligibilityWarnings:
          data.role === 'mentor'
            ? mentorEligibilityWarningsFor(data.teachingExperienceYears, data.subjectExperienceYears)
            : [],
        registeredAt: metadata.now,
        registeredBy: metadata.actorId,
        awaitsReview: true,
      },
    },
  ];
};

// 002 §4.4: the commission head chairs the review; the curator or an administrator records it too.
const reviewers: readonly CommandMetadata['role'][] = ['commissionHead', 'curator', 'administrator'];
const meetingTextMaxLength = 300;

/** What a meeting's record needs: the API checks every candidate's decision with it before recording any. */
export const commissionMeetingProblems = (
  meeting: CommissionMeeting | undefined,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => {
  if (meeting === undefined) return [{ code: 'meeting.missing', message: 'Не указано заседание комиссии' }];
  const members = meeting.membersPresent ?? [];
  const record = meetingRecordProblems(meeting, metadata);
  // The body's problem keeps its place after the id's, as the minutes list them.
  return [
    ...record.filter((p) => p.code === 'meeting.id.empty'),
    ...(isReviewBody(meeting.body)
      ? []
      : [{ code: 'meeting.body.unknown', message: 'Укажите: методическая комиссия или педагогический совет' }]),
    ...record.filter((p) => p.code !== 'meeting.id.empty'),
    ...(members.filter((m) => !isUnsetOrBlank(m)).length === 0
      ? [{ code: 'meeting.membersPresent.empty', message: 'Не указаны присутствовавшие члены комиссии' }]
      : []),
    ...(members.some((m) => typeof m === 'string' && m.trim().length > meetingTextMaxLength)
      ? [
          {
            code: 'meeting.membersPresent.tooLong',
            message: `Имя члена комиссии: не более ${meetingTextMaxLength} символов`,
          },
        ]
      : []),
  ];
};

const review = ({ data, metadata }: ReviewCandidate, state: ParticipantState): ParticipantEvent[] => {
  if (state.status === 'notRegistered') {
    return refuse('participant.notRegistered', 'Участник не зарегистрирован в программе наставничества');
  }
  if (!reviewers.includes(metadata.role)) {
    return refuse(
      'participant.review.forbidden',
      'Решение комиссии вносит руководитель методической комиссии, куратор или администратор',
    );
  }
  if (state.status === 'withdrawn') {
    return refuse('participant.alreadyWithdrawn', 'Участник уже выбыл из программы наставничества');
  }
  // An approval stands until the participant is withdrawn; a rejected candidate may come to a later meeting.
  if (state.status === 'registered') {
    return refuse('participant.review.alreadySelected', 'Кандидат уже отобран в программу наставничества');
  }
  const problems: UnmetCondition[] = [
    ...commissionMeetingProblems(data.meeting, metadata),
    ...(isCandidateDecision(data.decision)
      ? []
      : [{ code: 'review.decision.unknown', message: 'Решение комиссии: одобрить или отклонить' }]),
    ...(data.decision === 'rejected' && isUnsetOrBlank(data.reason)
      ? [{ code: 'review.reason.empty', message: 'Укажите причину, по которой комиссия отклонила кандидата' }]
      : []),
  ];
  if (problems.length > 0) return refuse('participant.review.invalid', 'Решение комиссии оформлено неверно', problems);
  const { meetingId, body, date, minutesNumber, membersPresent } = data.meeting;
  return [
    {
      type: 'CandidateReviewed',
      data: {
        participantId: state.participantId,
        programmeId: state.programmeId,
        personId: state.personId,
        role: state.role,
        meeting: {
          meetingId,
          body,
          date,
          minutesNumber: minutesNumber.trim(),
          membersPresent: membersPresent.filter((m) => !isUnsetOrBlank(m)).map((m) => m.trim()),
        },
        decision: data.decision,
        ...optionalText('reason', data.reason),
        reviewedAt: metadata.now,
        reviewedBy: metadata.actorId,
      },
    },
  ];
};

const withdraw = ({ data, metadata }: WithdrawParticipant, state: ParticipantState): ParticipantEvent[] => {
  if (state.status === 'notRegistered') {
    return refuse('participant.notRegistered', 'Участник не зарегистрирован в программе наставничества');
  }
  if (state.status === 'withdrawn') {
    return refuse('participant.alreadyWithdrawn', 'Участник уже выбыл из программы наставничества');
  }
  requireSelector(metadata);
  if (isUnsetOrBlank(data.reason)) {
    return refuse('participant.withdrawal.reasonRequired', 'Укажите причину выбытия участника');
  }
  return [
    {
      type: 'ParticipantWithdrawn',
      data: {
        participantId: state.participantId,
        programmeId: state.programmeId,
        personId: state.personId,
        role: state.role,
        reason: data.reason.trim(),
        withdrawnAt: metadata.now,
        withdrawnBy: metadata.actorId,
      },
    },
  ];
};

export const decideParticipant = decideBy<ParticipantCommand, ParticipantState, ParticipantEvent>({
  RegisterParticipant: register,
  WithdrawParticipant: withdraw,
  ReviewCandidate: review,
});

// ---- Evolution ------------------------------------------------------------------------------

export const evolveParticipant = (state: ParticipantState, event: ParticipantEvent): ParticipantState => {
  switch (event.type) {
    case 'ParticipantRegistered': {
      const { participantId, organisationId, personId, programmeId, role, position, subject } = event.data;
      const { teachingExperienceYears, subjectExperienceYears, menteeCategory, partnerOrganisation } = event.data;
      return {
        // Legacy registrations (no awaitsReview) were selections: they count as approved.
        status: event.data.awaitsReview === true ? 'proposed' : 'registered',
        participantId,
        organisationId,
        personId,
        programmeId,
        role,
        position,
        ...(subject === undefined ? {} : { subject }),
        teachingExperienceYears,
        subjectExperienceYears,
        ...(menteeCategory === undefined ? {} : { menteeCategory }),
        ...(partnerOrganisation === undefined ? {} : { partnerOrganisation }),
        eligibilityWarnings: event.data.eligibilityWarnings,
        registeredAt: event.data.registeredAt,
      };
    }
    case 'ParticipantWithdrawn':
      return state.status === 'notRegistered'
        ? state
        : { ...state, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt, withdrawalReason: event.data.reason };
    case 'CandidateReviewed': {
      if (state.status === 'notRegistered') return state;
      const { meeting, decision, reason, reviewedAt } = event.data;
      return {
        ...state,
        status: decision === 'approved' ? 'registered' : 'rejected',
        review: {
          decision,
          meetingId: meeting.meetingId,
          body: meeting.body,
          date: meeting.date,
          minutesNumber: meeting.minutesNumber,
          membersPresent: meeting.membersPresent,
          ...(reason === undefined ? {} : { reason }),
          reviewedAt,
        },
      };
    }
    default:
      return assertNever(event);
  }
};

export const participantDecider = decider(decideParticipant, evolveParticipant, initialParticipantState);

/**
 * The programme gate's selection counts: distinct persons selected (approved, not withdrawn) per role. A person
 * registered twice by mistake (two participant streams) is counted once.
 */
export const participantSelectionCounts = (
  states: readonly ParticipantState[],
): { readonly mentorsSelected: number; readonly menteesSelected: number } => {
  const selected = (role: ParticipantRole): number =>
    new Set(states.flatMap((s) => (s.status === 'registered' && s.role === role ? [s.personId] : []))).size;
  return { mentorsSelected: selected('mentor'), menteesSelected: selected('mentee') };
};
