import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AttachPairDocumentScan,
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
  /** The reporting period in months (monthly when absent). */
  reportPeriodMonths?: number;
}

export interface MentorReplacementRequest {
  replacementId: string;
  reason: MentorReplacementReason;
  order: PairOrder;
  newMentorId: string;
  newMentorConsent?: PairConsent;
  /** Each mentee's written consent to the new mentor (002 §4.5); absent in requests sent before it was asked. */
  menteeConsents?: PairConsent[];
}

export interface InterimControlInput {
  taskId: string;
  outcome: 'passed' | 'needsCorrection';
  comment: string;
  /** With 'needsCorrection': YYYY-MM-DD of the repeat control; a month after today when absent. */
  repeatControlDate?: string;
}

export interface ProgrammeCorrectionInput {
  correctionId: string;
  reason: string;
  start: string;
  end: string;
  directions: string[];
  activities: PersonalProgrammeActivity[];
  difficulties: string[];
}

export interface ProgrammeCorrectionDecision {
  correctionId: string;
  decision: 'approved' | 'returned';
  comment?: string;
}

/** Answers once the pair is formed (or throws the refusal): the API's update-with-start. */
export const pairFormedUpdate = defineUpdate<PairView>('pairFormed');
export const approvePersonalProgrammeUpdate = defineUpdate<PairView, [Envelope<PersonalProgrammeInput>]>(
  'approvePersonalProgramme',
);
export const attachPairDocumentScanUpdate = defineUpdate<PairView, [Envelope<AttachPairDocumentScan['data']>]>(
  'attachPairDocumentScan',
);
export const recordDiaryEntryUpdate = defineUpdate<PairView, [Envelope<PairEntry>]>('recordDiaryEntry');
export const recordMenteeReportUpdate = defineUpdate<PairView, [Envelope<PairEntry>]>('recordMenteeReport');
export const passInterimControlUpdate = defineUpdate<PairView, [Envelope<InterimControlInput>]>('passInterimControl');
export const proposeProgrammeCorrectionUpdate = defineUpdate<PairView, [Envelope<ProgrammeCorrectionInput>]>(
  'proposeProgrammeCorrection',
);
export const decideProgrammeCorrectionUpdate = defineUpdate<PairView, [Envelope<ProgrammeCorrectionDecision>]>(
  'decideProgrammeCorrection',
);
/** The mentor's dated assignment to a mentee: the workflow computes the deadline's instant. */
export const assignMenteeTaskUpdate = defineUpdate<
  PairView,
  [Envelope<{ menteeId: string; title: string; dueDate: string; activityIndex?: number }>]
>('assignMenteeTask');

/** The mentor's or a mentee's periodic report: completes the report task. */
export const submitPeriodicReportUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; text: string; fileRef?: string }>]
>('submitPeriodicReport');
/** Accepted, or returned with a comment: the workflow raises the author's task again. */
export const decidePeriodicReportUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; decision: 'accepted' | 'returned'; comment?: string }>]
>('decidePeriodicReport');

/** The mentor's or a mentee's written notice: the workflow ends the pair once 3 working days have run. */
export const giveTerminationNoticeUpdate = defineUpdate<PairView, [Envelope<{ noticeDate: string }>]>(
  'giveTerminationNotice',
);
export const submitMentorFinalReportUpdate = defineUpdate<
  PairView,
  [Envelope<{ taskId: string; conclusion: string; proposals?: string }>]
>('submitMentorFinalReport');
export const completeFinalControlUpdate = defineUpdate<
  PairView,
  [
    Envelope<{
      taskId: string;
      outcome: 'passed' | 'notPassed';
      mentorConclusion: string;
      proposals?: string;
      comment?: string;
    }>,
  ]
>('completeFinalControl');
export const terminatePairUpdate = defineUpdate<PairView, [Envelope<{ reason: string; order?: PairOrder }>]>(
  'terminatePair',
);

/** Fire-and-forget, as the design card asks: the workflow records it as applied or as rejected. */
export const replaceMentorSignal = defineSignal<[Envelope<MentorReplacementRequest>]>('replaceMentor');

export const pairViewQuery = defineQuery<PairView>('pairView');
