import type { DomainCommand } from '../shared/decider';
import type { DocumentScan } from '../shared/document-scan';
import type { ReassignTask } from '../task/task.reassignment';
import type { UnmetCondition } from '../shared/refusal';
import type { MentorEligibilityWarning } from '../participant/participant.events';
import type {
  FinalControlOutcome,
  InterimControlOutcome,
  MentorReplacementReason,
  PairConsent,
  PairControlTask,
  PairController,
  PairSetup,
  PairOrder,
  PersonalProgrammePlan,
  PairScanDocument,
} from './pair.events';

/** The workflow reserves the mentor's capacity (mentor-load stream) first and passes the result. */
export type FormPair = DomainCommand<
  'FormPair',
  PairSetup & {
    readonly order?: PairOrder;
    readonly mentorEligibilityWarnings?: readonly MentorEligibilityWarning[];
    readonly capacityReserved: boolean;
  }
>;

/** Due instants come from the workflow (organisation calendar and time zone); the domain checks they fit. */
export type ApprovePersonalProgramme = DomainCommand<
  'ApprovePersonalProgramme',
  PersonalProgrammePlan & {
    readonly controller: PairController;
    readonly interimControl: PairControlTask;
    readonly finalControl: PairControlTask;
    /** The mentor's final report (002 §6.1.10) as a task of the mentor, due by the final control. */
    readonly mentorReport?: PairControlTask;
    /** The reporting period in months (002 §6.1.9, §7.1.6); the workflow sets it (monthly by default). */
    readonly reportPeriodMonths?: number;
  }
>;

export interface PairEntry {
  readonly entryId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly text: string;
}

export type RecordDiaryEntry = DomainCommand<'RecordDiaryEntry', PairEntry>;
export type RecordMenteeReport = DomainCommand<'RecordMenteeReport', PairEntry>;

export type PassInterimControl = DomainCommand<
  'PassInterimControl',
  {
    readonly taskId: string;
    readonly outcome: InterimControlOutcome;
    readonly comment: string;
    /** Required with 'needsCorrection': the date the corrected work is checked again. */
    readonly repeatControl?: PairControlTask;
    /** With 'needsCorrection': the mentor's task to submit a corrected programme, due by the repeat control. */
    readonly correctionTask?: PairControlTask;
  }
>;

/** What a correction changes: the programme's dates, directions, difficulties and activities (002 §2). */
export type PersonalProgrammeRevision = Pick<
  PersonalProgrammePlan,
  'start' | 'end' | 'directions' | 'activities' | 'difficulties'
>;

/** The mentor proposes a new version of the approved programme, with the reason. */
export type ProposeProgrammeCorrection = DomainCommand<
  'ProposeProgrammeCorrection',
  PersonalProgrammeRevision & { readonly correctionId: string; readonly reason: string }
>;

/**
 * The commission head or the curator approves the proposed version or returns it with a comment. When
 * the end moves, the workflow passes the final control and the mentor's report re-timed to the new end.
 * A pair's first programme, proposed before any approval, is approved as ApprovePersonalProgramme approves
 * it: the workflow passes the whole control plan (the controller is the one who decides, unless named).
 */
export type DecideProgrammeCorrection = DomainCommand<
  'DecideProgrammeCorrection',
  {
    readonly correctionId: string;
    readonly decision: 'approved' | 'returned';
    readonly comment?: string;
    readonly finalControl?: PairControlTask;
    readonly mentorReport?: PairControlTask;
    /** First programme only: who controls the pair, the interim control and the reporting period. */
    readonly controller?: PairController;
    readonly interimControl?: PairControlTask;
    readonly reportPeriodMonths?: number;
  }
>;

/**
 * The mentor or a mentee gives written notice of ending the mentoring early (Labour Code art. 351.8: at
 * least 3 working days). The workflow computes the day it allows on the production calendar.
 */
export type GiveTerminationNotice = DomainCommand<
  'GiveTerminationNotice',
  {
    /** YYYY-MM-DD: the date of the written notice, a fact. */
    readonly noticeDate: string;
    readonly endsOn: string;
    readonly endsAt: string;
  }
>;

/** The mentor's dated assignment to a mentee (002 §6.1.6), optionally under an activity of the programme. */
export type AssignMenteeTask = DomainCommand<
  'AssignMenteeTask',
  {
    readonly menteeId: string;
    readonly title: string;
    /** Index into the programme's activities (0-based), when the assignment serves one. */
    readonly activityIndex?: number;
    /** The workflow computes the due instant from the date the mentor chose. */
    readonly task: PairControlTask;
  }
