import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CommandMetadata,
  FormPair,
  MentorReplacementReason,
  PairConsent,
  PairController,
  PairEntry,
  PairOrder,
  PairState,
  PersonalProgrammeActivity,
} from '../../libs/domain/src';
import type { AggregateSnapshot } from '../shared/aggregate-runner';
import type { Envelope } from '../shared/envelope';

export type PairFormation = Omit<FormPair['data'], 'capacityReserved'>;

export interface PairWorkflowInput {
  formation: PairFormation;
  timeZone: string;
  metadata: CommandMetadata;
  snapshot?: AggregateSnapshot<PairState>;
  /** Continue as new once the run's history has this many events (HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW; tests use less); otherwise when Temporal suggests. */
  continueAsNewAfterEvents?: number;
}

export interface PairView {
  state: PairState;
  version: number;
}

export interface PersonalProgrammeInput {
  programmeDocId?: string;
  start: string;
  end: string;
  directions: string[];
  activities: PersonalProgrammeActivity[];
  difficulties: string[];
  controller: PairController;
}

export interface MentorReplacementRequest {
  replacementId: string;
  reason: MentorReplacementReason;
  order: PairOrder;
  newMentorId: string;
  newMentorConsent?: PairConsent;
}

/** Answers once the pair is formed (or throws the refusal): the API's update-with-start. */
export const pairFormedUpdate = defineUpdate<PairView>('pairFormed');
export const approvePersonalProgrammeUpdate = defineUpdate<PairView, [Envelope<PersonalProgrammeInput>]>(
  'approvePersonalProgramme',
);
export const recordDiaryEntryUpdate = defineUpdate<PairView, [Envelope<PairEntry>]>('recordDiaryEntry');
export const recordMenteeReportUpdate = defineUpdate<PairView, [Envelope<PairEntry>]>('recordMenteeReport');
export const passInterimControlUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; outcome: 'passed' | 'needsCorrection'; comment: string }>]
>('passInterimControl');
export const submitMentorFinalReportUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; conclusion: string; proposals?: string }>]
>('submitMentorFinalReport');
export const completeFinalControlUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; outcome: 'passed' | 'notPassed'; mentorConclusion: string; comment?: string }>]
>('completeFinalControl');
export const terminatePairUpdate = defineUpdate<PairView, [Envelope<{ reason: string; order?: PairOrder }>]>(
  'terminatePair',
);

/** Fire-and-forget, as the design card asks: the workflow records it as applied or as rejected. */
export const replaceMentorSignal = defineSignal<[Envelope<MentorReplacementRequest>]>('replaceMentor');

export const pairViewQuery = defineQuery<PairView>('pairView');
