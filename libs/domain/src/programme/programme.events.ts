import type { Acted, DomainEvent } from '../shared/decider';
import type { TaskEvent } from '../task/task.events';
import type { ProgrammeGateContext } from './programme.gate-context';
import { isOneOf } from '../shared/one-of';
import type { DocumentScan } from '../shared/document-scan';

/** The five stages of the target model in an organisation, in order (004 slide 43). */
export const programmeStages = ['preparatory', 'design', 'implementation', 'reflectiveAnalytical', 'results'] as const;
export type ProgrammeStage = (typeof programmeStages)[number];
/** Where a programme can stand: one of the five stages, or closed after the results stage. */
export type ProgrammeStageOrClosed = ProgrammeStage | 'closed';

export const isProgrammeStage = isOneOf(programmeStages);

/** Normative documents of the target model (004 slides 27 and 45; 002 §4, §10). */
export const programmeDocumentKinds = [
  'implementationAct',
  'regulationApprovalOrder',
  'roadMap',
  'pairAssignmentOrder',
  'writtenConsent',
  'mentorContractSupplement',
  'cooperationAgreement',
  'processMonitoringReport',
  'influenceMonitoringReport',
  'finalReport',
] as const;
export type ProgrammeDocumentKind = (typeof programmeDocumentKinds)[number];

export const isProgrammeDocumentKind = isOneOf(programmeDocumentKinds);

export interface ProgrammeDocument {
  readonly documentId: string;
  readonly kind: ProgrammeDocumentKind;
  readonly number: string;
  /** Date of signing, YYYY-MM-DD. */
  readonly date: string;
  readonly signedBy: string;
  readonly fileRef?: string;
  /** The document this one corrects: documents are never edited, only superseded. */
  readonly corrects?: string;
}

// Every event names its programme: read models key their rows on it.
export type ProgrammeStarted = DomainEvent<
  'ProgrammeStarted',
  {
    readonly programmeId: string;
    readonly organisationId: string;
    readonly title: string;
    readonly stage: 'preparatory';
  } & Acted<'started'>
>;

export type DocumentRecorded = DomainEvent<
  'DocumentRecorded',
  ProgrammeDocument & {
    readonly programmeId: string;
    /** Stage the programme stood at when the document was recorded. */
    readonly stage: ProgrammeStage;
  } & Acted<'recorded'>
>;

/**
 * The signed scan of a registered document, stored with its SHA-256 (issue 22): the audit shows which file
 * was registered; a later file is a new event naming the hash it replaces.
 */
export type DocumentScanAttached = DomainEvent<
  'DocumentScanAttached',
  DocumentScan & {
    readonly programmeId: string;
    readonly documentId: string;
    readonly kind: ProgrammeDocumentKind;
    readonly replacesSha256?: string;
  } & Acted<'attached'>
>;

export type CuratorAppointed = DomainEvent<
  'CuratorAppointed',
  { readonly programmeId: string; readonly curatorId: string; readonly previousCuratorId?: string } & Acted<'appointed'>
>;

export type StageAdvanced = DomainEvent<
  'StageAdvanced',
  {
    readonly programmeId: string;
    readonly from: ProgrammeStage;
    readonly to: ProgrammeStageOrClosed;
    readonly comment?: string;
    readonly advancedAt: string;
    readonly advancedBy: string;
    /** The counts the gate was checked against, kept for audit. */
    readonly context: ProgrammeGateContext;
  }
>;

export type StageReturned = DomainEvent<
  'StageReturned',
  {
    readonly programmeId: string;
    readonly from: ProgrammeStage;
    readonly to: ProgrammeStage;
    readonly reason: string;
  } & Acted<'returned'>
>;

export type StagePlanned = DomainEvent<
  'StagePlanned',
  {
    readonly programmeId: string;
    readonly stage: ProgrammeStage;
    /** Last day of the stage, YYYY-MM-DD, in the organisation's time zone. */
    readonly plannedEnd: string;
    readonly previousPlannedEnd?: string;
    readonly plannedAt: string;
    readonly plannedBy: string;
    /** The curator's reminder task raised with this plan, if a curator was appointed. */
    readonly reminderTaskId?: string;
  }
>;

export type StagePlanOverdue = DomainEvent<
  'StagePlanOverdue',
  {
    readonly programmeId: string;
    readonly stage: ProgrammeStage;
    readonly plannedEnd: string;
    readonly detectedAt: string;
  }
>;

export type ProgrammeClosed = DomainEvent<
  'ProgrammeClosed',
  { readonly programmeId: string; readonly organisationId: string } & Acted<'closed'>
>;

/** Where a problem the programme should solve was found (004 slide 44: the preliminary analysis). */
export const problemSources = ['attestation', 'diagnostics', 'complaints', 'newStaff', 'other'] as const;
export type ProblemSource = (typeof problemSources)[number];
export const isProblemSource = isOneOf(problemSources);

export interface ProgrammeProblem {
  readonly problemId: string;
  readonly description: string;
  readonly source: ProblemSource;
}

/** A problem of the preliminary analysis, recorded or revised by the curator in the preparatory stage (issue 28). */
export type ProblemRecorded = DomainEvent<
  'ProblemRecorded',
  ProgrammeProblem & { readonly programmeId: string } & Acted<'recorded'>
>;
export type ProblemRevised = DomainEvent<
  'ProblemRevised',
  ProgrammeProblem & { readonly programmeId: string } & Acted<'revised'>
>;
export type ProblemRemoved = DomainEvent<
  'ProblemRemoved',
  { readonly programmeId: string; readonly problemId: string } & Acted<'removed'>
>;
/** The director approves the analysis as it stands: the problems approved are named, a later change needs a new approval. */
export type ProblemAnalysisApproved = DomainEvent<
  'ProblemAnalysisApproved',
  { readonly programmeId: string; readonly problemIds: readonly string[] } & Acted<'approved'>
>;

export type PreparationEvent = ProblemRecorded | ProblemRevised | ProblemRemoved | ProblemAnalysisApproved;

export type ProgrammeEvent =
  | ProgrammeStarted
  | PreparationEvent
  | DocumentRecorded
  | DocumentScanAttached
  | CuratorAppointed
  | StageAdvanced
  | StageReturned
  | StagePlanned
  | StagePlanOverdue
  | ProgrammeClosed
  | TaskEvent;
