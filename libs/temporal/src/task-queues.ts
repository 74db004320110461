/** Workflow ids are business ids: one workflow per aggregate, found again by its id. */
export const workflowIds = {
  programme: (programmeId: string) => `programme-${programmeId}`,
  pair: (pairId: string) => `pair-${pairId}`,
  // The route's uuid, as in its stream and its tasks' subject: the registry code (GET /routes?code=) maps to it.
  route: (routeId: string) => `route-${routeId}`,
} as const;
