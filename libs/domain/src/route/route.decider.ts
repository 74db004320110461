// The route's decider: one decision per command, each in the file of its stage.
import { decider, decideBy } from '../shared/decider';
import { setTaskDeadline } from '../task/task.state';
import { reassignTask } from '../task/task.reassignment';
import type { RouteEvent } from './route.events';
import type { RouteCommand } from './route.commands';
import { RouteState, evolveRoute, initialRouteState } from './route.state';
import { create, fixGoal, markDraftOverdue, recordDiagnostics, remindTask, submitDraft } from './route.diagnostics';
import { recordControlPointCheck, reviewControlPoints } from './route.control-points';
import { enterDeficitLevels } from './route.deficit-levels';
import { confirmActivityDone, markActivityDone } from './route.activities';
import { requireCreated } from './route.guards';
import { agreeReflection, recordDesiredImage, recordReflection } from './route.self-determination';
import { completeTask, correctRoadMap, raiseMonthlyCheck, recordPortfolioEntry } from './route.implementation';
import { completeRoute, recordControlDiagnostics, startReflection } from './route.reflection';
import { raiseRepeatedDiagnostics, recordRepeatedDiagnostics } from './route.repeated-diagnostics';
import { agreeRoadMap, approveProposedRoadMap, proposeOwnRoadMap, returnProposedRoadMap } from './route.road-map';

export const decideRoute = decideBy<RouteCommand, RouteState, RouteEvent>({
  CreateRoute: create,
  FixGoal: fixGoal,
  RecordDiagnostics: recordDiagnostics,
  EnterDeficitLevels: enterDeficitLevels,
  MarkDraftOverdue: markDraftOverdue,
  RemindTask: remindTask,
  // No actor check: only the workflow sends this, when the calendar year is loaded.
  SetTaskDeadline: (command, state) => setTaskDeadline(requireCreated(state).tasks, command.data, command.metadata.now),
  SubmitDraft: submitDraft,
  ProposeOwnRoadMap: proposeOwnRoadMap,
  ApproveProposedRoadMap: approveProposedRoadMap,
  ReturnProposedRoadMap: returnProposedRoadMap,
  AgreeRoadMap: agreeRoadMap,
  RaiseMonthlyCheck: raiseMonthlyCheck,
  RecordControlPointCheck: recordControlPointCheck,
  ReviewControlPoints: reviewControlPoints,
  CompleteTask: completeTask,
  RecordPortfolioEntry: recordPortfolioEntry,
  MarkActivityDone: markActivityDone,
  ConfirmActivityDone: confirmActivityDone,
  CorrectRoadMap: correctRoadMap,
  StartReflection: startReflection,
  RecordControlDiagnostics: recordControlDiagnostics,
  RaiseRepeatedDiagnostics: raiseRepeatedDiagnostics,
  RecordRepeatedDiagnostics: recordRepeatedDiagnostics,
  RecordDesiredImage: recordDesiredImage,
  RecordReflection: recordReflection,
  AgreeReflection: agreeReflection,
  CompleteRoute: completeRoute,
  ReassignTask: ({ data, metadata }, state) => reassignTask(requireCreated(state).tasks, data, metadata),
});

export const routeDecider = decider(decideRoute, evolveRoute, initialRouteState);
