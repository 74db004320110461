/** Read helpers over a route's state: the indicators projections and reports show. */
import type { CompetenceArea } from './route.events';
import type { RouteState } from './route.state';

/** The indicator "draft delivered within 10 working days": undefined while still pending, or when no draft was awaited. */
export const routeDraftDeliveredOnTime = (state: RouteState): boolean | undefined => {
  if (state.status !== 'created' || state.draft === undefined) return undefined;
  if (state.draft.overdue) return false;
  return state.draft.onTime;
};

/** Areas diagnosed as a deficit that no row of the current road map addresses. */
export const routeUncoveredDeficitAreas = (state: RouteState): CompetenceArea[] => {
  if (state.status !== 'created' || state.diagnostics === undefined) return [];
  const covered = new Set(state.roadMap?.rows.map((row) => row.competence) ?? []);
  return state.diagnostics.results.filter((r) => r.level === 'deficit' && !covered.has(r.area)).map((r) => r.area);
};
