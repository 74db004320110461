import { assertNever } from '../shared/decider';
import { isTaskEvent } from '../task/task.events';
import { evolveTasks, type Tasks } from '../task/task.state';
import { attachedScan, type AttachedDocumentScan } from '../shared/document-scan';
import type {
  FinalControlCompleted,
  InterimControlOutcome,
  MentorFinalReportSubmitted,
  MentorReplacementReason,
  PairController,
  PairEvent,
  PairFormed,
  PairKind,
  PairOrder,
  PairTerminationNotice,
  PersonalProgrammeCorrectionProposed,
  PersonalProgrammePlan,
} from './pair.events';
import { pairKindsOf, pairScanKey } from './pair.events';
import { evolvePeriodicReports, type PeriodicReport, type ReportPeriod } from './pair.reports.state';

export type { PeriodicReport, ReportPeriod } from './pair.reports.state';

/** One mentor's time with the pair; terms follow each other without a gap (to of one = from of the next). */
export interface PairMentorTerm {
  readonly mentorId: string;
  readonly from: string;
  readonly to?: string;
  /** The order that assigned this mentor. */
  readonly order: PairOrder;
  readonly replacementId?: string;
  /** Why this mentor's term ended, when it ended by replacement. */
  readonly endReason?: MentorReplacementReason;
}

export interface ApprovedPersonalProgramme extends PersonalProgrammePlan {
  readonly approvedAt: string;
  readonly approvedBy: string;
}

/** One version of the personalised programme: the first approval, then each approved correction. */
export interface PersonalProgrammeVersion extends ApprovedPersonalProgramme {
  readonly version: number;
  readonly correctionId?: string;
  readonly reason?: string;
  readonly proposedBy?: string;
  readonly proposedAt?: string;
  readonly comment?: string;
}

export interface MenteeAssignment {
  readonly taskId: string;
  readonly menteeId: string;
  readonly title: string;
  readonly activityIndex?: number;
  readonly dueLocalDate: string;
}

/** A correction the mentor proposed, awaiting the commission head's or the curator's decision. */
export type ProposedCorrection = Omit<PersonalProgrammeCorrectionProposed['data'], 'pairId'>;

/** The last correction returned to the mentor, with the comment on what to rework: shown until the next proposal. */
export type ReturnedCorrection = ProposedCorrection & {
  readonly comment: string;
  readonly returnedAt: string;
  readonly returnedBy: string;
};

export interface PairControlPlan {
  readonly controller: PairController;
  /** The first interim control and every repeat after a correction, in order. */
  readonly interimTaskIds: readonly string[];
  readonly finalTaskId: string;
  readonly mentorReportTaskId?: string;
}

export interface InterimControlResult {
  readonly taskId: string;
  readonly outcome: InterimControlOutcome;
  readonly comment: string;
  readonly controlledAt: string;
  readonly controlledBy: string;
}

/** What FinalControlCompleted recorded, less the pair and programme it names. */
export type FinalControlResult = Omit<FinalControlCompleted['data'], 'pairId' | 'programmeId'>;

/** What MentorFinalReportSubmitted recorded, less the pair it names. */
export type MentorFinalReport = Omit<MentorFinalReportSubmitted['data'], 'pairId'>;

export interface PairTermination {
  readonly reason: string;
  /** The director's order, or, for a pair ended on a participant's notice, none. */
  readonly order?: PairOrder;
  readonly notice?: PairTerminationNotice;
  readonly terminatedAt: string;
  readonly terminatedBy: string;
}

