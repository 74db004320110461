import type { MeetingRecord } from '../shared/meeting';
import type { Acted, DomainEvent } from '../shared/decider';
import { isOneOf } from '../shared/one-of';

export const participantRoles = ['mentor', 'mentee'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

/** Who is mentored (002 §4.6; 004 slide 42). */
export const menteeCategories = [
  'newSpecialist',
  'nonPedagogicalGraduate',
  'movedToOtherWork',
  'needsPreparationForGroupOrTopic',
  'backAfterLongBreak',
  'burnout',
  'internWithContract',
  // 004 slide 42.
  'adaptingToNewWorkplace',
  'raisingProfessionalLevel',
  'acquiringItSkills',
  // 001.
  'newTeacherInStaff',
  'experiencedMasteringNewTechnology',
  'other',
] as const;
export type MenteeCategory = (typeof menteeCategories)[number];

/**
 * 002 §4.3 says "preferably": a mentor short of the experience may still be chosen, so these are
 * recorded warnings the commission and director see, not refusals.
 */
export const mentorEligibilityWarningCodes = [
  'teachingExperienceBelowFiveYears',
  'subjectExperienceBelowThreeYears',
] as const;
export type MentorEligibilityWarning = (typeof mentorEligibilityWarningCodes)[number];

export const isParticipantRole = isOneOf(participantRoles);
export const isMenteeCategory = isOneOf(menteeCategories);
export const isMentorEligibilityWarning = isOneOf(mentorEligibilityWarningCodes);

/** What registering a participant says about them: the command carries it, the event and the state keep it. */
export interface ParticipantProfile {
  readonly participantId: string;
  readonly organisationId: string;
  readonly personId: string;
  readonly programmeId: string;
  readonly role: ParticipantRole;
  readonly position: string;
  readonly subject?: string;
  readonly teachingExperienceYears: number;
  readonly subjectExperienceYears: number;
  readonly menteeCategory?: MenteeCategory;
  /** A mentor from another organisation under a network agreement (004 slide 41). */
  readonly partnerOrganisation?: string;
}

/** Only the person's id: names and contacts stay in the user directory (minimal personal data). */
export type ParticipantRegistered = DomainEvent<
  'ParticipantRegistered',
  ParticipantProfile & {
    /** Empty for mentees. */
    readonly eligibilityWarnings: readonly MentorEligibilityWarning[];
    readonly registeredAt: string;
    readonly registeredBy: string;
    /**
     * Set on registrations since the commission's review exists (002 §4.4): the candidate awaits a
     * meeting's decision. Absent on older events, whose participants were selected by registering
     * them (legacy: they count as approved).
     */
    readonly awaitsReview?: boolean;
  }
>;

export type ParticipantWithdrawn = DomainEvent<
  'ParticipantWithdrawn',
  {
    readonly participantId: string;
    readonly programmeId: string;
    readonly personId: string;
    readonly role: ParticipantRole;
    readonly reason: string;
  } & Acted<'withdrawn'>
>;

/** Who reviews candidates (002 §4.4: the methodical commission or the pedagogical council). */
export const reviewBodies = ['methodicalCommission', 'pedagogicalCouncil'] as const;
export type ReviewBody = (typeof reviewBodies)[number];
export const isReviewBody = isOneOf(reviewBodies);

export const candidateDecisions = ['approved', 'rejected'] as const;
export type CandidateDecision = (typeof candidateDecisions)[number];
export const isCandidateDecision = isOneOf(candidateDecisions);

/** The meeting that reviewed candidates: its record (date, minutes' number) and who was present. */
export interface CommissionMeeting extends MeetingRecord {
  readonly body: ReviewBody;
  /** Members present, as the minutes name them. */
  readonly membersPresent: readonly string[];
}

/** One candidate's decision at a meeting (002 §4.4, §8.3); only approved candidates may be paired. */
export type CandidateReviewed = DomainEvent<
  'CandidateReviewed',
  {
    readonly participantId: string;
    readonly programmeId: string;
    readonly personId: string;
    readonly role: ParticipantRole;
    readonly meeting: CommissionMeeting;
    readonly decision: CandidateDecision;
    /** Required for a rejection, optional for an approval. */
    readonly reason?: string;
  } & Acted<'reviewed'>
>;

export type ParticipantEvent = ParticipantRegistered | ParticipantWithdrawn | CandidateReviewed;
