import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AttachDocumentScan,
  CommandMetadata,
  ProgrammeDocument,
  ProgrammeProblem,
  ProgrammeStage,
  ProgrammeState,
} from '../../libs/domain/src';
import type { AggregateSnapshot } from '../shared/aggregate-runner';
import type { Envelope } from '../shared/envelope';

export type { Envelope } from '../shared/envelope';

export interface ProgrammeWorkflowInput {
  programmeId: string;
  organisationId: string;
  title: string;
  timeZone: string;
  metadata: CommandMetadata;
  /** Present when the workflow continued as new: the state it carries over. */
  snapshot?: AggregateSnapshot<ProgrammeState>;
  /** Continue as new once the run's history has this many events (HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW; tests use less); otherwise when Temporal suggests. */
  continueAsNewAfterEvents?: number;
}

export interface ProgrammeView {
  state: ProgrammeState;
  version: number;
}

export const programmeStartedUpdate = defineUpdate<ProgrammeView>('programmeStarted');
export const recordDocumentUpdate = defineUpdate<ProgrammeView, [Envelope<ProgrammeDocument>]>('recordDocument');
export const attachDocumentScanUpdate = defineUpdate<ProgrammeView, [Envelope<AttachDocumentScan['data']>]>(
  'attachDocumentScan',
);
export const appointCuratorUpdate = defineUpdate<ProgrammeView, [Envelope<{ curatorId: string }>]>('appointCurator');
export const advanceStageUpdate = defineUpdate<
  ProgrammeView,
  [Envelope<{ comment?: string; expectedStage?: ProgrammeStage }>]
>('advanceStage');
export const returnToStageUpdate = defineUpdate<ProgrammeView, [Envelope<{ stage: ProgrammeStage; reason: string }>]>(
  'returnToStage',
);
export const planStageDatesUpdate = defineUpdate<
  ProgrammeView,
  [Envelope<{ stage: ProgrammeStage; plannedEnd: string }>]
>('planStageDates');

export const recordProblemUpdate = defineUpdate<ProgrammeView, [Envelope<ProgrammeProblem>]>('recordProblem');
export const reviseProblemUpdate = defineUpdate<ProgrammeView, [Envelope<ProgrammeProblem>]>('reviseProblem');
export const removeProblemUpdate = defineUpdate<ProgrammeView, [Envelope<{ problemId: string }>]>('removeProblem');
export const approveProblemAnalysisUpdate = defineUpdate<ProgrammeView, [Envelope<Record<string, never>>]>(
  'approveProblemAnalysis',
);

export const programmeViewQuery = defineQuery<ProgrammeView>('programmeView');