/** What PairFormed recorded (less who formed it), and all that happened to the pair since. */
export interface FormedPair extends Omit<PairFormed['data'], 'status' | 'formedBy' | 'kinds'> {
  /** Every kind of the pair: the event's list, or its one kind on older events. */
  readonly kinds: readonly PairKind[];
  readonly status: 'formed' | 'active' | 'completed' | 'terminated';
  readonly mentorHistory: readonly PairMentorTerm[];
  readonly personalProgramme?: ApprovedPersonalProgramme;
  /** Every version of the programme, oldest first; absent for pairs folded before versions were kept. */
  readonly personalProgrammeVersions?: readonly PersonalProgrammeVersion[];
  readonly pendingCorrection?: ProposedCorrection;
  readonly returnedCorrection?: ReturnedCorrection;
  readonly controlPlan?: PairControlPlan;
  readonly interimControls: readonly InterimControlResult[];
  readonly mentorFinalReport?: MentorFinalReport;
  readonly finalControl?: FinalControlResult;
  readonly diaryEntryIds: readonly string[];
  readonly diaryCount: number;
  readonly menteeReportIds: readonly string[];
  readonly menteeReportsCount: number;
  readonly tasks: Tasks;
  /** Every replacement request already decided, so a retried request is recognised. */
  readonly replacementDecisions: Readonly<Record<string, 'applied' | 'rejected'>>;
  readonly completedAt?: string;
  /** The mentor's assignments to the mentees; their progress is the tasks' (absent before any was given). */
  readonly assignments?: readonly MenteeAssignment[];
  /** The reporting period in months; absent for programmes approved before periodic reports. */
  readonly reportPeriodMonths?: number;
  /** Each reporting period opened so far, in order. */
  readonly reportPeriods?: readonly ReportPeriod[];
  /** The report tasks, a returned report's new task after it. */
  readonly periodicReports?: readonly PeriodicReport[];
  /** A participant's written notice, pending until the day it allows. */
  readonly terminationNotice?: PairTerminationNotice;
  readonly termination?: PairTermination;
  /** The latest signed scan of each of the pair's documents (pairScanKey); absent until one is attached. */
  readonly documentScans?: Readonly<Record<string, AttachedDocumentScan>>;
}

export type PairState = { readonly status: 'notFormed' } | FormedPair;

export const initialPairState = (): PairState => ({ status: 'notFormed' });

export const isFormedPair = (state: PairState): state is FormedPair => state.status !== 'notFormed';

/** The versions so far: a pair approved before versions were kept starts from its current programme as version 1. */
export const personalProgrammeVersionsOf = (pair: FormedPair): readonly PersonalProgrammeVersion[] =>
  pair.personalProgrammeVersions ??
  (pair.personalProgramme === undefined ? [] : [{ ...pair.personalProgramme, version: 1 }]);

const whenFormed = (state: PairState, next: (pair: FormedPair) => FormedPair): PairState =>
  isFormedPair(state) ? next(state) : state;

/** Closes the current mentor's term: the history has no gap and no overlap. */
const closeMentorTerm = (
  history: readonly PairMentorTerm[],
  to: string,
  endReason?: MentorReplacementReason,
): PairMentorTerm[] =>
  history.map((term, index) =>
    index === history.length - 1 ? { ...term, to, ...(endReason === undefined ? {} : { endReason }) } : term,
  );

/** The programme as the state keeps it: the plan's own fields (an event carries more), and who approved it. */
const approvedProgramme = (
  plan: PersonalProgrammePlan,
  { approvedAt, approvedBy }: { readonly approvedAt: string; readonly approvedBy: string },
): ApprovedPersonalProgramme => ({
  ...(plan.programmeDocId === undefined ? {} : { programmeDocId: plan.programmeDocId }),
  start: plan.start,
  end: plan.end,
  directions: plan.directions,
  activities: plan.activities,
  difficulties: plan.difficulties,
  approvedAt,
  approvedBy,
});

