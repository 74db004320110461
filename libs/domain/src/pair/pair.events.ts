import type { Acted, DomainEvent } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import type { TaskEvent } from '../task/task.events';
import type { MentorEligibilityWarning } from '../participant/participant.events';
import { isOneOf } from '../shared/one-of';
import type { DocumentScan } from '../shared/document-scan';

/** Forms of mentoring (002 §9.1.3, §9.3.2; 004 slides 36–40). */
export const pairForms = [
  'teacherTeacher',
  'headTeacher',
  'employerStudent',
  'studentPupil',
  'pupilPupil',
  'employerPupil',
  'universityTeacherYoungTeacher',
] as const;
export type PairForm = (typeof pairForms)[number];

/** Kinds of mentoring (002 §9.1.3). */
export const pairKinds = ['traditional', 'group', 'virtual', 'reverse', 'situational', 'shortTerm', 'speed'] as const;
export type PairKind = (typeof pairKinds)[number];

/** The four grounds for replacing a mentor (002 §4.7). */
export const mentorReplacementReasons = [
  'dismissal',
  'transfer',
  'disciplinaryLiability',
  'psychologicalIncompatibility',
] as const;
export type MentorReplacementReason = (typeof mentorReplacementReasons)[number];

export const pairStatuses = ['notFormed', 'formed', 'active', 'completed', 'terminated'] as const;
export type PairStatus = (typeof pairStatuses)[number];

export type InterimControlOutcome = 'passed' | 'needsCorrection';
export type FinalControlOutcome = 'passed' | 'notPassed';

export const isPairForm = isOneOf(pairForms);
export const isPairKind = isOneOf(pairKinds);
export const isMentorReplacementReason = isOneOf(mentorReplacementReasons);

/** The director's order (приказ): assigning, replacing or releasing a mentor always rests on one. */
export interface PairOrder {
  readonly number: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly signedBy: string;
}

/** Written consent of one participant (004 slide 45), dated YYYY-MM-DD. */
export interface PairConsent {
  readonly personId: string;
  readonly date: string;
}

/** Calendar dates YYYY-MM-DD, both inclusive. */
export interface PairTerm {
  readonly start: string;
  readonly end: string;
}

export interface PersonalProgrammeActivity {
  readonly title: string;
  /** YYYY-MM-DD within the programme. */
  readonly plannedDate: string;
}

/** A control task the workflow scheduled: it computes the instants on the organisation's calendar. */
export interface PairControlTask {
  readonly taskId: string;
  readonly dueAt: string;
  readonly dueLocalDate: string;
  readonly remindAt?: readonly string[];
}

/** Who holds the pair's control points: the commission head or the curator (002 §8.1, §8.3). */
export interface PairController {
  readonly personId: string;
  readonly role: 'commissionHead' | 'curator';
}

/** Who is paired, how and for how long: the FormPair command carries it, PairFormed and the state keep it. */
export interface PairSetup {
  readonly pairId: string;
  readonly programmeId: string;
  readonly organisationId: string;
  readonly form: PairForm;
  /** The first of `kinds`; the only kind on events recorded before kinds could be combined. */
  readonly kind: PairKind;
  /**
   * Kinds may be combined (002 §9.1.3: «как в одном виде, так и в комплексе»). Absent on older
   * events and commands: then the pair has the one `kind`.
   */
  readonly kinds?: readonly PairKind[];
  readonly mentorId: string;
  readonly menteeIds: readonly string[];
  readonly consents: readonly PairConsent[];
  readonly term: PairTerm;
  readonly shortTermReason?: string;
}

/** A pair's kinds: the list where one was given, else the one kind (older events and commands). */
export const pairKindsOf = (setup: {
  readonly kind: PairKind;
  readonly kinds?: readonly PairKind[];
}): readonly PairKind[] => (setup.kinds !== undefined && setup.kinds.length > 0 ? setup.kinds : [setup.kind]);

export type PairFormed = DomainEvent<
  'PairFormed',
  PairSetup & {
    readonly order: PairOrder;
    /** Recorded with the decision: the director assigned the mentor knowing these (002 §4.3). */
    readonly mentorEligibilityWarnings: readonly MentorEligibilityWarning[];
    readonly status: 'formed';
  } & Acted<'formed'>
>;

/** The personal programme as approved: the command carries it, the event and the state keep it. */
export interface PersonalProgrammePlan {
  readonly programmeDocId?: string;
  readonly start: string;
  readonly end: string;
  readonly directions: readonly string[];
  readonly activities: readonly PersonalProgrammeActivity[];
  readonly difficulties: readonly string[];
}

