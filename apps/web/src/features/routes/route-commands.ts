import { getJson, postJson } from '../../api';
import type { Route, TaskKind } from '../../types';

/** The read model lags the command: poll until the route's version has moved past `version`. */
async function waitForRoute(routeId: string, version: number, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const route = await getJson<Route>(`/routes/${routeId}`).catch(() => undefined);
    if (route && route.version > version) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Sends one command on the route and waits until the read model shows it. */
export async function sendRouteCommand(route: Route, path: string, body: unknown): Promise<void> {
  const result = await postJson<{ version?: number } | undefined>(`/routes/${route.routeId}/${path}`, body);
  // Wait for this command's own version: the page may be stale if someone else changed the route meanwhile.
  await waitForRoute(route.routeId, (result?.version ?? route.version + 1) - 1);
}

/**
 * She holds an open task of `kind` on this route: a task passed on to her («Передать»), which grants her the
 * command behind it (the API and the domain check the same).
 */
export const holdsRouteTask = (route: Route, personId: string, kind: TaskKind): boolean =>
  Object.values(route.tasks ?? {}).some(
    (t) => t.kind === kind && (t.status === 'open' || t.status === 'overdue') && t.assignee.personId === personId,
  );