export const evolvePair = (state: PairState, event: PairEvent): PairState => {
  if (isTaskEvent(event)) return whenFormed(state, (pair) => ({ ...pair, tasks: evolveTasks(pair.tasks, event) }));
  switch (event.type) {
    case 'PairFormed': {
      const {
        pairId,
        programmeId,
        organisationId,
        form,
        kind,
        mentorId,
        menteeIds,
        consents,
        order,
        term,
        shortTermReason,
      } = event.data;
      return {
        status: 'formed',
        pairId,
        programmeId,
        organisationId,
        form,
        kind,
        kinds: pairKindsOf(event.data),
        mentorId,
        mentorHistory: [{ mentorId, from: event.data.formedAt, order }],
        menteeIds,
        consents,
        order,
        term,
        ...(shortTermReason === undefined ? {} : { shortTermReason }),
        mentorEligibilityWarnings: event.data.mentorEligibilityWarnings,
        formedAt: event.data.formedAt,
        interimControls: [],
        diaryEntryIds: [],
        diaryCount: 0,
        menteeReportIds: [],
        menteeReportsCount: 0,
        tasks: {},
        replacementDecisions: {},
      };
    }
    case 'PersonalProgrammeApproved':
      return whenFormed(state, (pair) => {
        const { controller, interimControl, finalControl, mentorReport, reportPeriodMonths, correctionId } = event.data;
        const personalProgramme = approvedProgramme(event.data, event.data);
        // Approving the mentor's proposal: version 1 remembers who proposed it; either way nothing awaits a decision.
        const proposal = pair.pendingCorrection;
        const proposed =
          proposal !== undefined && proposal.correctionId === correctionId
            ? {
                correctionId,
                reason: proposal.reason,
                proposedAt: proposal.proposedAt,
                proposedBy: proposal.proposedBy,
                ...(event.data.comment === undefined ? {} : { comment: event.data.comment }),
              }
            : {};
        return {
          ...pair,
          status: 'active',
          personalProgramme,
          personalProgrammeVersions: [{ ...personalProgramme, version: 1, ...proposed }],
          pendingCorrection: undefined,
          returnedCorrection: undefined,
          ...(reportPeriodMonths === undefined ? {} : { reportPeriodMonths }),
          controlPlan: {
            controller,
            interimTaskIds: [interimControl.taskId],
            finalTaskId: finalControl.taskId,
            ...(mentorReport === undefined ? {} : { mentorReportTaskId: mentorReport.taskId }),
          },
        };
      });
    case 'MentorDiaryEntryRecorded':
      return whenFormed(state, (pair) => ({
        ...pair,
        diaryEntryIds: [...pair.diaryEntryIds, event.data.entryId],
        diaryCount: pair.diaryCount + 1,
      }));
    case 'MenteeReportRecorded':
      return whenFormed(state, (pair) => ({
        ...pair,
        menteeReportIds: [...pair.menteeReportIds, event.data.entryId],
        menteeReportsCount: pair.menteeReportsCount + 1,
      }));
    case 'InterimControlPassed':
    case 'InterimControlFailed':
      return whenFormed(state, (pair) => {
        const { taskId, outcome, comment, controlledAt, controlledBy } = event.data;
        const repeat = event.type === 'InterimControlFailed' ? [event.data.repeatTaskId] : [];
        return {
          ...pair,
          interimControls: [...pair.interimControls, { taskId, outcome, comment, controlledAt, controlledBy }],
          ...(pair.controlPlan === undefined
            ? {}
            : {
                controlPlan: { ...pair.controlPlan, interimTaskIds: [...pair.controlPlan.interimTaskIds, ...repeat] },
              }),
        };
      });
    case 'PersonalProgrammeCorrectionProposed':
      return whenFormed(state, (pair) => {
        const { correctionId, reason, start, end, directions, activities, difficulties, proposedAt, proposedBy } =
          event.data;
        return {
          ...pair,
          returnedCorrection: undefined,
          pendingCorrection: {
            correctionId,
            reason,
            start,
            end,
            directions,
            activities,
            difficulties,
            proposedAt,
            proposedBy,
          },
        };
      });
    case 'PersonalProgrammeCorrectionReturned':
      return whenFormed(state, (pair) => {
        const { comment, returnedAt, returnedBy } = event.data;
        const proposed = pair.pendingCorrection;
        return {
          ...pair,
          pendingCorrection: undefined,
          ...(proposed === undefined ? {} : { returnedCorrection: { ...proposed, comment, returnedAt, returnedBy } }),
        };
      });
    case 'PersonalProgrammeCorrected':
      return whenFormed(state, (pair) => {
        const proposed = pair.pendingCorrection;
        if (proposed === undefined || pair.personalProgramme === undefined) return pair;
        const { correctionId, reason, proposedAt, proposedBy } = proposed;
        const { version, comment, finalTaskId, mentorReportTaskId } = event.data;
        // A correction keeps the approved programme's document.
        const { programmeDocId } = pair.personalProgramme;
        const personalProgramme = approvedProgramme({ ...proposed, programmeDocId }, event.data);
        return {
          ...pair,
          personalProgramme,
          personalProgrammeVersions: [
            ...personalProgrammeVersionsOf(pair),
            {
              ...personalProgramme,
              version,
              correctionId,
              reason,
              proposedAt,
              proposedBy,
              ...(comment === undefined ? {} : { comment }),
            },
          ],
          pendingCorrection: undefined,
          ...(pair.controlPlan === undefined
            ? {}
            : {
                controlPlan: {
                  ...pair.controlPlan,
                  ...(finalTaskId === undefined ? {} : { finalTaskId }),
                  ...(mentorReportTaskId === undefined ? {} : { mentorReportTaskId }),
                },
              }),
        };
      });
    case 'MenteeAssignmentGiven':
      return whenFormed(state, (pair) => {
        const { taskId, menteeId, title, activityIndex, dueLocalDate } = event.data;
        return {
          ...pair,
          assignments: [
            ...(pair.assignments ?? []),
            { taskId, menteeId, title, ...(activityIndex === undefined ? {} : { activityIndex }), dueLocalDate },
          ],
        };
      });
    case 'PeriodicReportPeriodOpened':
    case 'PeriodicReportSubmitted':
    case 'PeriodicReportDecided':
      return whenFormed(state, (pair) => evolvePeriodicReports(pair, event));
    case 'PairTerminationNoticeGiven':
      return whenFormed(state, (pair) => {
        const { noticeDate, givenBy, givenByRole, endsOn, endsAt } = event.data;
        return { ...pair, terminationNotice: { noticeDate, givenBy, givenByRole, endsOn, endsAt } };
      });
    case 'MentorFinalReportSubmitted':
      return whenFormed(state, (pair) => {
        const { taskId, mentorId, conclusion, proposals, submittedAt } = event.data;
        return {
          ...pair,
          mentorFinalReport: {
            taskId,
            mentorId,
            conclusion,
            ...(proposals === undefined ? {} : { proposals }),
            submittedAt,
          },
        };
      });
    case 'FinalControlCompleted':
      return whenFormed(state, (pair) => {
        const { taskId, outcome, mentorConclusion, proposals, comment, controlledAt, controlledBy } = event.data;
        return {
          ...pair,
          finalControl: {
            taskId,
            outcome,
            mentorConclusion,
            ...(proposals === undefined ? {} : { proposals }),
            ...(comment === undefined ? {} : { comment }),
            controlledAt,
            controlledBy,
          },
        };
      });
    case 'PairCompleted':
      return whenFormed(state, (pair) => ({
        ...pair,
        status: 'completed',
        completedAt: event.data.completedAt,
        mentorHistory: closeMentorTerm(pair.mentorHistory, event.data.completedAt),
      }));
    case 'MentorReplaced':
      return whenFormed(state, (pair) => {
        const { replacementId, newMentorId, reason, order, newMentorConsent, menteeConsents, replacedAt } = event.data;
        return {
          ...pair,
          mentorId: newMentorId,
          mentorHistory: [
            ...closeMentorTerm(pair.mentorHistory, replacedAt, reason),
            { mentorId: newMentorId, from: replacedAt, order, replacementId },
          ],
          consents: [...pair.consents, newMentorConsent, ...(menteeConsents ?? [])],
          replacementDecisions: { ...pair.replacementDecisions, [replacementId]: 'applied' },
        };
      });
    case 'PairDocumentScanAttached':
      return whenFormed(state, (pair) => ({
        ...pair,
        documentScans: { ...pair.documentScans, [pairScanKey(event.data)]: attachedScan(event.data) },
      }));
    case 'MentorReplacementRejected':
      return whenFormed(state, (pair) => ({
        ...pair,
        replacementDecisions: { ...pair.replacementDecisions, [event.data.replacementId]: 'rejected' },
      }));
    case 'PairTerminated':
      return whenFormed(state, (pair) => {
        const { reason, order, notice, terminatedAt, terminatedBy } = event.data;
        return {
          ...pair,
          status: 'terminated',
          termination: {
            reason,
            ...(order === undefined ? {} : { order }),
            ...(notice === undefined ? {} : { notice }),
            terminatedAt,
            terminatedBy,
          },
          mentorHistory: closeMentorTerm(pair.mentorHistory, terminatedAt),
        };
      });
    default:
      return assertNever(event);
  }
};
