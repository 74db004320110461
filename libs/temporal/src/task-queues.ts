/** Workflow ids are business ids: one workflow per aggregate, found again by its id. */
export const workflowIds = {
  programme: (programmeId: string) => `programme-${programmeId}`,
  pair: (pairId: string) => `pair-${pairId}`,
  route: (code: string) => `route-${code}`,
} as const;
