import type { DomainCommand } from '../shared/decider';
import type { DocumentScan } from '../shared/document-scan';
import type { TaskDeadline } from '../task/task.state';
import type { ProgrammeDocument, ProgrammeProblem, ProgrammeStage } from './programme.events';
import type { ProgrammeGateContext } from './programme.gate-context';

export type StartProgramme = DomainCommand<
  'StartProgramme',
  {
    readonly programmeId: string;
    readonly organisationId: string;
    readonly title: string;
    /** ISO-8601 instant when the programme really started, if earlier than now (back-filling). */
    readonly startedAt?: string;
  }
>;

export type RecordDocument = DomainCommand<'RecordDocument', ProgrammeDocument>;

/** The signed original of a registered document: the API stored the file and measured it; a later one replaces it. */
export type AttachDocumentScan = DomainCommand<
  'AttachDocumentScan',
  { readonly documentId: string; readonly scan: DocumentScan }
>;

export type AppointCurator = DomainCommand<'AppointCurator', { readonly curatorId: string }>;

export type AdvanceStage = DomainCommand<
  'AdvanceStage',
  {
    readonly comment?: string;
    readonly context: ProgrammeGateContext;
    /** The stage the curator saw when pressing "next": guards against a double submit skipping a stage. */
    readonly expectedStage?: ProgrammeStage;
  }
>;

export type ReturnToStage = DomainCommand<'ReturnToStage', { readonly stage: ProgrammeStage; readonly reason: string }>;

/** The curator's reminder the workflow schedules for a plan: when it is due and when to remind. */
export interface StagePlanReminder {
  readonly taskId: string;
  readonly dueAt: string;
  readonly dueLocalDate: string;
  readonly remindAt: readonly string[];
  /** The reminder's working days fall in a year the calendar lacks: it is set once that year is loaded. */
  readonly deadlinePendingYear?: number;
}

export type PlanStageDates = DomainCommand<
  'PlanStageDates',
  { readonly stage: ProgrammeStage; readonly plannedEnd: string; readonly reminder?: StagePlanReminder }
>;

/** Sent by the workflow's reminder timer. */
export type RemindProgrammeTask = DomainCommand<'RemindProgrammeTask', { readonly taskId: string }>;

/** Sent by the workflow once the calendar year a reminder waited for is loaded. */
export type SetProgrammeTaskDeadline = DomainCommand<'SetTaskDeadline', { readonly taskId: string } & TaskDeadline>;

/** Sent by the workflow's timer; `plannedEnd` is the plan the timer was set for, so a stale timer is recognised. */
export type MarkStagePlanOverdue = DomainCommand<
  'MarkStagePlanOverdue',
  { readonly stage: ProgrammeStage; readonly plannedEnd: string }
>;

/** The preliminary analysis of problems (issue 28): the curator records, revises, removes; the director approves. */
export type RecordProblem = DomainCommand<'RecordProblem', ProgrammeProblem>;
export type ReviseProblem = DomainCommand<'ReviseProblem', ProgrammeProblem>;
export type RemoveProblem = DomainCommand<'RemoveProblem', { readonly problemId: string }>;
export type ApproveProblemAnalysis = DomainCommand<'ApproveProblemAnalysis', Record<string, never>>;

export type PreparationCommand = RecordProblem | ReviseProblem | RemoveProblem | ApproveProblemAnalysis;

export type ProgrammeCommand =
  | StartProgramme
  | PreparationCommand
  | RecordDocument
  | AttachDocumentScan
  | AppointCurator
  | AdvanceStage
  | ReturnToStage
  | PlanStageDates
  | MarkStagePlanOverdue
  | RemindProgrammeTask
  | SetProgrammeTaskDeadline;
