import type { DomainCommand } from '../shared/decider';
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
  }
>;

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

export type PairCommand =
  | FormPair
  | ApprovePersonalProgramme
  | RecordDiaryEntry
  | RecordMenteeReport
  | PassInterimControl
  | SubmitMentorFinalReport
  | CompleteFinalControl
  | CompletePair
  | MarkPairTaskOverdue
  | ReplaceMentor
  | RejectMentorReplacement
  | TerminatePair;
