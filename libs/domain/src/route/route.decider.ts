// The route's decider: one decision per command, each in the file of its stage.
import { assertNever, decider } from '../shared/decider';
import { setTaskDeadline } from '../task/task.state';
import type { RouteEvent } from './route.events';
import type { RouteCommand } from './route.commands';
import { RouteState, evolveRoute, initialRouteState } from './route.state';
import { create, fixGoal, markDraftOverdue, recordDiagnostics, remindTask, submitDraft } from './route.diagnostics';
import { recordControlPointCheck, reviewControlPoints } from './route.control-points';
import { enterDeficitLevels } from './route.deficit-levels';
import { requireCreated } from './route.guards';
import { agreeReflection, recordDesiredImage, recordReflection } from './route.self-determination';
import { completeTask, correctRoadMap, raiseMonthlyCheck, recordPortfolioEntry } from './route.implementation';
import { completeRoute, recordControlDiagnostics, startReflection } from './route.reflection';
import { raiseRepeatedDiagnostics, recordRepeatedDiagnostics } from './route.repeated-diagnostics';
import { agreeRoadMap, approveProposedRoadMap, proposeOwnRoadMap } from './route.road-map';

export const decideRoute = (command: RouteCommand, state: RouteState): RouteEvent[] => {
  switch (command.type) {
    case 'CreateRoute':
      return create(command, state);
    case 'FixGoal':
      return fixGoal(command, state);
    case 'RecordDiagnostics':
      return recordDiagnostics(command, state);
    case 'EnterDeficitLevels':
      return enterDeficitLevels(command, state);
    case 'MarkDraftOverdue':
      return markDraftOverdue(command, state);
    case 'RemindTask':
      return remindTask(command, state);
    case 'SetTaskDeadline':
      // No actor check: only the workflow sends this, when the calendar year is loaded.
      return setTaskDeadline(requireCreated(state).tasks, command.data, command.metadata.now);
    case 'SubmitDraft':
      return submitDraft(command, state);
    case 'ProposeOwnRoadMap':
      return proposeOwnRoadMap(command, state);
    case 'ApproveProposedRoadMap':
      return approveProposedRoadMap(command, state);
    case 'AgreeRoadMap':
      return agreeRoadMap(command, state);
    case 'RaiseMonthlyCheck':
      return raiseMonthlyCheck(command, state);
    case 'RecordControlPointCheck':
      return recordControlPointCheck(command, state);
    case 'ReviewControlPoints':
      return reviewControlPoints(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'RecordPortfolioEntry':
      return recordPortfolioEntry(command, state);
    case 'CorrectRoadMap':
      return correctRoadMap(command, state);
    case 'StartReflection':
      return startReflection(command, state);
    case 'RecordControlDiagnostics':
      return recordControlDiagnostics(command, state);
    case 'RaiseRepeatedDiagnostics':
      return raiseRepeatedDiagnostics(command, state);
    case 'RecordRepeatedDiagnostics':
      return recordRepeatedDiagnostics(command, state);
    case 'RecordDesiredImage':
      return recordDesiredImage(command, state);
    case 'RecordReflection':
      return recordReflection(command, state);
    case 'AgreeReflection':
      return agreeReflection(command, state);
    case 'CompleteRoute':
      return completeRoute(command, state);
    default:
      return assertNever(command);
  }
};

export const routeDecider = decider(decideRoute, evolveRoute, initialRouteState);
