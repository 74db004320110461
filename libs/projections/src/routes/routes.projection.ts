import { parseRouteStream, routeDecider, type RouteEvent, type RouteState } from '@mentorflow/domain';
import { FoldedStateProjection } from '../folded-state.projection';
import { eventTypesOf, everyTaskEvent } from '../projection';

/**
 * Individual educational routes: the route decider's own fold per route. Task events are shared by
 * every task-owning stream, so only those of route streams reach the fold.
 */
export const routesProjection = new FoldedStateProjection<RouteState>({
  name: 'routes',
  table: 'routes_view',
  idColumn: 'route_id',
  // Task events too: a route's tasks (draft, escalations, monthly checks) are part of its state.
  eventTypes: eventTypesOf<RouteEvent>().every({
    RouteCreated: true,
    RouteGoalFixed: true,
    DiagnosticsRecorded: true,
    DeficitLevelsEntered: true,
    RouteStageChanged: true,
    RouteDraftSubmitted: true,
    RoadMapProposed: true,
    ProposedRoadMapReturned: true,
    RoadMapAgreed: true,
    PortfolioEntryRecorded: true,
    ActivityDoneMarked: true,
    ActivityDoneConfirmed: true,
    RoadMapCorrected: true,
    ControlPointsChecked: true,
    ControlPointsMissed: true,
    DesiredImageRecorded: true,
    ReflectionRecorded: true,
    ReflectionAgreed: true,
    ControlDiagnosticsRecorded: true,
    RepeatedDiagnosticsRecorded: true,
    RouteCompleted: true,
    ...everyTaskEvent,
  }),
  // The route's own events carry its id; its task events do not, but its stream names it.
  aggregateId: (event) => parseRouteStream(event.streamId),
  decider: routeDecider,
  columns: (state) =>
    state.status === 'created'
      ? {
          organisation_id: state.organisationId,
          code: state.code,
          teacher_id: state.participants.teacherId,
          methodologist_id: state.participants.methodologistId,
          tutor_id: state.participants.tutorId,
          pair_id: state.pairId ?? null,
          stage: state.stage,
        }
      : undefined,
});