>;

/** The mentee reports the assignment done (through the task inbox). */
export type CompleteMenteeAssignment = DomainCommand<
  'CompleteMenteeAssignment',
  { readonly taskId: string; readonly result?: string }
>;

/** Sent by the workflow when a reporting period begins: one report task per author, due at the period's end. */
export type OpenReportPeriod = DomainCommand<
  'OpenReportPeriod',
  {
    readonly period: number;
    readonly dueAt: string;
    readonly dueLocalDate: string;
    /** Task ids in order: the mentor's, then each mentee's. */
    readonly taskIds: readonly string[];
  }
>;

/** The mentor's or a mentee's periodic report: completes the report task. */
export type SubmitPeriodicReport = DomainCommand<
  'SubmitPeriodicReport',
  { readonly taskId: string; readonly text: string; readonly fileRef?: string }
>;

/** The commission head (curator, administrator) accepts the report or returns it with a comment. */
export type DecidePeriodicReport = DomainCommand<
  'DecidePeriodicReport',
  {
    readonly taskId: string;
    readonly decision: 'accepted' | 'returned';
    readonly comment?: string;
    /** With 'returned': the author's task raised again (the workflow computes its deadline). */
    readonly task?: PairControlTask;
  }
>;

/** Sent by the workflow's timer once the notice period has run. */
export type EndPairOnNotice = DomainCommand<'EndPairOnNotice', Record<string, never>>;

export type SubmitMentorFinalReport = DomainCommand<
  'SubmitMentorFinalReport',
  { readonly taskId: string; readonly conclusion: string; readonly proposals?: string }
>;

export type CompleteFinalControl = DomainCommand<
  'CompleteFinalControl',
  {
    readonly taskId: string;
    readonly outcome: FinalControlOutcome;
    /** The mentor's conclusion on the mentee's adaptation, as heard by the commission (002 §6.1.10, §8.3). */
    readonly mentorConclusion: string;
    /** «Предложения по дальнейшей работе» (002 §6.1.10). */
    readonly proposals?: string;
    readonly comment?: string;
  }
>;

export type CompletePair = DomainCommand<'CompletePair', Record<string, never>>;

/** Sent by the workflow's timer when a control task's due instant passes. */
export type MarkPairTaskOverdue = DomainCommand<'MarkPairTaskOverdue', { readonly taskId: string }>;

export type ReplaceMentor = DomainCommand<
  'ReplaceMentor',
  {
    readonly replacementId: string;
    readonly reason: MentorReplacementReason;
    readonly order?: PairOrder;
    readonly newMentorId: string;
    /** 002 §4.5: a mentor is appointed with their consent; the new one too. */
    readonly newMentorConsent?: PairConsent;
    /** 002 §4.5 «при обоюдном согласии»: each mentee consents to the new mentor too. */
    readonly menteeConsents?: readonly PairConsent[];
    readonly capacityReserved: boolean;
    readonly mentorEligibilityWarnings?: readonly MentorEligibilityWarning[];
  }
>;

/** The workflow records a refused replacement instead of dropping it. */
export type RejectMentorReplacement = DomainCommand<
  'RejectMentorReplacement',
  {
    readonly replacementId: string;
    readonly reasonCode: string;
    readonly message: string;
    readonly unmet?: readonly UnmetCondition[];
  }
>;

export type TerminatePair = DomainCommand<'TerminatePair', { readonly reason: string; readonly order?: PairOrder }>;

/** The signed scan of one of the pair's documents, stored and measured by the API. */
export type AttachPairDocumentScan = DomainCommand<
  'AttachPairDocumentScan',
  { readonly document: PairScanDocument; readonly scan: DocumentScan }
>;

export type PairCommand =
  | FormPair
  | ApprovePersonalProgramme
  | RecordDiaryEntry
  | RecordMenteeReport
  | PassInterimControl
  | ProposeProgrammeCorrection
  | DecideProgrammeCorrection
  | SubmitMentorFinalReport
  | CompleteFinalControl
  | CompletePair
  | MarkPairTaskOverdue
  | ReplaceMentor
  | RejectMentorReplacement
  | TerminatePair
  | GiveTerminationNotice
  | EndPairOnNotice
  | AssignMenteeTask
  | CompleteMenteeAssignment
  | OpenReportPeriod
  | SubmitPeriodicReport
  | DecidePeriodicReport
  | ReassignTask
  | AttachPairDocumentScan;
