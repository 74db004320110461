import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AgreeRoadMap,
  ConfirmActivityDone,
  ApproveProposedRoadMap,
  CommandMetadata,
  CorrectRoadMap,
  CreateRoute,
  EnterDeficitLevels,
  FixGoal,
  MarkActivityDone,
  ProposeOwnRoadMap,
  RecordControlDiagnostics,
  DiagnosticsRequest,
  RecordControlPointCheck,
  RecordDesiredImage,
  RecordReflection,
  RecordRepeatedDiagnostics,
  RecordPortfolioEntry,
  ReturnProposedRoadMap,
  RouteState,
  SubmitDraft,
} from '../../libs/domain/src';
import type { AggregateSnapshot } from '../shared/aggregate-runner';
import type { Envelope } from '../shared/envelope';

export type { Envelope } from '../shared/envelope';

export interface RouteWorkflowInput {
  /** The CreateRoute command's data; its code was allocated in the registry before the start. */
  route: CreateRoute['data'];
  /** The organisation's IANA time zone: deadlines end at its local midnight. */
  timeZone: string;
  /** The organisation's curator when the route was created: an overdue draft is escalated to them (and the tutor). */
  curatorId?: string;
  metadata: CommandMetadata;
  /** Present when the workflow continued as new: the state it carries over. */
  snapshot?: AggregateSnapshot<RouteState>;
  /** Continue as new once the run's history has this many events (HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW; tests use less); otherwise when Temporal suggests. */
  continueAsNewAfterEvents?: number;
}

export interface RouteView {
  state: RouteState;
  version: number;
}

/** What the tutor sends: the workflow adds the methodologist's draft task and its deadline on the production calendar. */
export type RecordDiagnosticsRequest = DiagnosticsRequest;

export type NoData = Record<string, never>;

export const routeCreatedUpdate = defineUpdate<RouteView>('routeCreated');
export const fixGoalUpdate = defineUpdate<RouteView, [Envelope<FixGoal['data']>]>('fixGoal');
export const recordDiagnosticsUpdate = defineUpdate<RouteView, [Envelope<RecordDiagnosticsRequest>]>(
  'recordDiagnostics',
);
export const enterDeficitLevelsUpdate = defineUpdate<RouteView, [Envelope<EnterDeficitLevels['data']>]>(
  'enterDeficitLevels',
);
export const submitDraftUpdate = defineUpdate<RouteView, [Envelope<SubmitDraft['data']>]>('submitDraft');
export const proposeOwnRoadMapUpdate = defineUpdate<RouteView, [Envelope<ProposeOwnRoadMap['data']>]>(
  'proposeOwnRoadMap',
);
export const approveProposedRoadMapUpdate = defineUpdate<RouteView, [Envelope<ApproveProposedRoadMap['data']>]>(
  'approveProposedRoadMap',
);
export const returnProposedRoadMapUpdate = defineUpdate<RouteView, [Envelope<ReturnProposedRoadMap['data']>]>(
  'returnProposedRoadMap',
);
export const agreeRoadMapUpdate = defineUpdate<RouteView, [Envelope<AgreeRoadMap['data']>]>('agreeRoadMap');
export const recordPortfolioEntryUpdate = defineUpdate<RouteView, [Envelope<RecordPortfolioEntry['data']>]>(
  'recordPortfolioEntry',
);
export const markActivityDoneUpdate = defineUpdate<RouteView, [Envelope<MarkActivityDone['data']>]>('markActivityDone');
export const confirmActivityDoneUpdate = defineUpdate<RouteView, [Envelope<ConfirmActivityDone['data']>]>(
  'confirmActivityDone',
);
export const recordControlPointCheckUpdate = defineUpdate<RouteView, [Envelope<RecordControlPointCheck['data']>]>(
  'recordControlPointCheck',
);
export const correctRoadMapUpdate = defineUpdate<RouteView, [Envelope<CorrectRoadMap['data']>]>('correctRoadMap');
export const startReflectionUpdate = defineUpdate<RouteView, [Envelope<NoData>]>('startReflection');
export const recordControlDiagnosticsUpdate = defineUpdate<RouteView, [Envelope<RecordControlDiagnostics['data']>]>(
  'recordControlDiagnostics',
);
export const recordRepeatedDiagnosticsUpdate = defineUpdate<RouteView, [Envelope<RecordRepeatedDiagnostics['data']>]>(
  'recordRepeatedDiagnostics',
);
export const recordDesiredImageUpdate = defineUpdate<RouteView, [Envelope<RecordDesiredImage['data']>]>(
  'recordDesiredImage',
);
export const recordReflectionUpdate = defineUpdate<RouteView, [Envelope<RecordReflection['data']>]>('recordReflection');
export const agreeReflectionUpdate = defineUpdate<RouteView, [Envelope<NoData>]>('agreeReflection');
export const completeRouteUpdate = defineUpdate<RouteView, [Envelope<NoData>]>('completeRoute');

export const routeViewQuery = defineQuery<RouteView>('routeView');