/** Followed in the same append by TaskRaised for each control point it plans. */
export type PersonalProgrammeApproved = DomainEvent<
  'PersonalProgrammeApproved',
  PersonalProgrammePlan & {
    readonly pairId: string;
    readonly programmeId: string;
    readonly controller: PairController;
    readonly interimControl: { readonly taskId: string; readonly dueAt: string; readonly dueLocalDate: string };
    readonly finalControl: { readonly taskId: string; readonly dueAt: string; readonly dueLocalDate: string };
    readonly mentorReport?: { readonly taskId: string; readonly dueAt: string; readonly dueLocalDate: string };
    /** The programme's reporting period in months; absent on programmes approved before periodic reports. */
    readonly reportPeriodMonths?: number;
    /** The mentor's proposal this approval accepted; absent when the controller drafted the programme. */
    readonly correctionId?: string;
    /** The controller's comment on approving the mentor's proposal. */
    readonly comment?: string;
    readonly status: 'active';
  } & Acted<'approved'>
>;

/** A pair's own event: every one names its pair, which read models key their rows on. */
type PairFact<Type extends string, Data extends object> = DomainEvent<Type, { readonly pairId: string } & Data>;

export type MentorDiaryEntryRecorded = PairFact<
  'MentorDiaryEntryRecorded',
  {
    readonly entryId: string;
    readonly mentorId: string;
    readonly date: string;
    readonly text: string;
    readonly recordedAt: string;
  }
>;

export type MenteeReportRecorded = PairFact<
  'MenteeReportRecorded',
  {
    readonly entryId: string;
    readonly menteeId: string;
    readonly date: string;
    readonly text: string;
    readonly recordedAt: string;
  }
>;

export type InterimControlPassed = PairFact<
  'InterimControlPassed',
  {
    readonly programmeId: string;
    readonly taskId: string;
    readonly outcome: 'passed';
    readonly comment: string;
  } & Acted<'controlled'>
>;

/** The pair needs correction; a repeat interim control is raised in the same append. */
export type InterimControlFailed = PairFact<
  'InterimControlFailed',
  {
    readonly programmeId: string;
    readonly taskId: string;
    readonly outcome: 'needsCorrection';
    readonly comment: string;
    readonly repeatTaskId: string;
    /** The mentor's task to submit a corrected programme; absent in events stored before it existed. */
    readonly correctionTaskId?: string;
  } & Acted<'controlled'>
>;

/** A new version of the programme the mentor proposes (002 §2 «планирование и коррекция»). */
export type PersonalProgrammeCorrectionProposed = PairFact<
  'PersonalProgrammeCorrectionProposed',
  {
    readonly correctionId: string;
    readonly reason: string;
    readonly start: string;
    readonly end: string;
    readonly directions: readonly string[];
    readonly activities: readonly PersonalProgrammeActivity[];
    readonly difficulties: readonly string[];
  } & Acted<'proposed'>
>;

/**
 * The proposed version approved: it becomes the pair's programme. When the end moved, the final control
 * and the mentor's report are re-timed in the same append (the old tasks cancelled, new ones raised).
 */
export type PersonalProgrammeCorrected = PairFact<
  'PersonalProgrammeCorrected',
  {
    readonly programmeId: string;
    readonly correctionId: string;
    /** 1 is the programme as first approved; each approved correction adds one. */
    readonly version: number;
    readonly comment?: string;
    readonly finalTaskId?: string;
    readonly mentorReportTaskId?: string;
  } & Acted<'approved'>
>;

export type PersonalProgrammeCorrectionReturned = PairFact<
  'PersonalProgrammeCorrectionReturned',
  { readonly correctionId: string; readonly comment: string } & Acted<'returned'>
>;

/** The mentor's final report with a conclusion on the mentee's adaptation (002 §6.1.10). */
export type MentorFinalReportSubmitted = PairFact<
  'MentorFinalReportSubmitted',
  {
    readonly taskId: string;
    readonly mentorId: string;
    readonly conclusion: string;
    readonly proposals?: string;
    readonly submittedAt: string;
  }
>;

export type FinalControlCompleted = PairFact<
  'FinalControlCompleted',
  {
    readonly programmeId: string;
    readonly taskId: string;
    readonly outcome: FinalControlOutcome;
    readonly mentorConclusion: string;
    readonly proposals?: string;
    readonly comment?: string;
  } & Acted<'controlled'>
>;

export type PairCompleted = PairFact<
  'PairCompleted',
  {
    readonly programmeId: string;
    readonly organisationId: string;
    readonly mentorId: string;
    readonly menteeIds: readonly string[];
    readonly finalOutcome: FinalControlOutcome;
  } & Acted<'completed'>
>;

/** Followed in the same append by TaskReassigned for each active task of the previous mentor. */
export type MentorReplaced = PairFact<
  'MentorReplaced',
  {
    readonly programmeId: string;
    readonly replacementId: string;
    readonly previousMentorId: string;
    readonly newMentorId: string;
    readonly reason: MentorReplacementReason;
    readonly order: PairOrder;
    readonly newMentorConsent: PairConsent;
    /** Absent in events stored before the mentees' consent was asked for. */
    readonly menteeConsents?: readonly PairConsent[];
    readonly mentorEligibilityWarnings: readonly MentorEligibilityWarning[];
  } & Acted<'replaced'>
>;

/** A refused replacement stays in the pair's history: the administrator audits why it did not happen. */
export type MentorReplacementRejected = PairFact<
  'MentorReplacementRejected',
  {
    readonly replacementId: string;
    readonly reasonCode: string;
    readonly message: string;
    readonly unmet: readonly UnmetCondition[];
    readonly rejectedAt: string;
    /** Who asked for the replacement. */
    readonly rejectedBy: string;
  }
>;

/** The mentor's dated assignment to a mentee (002 §6.1.6); raised as the mentee's task in the same append. */
export type MenteeAssignmentGiven = PairFact<
  'MenteeAssignmentGiven',
  {
    readonly taskId: string;
    readonly menteeId: string;
    readonly mentorId: string;
    readonly title: string;
    readonly activityIndex?: number;
    readonly dueLocalDate: string;
    readonly givenAt: string;
  }
>;

/** A reporting period began (002 §6.1.9, §7.1.6): its report tasks are raised in the same append. */
export type PeriodicReportPeriodOpened = PairFact<
  'PeriodicReportPeriodOpened',
  {
    /** 1-based number of the period since the programme's start. */
    readonly period: number;
    readonly start: string;
    readonly end: string;
    readonly dueAt: string;
    readonly reports: readonly {
      readonly taskId: string;
      readonly authorId: string;
      readonly role: 'mentor' | 'mentee';
    }[];
    readonly openedAt: string;
  }
>;

export type PeriodicReportSubmitted = PairFact<
  'PeriodicReportSubmitted',
  {
    readonly taskId: string;
    readonly authorId: string;
    readonly text: string;
    readonly fileRef?: string;
    readonly submittedAt: string;
  }
>;

/** Accepted, or returned with a comment: a returned report raises its author's task again (`newTaskId`). */
export type PeriodicReportDecided = PairFact<
  'PeriodicReportDecided',
  {
    readonly taskId: string;
    readonly decision: 'accepted' | 'returned';
    readonly comment?: string;
    readonly newTaskId?: string;
  } & Acted<'decided'>
>;

/** Written notice of ending the mentoring early, given by the mentor or a mentee (Labour Code art. 351.8). */
export interface PairTerminationNotice {
  readonly noticeDate: string;
  readonly givenBy: string;
  readonly givenByRole: 'mentor' | 'mentee';
  /** The local date the pair ends: 3 working days after the notice on the production calendar. */
  readonly endsOn: string;
  readonly endsAt: string;
}

export type PairTerminationNoticeGiven = PairFact<
  'PairTerminationNoticeGiven',
  PairTerminationNotice & { readonly recordedAt: string }
>;

/**
 * Ended early, as opposed to PairCompleted: by the director's order, or once a participant's notice ran
 * (then `notice` instead of `order`); open tasks are cancelled with it.
 */
export type PairTerminated = PairFact<
  'PairTerminated',
  {
    readonly programmeId: string;
    readonly organisationId: string;
    readonly mentorId: string;
    readonly menteeIds: readonly string[];
    readonly reason: string;
    readonly order?: PairOrder;
    readonly notice?: PairTerminationNotice;
  } & Acted<'terminated'>
>;

export const pairScanKinds = ['assignmentOrder', 'consent', 'replacementOrder', 'terminationOrder'] as const;
export type PairScanKind = (typeof pairScanKinds)[number];
export const isPairScanKind = isOneOf(pairScanKinds);

/** Which of the pair's documents: a consent names its person, a replacement order its replacement. */
export interface PairScanDocument {
  readonly kind: PairScanKind;
  readonly personId?: string;
  readonly replacementId?: string;
}

/** The key a document's latest scan is kept under in the pair's state. */
export const pairScanKey = ({ kind, personId, replacementId }: PairScanDocument): string =>
  kind === 'consent'
    ? `consent:${personId ?? ''}`
    : kind === 'replacementOrder'
      ? `replacementOrder:${replacementId ?? ''}`
      : kind;

/**
 * The signed scan of one of the pair's documents, stored with its SHA-256 (issue 22); a later file is a new
 * event naming the hash it replaces.
 */
export type PairDocumentScanAttached = PairFact<
  'PairDocumentScanAttached',
  PairScanDocument & DocumentScan & { readonly replacesSha256?: string } & Acted<'attached'>
>;

export type PairOwnEvent =
  | PairFormed
  | PersonalProgrammeApproved
  | MentorDiaryEntryRecorded
  | MenteeReportRecorded
  | InterimControlPassed
  | InterimControlFailed
  | PersonalProgrammeCorrectionProposed
  | PersonalProgrammeCorrected
  | PersonalProgrammeCorrectionReturned
  | MentorFinalReportSubmitted
  | FinalControlCompleted
  | PairCompleted
  | MentorReplaced
  | MentorReplacementRejected
  | PairTerminationNoticeGiven
  | MenteeAssignmentGiven
  | PeriodicReportPeriodOpened
  | PeriodicReportSubmitted
  | PeriodicReportDecided
  | PairTerminated
  | PairDocumentScanAttached;

/** The pair's stream also holds the life of its control tasks. */
export type PairEvent = PairOwnEvent | TaskEvent;
