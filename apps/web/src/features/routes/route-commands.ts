import { postJson } from '../../api';
import { readUntil } from '../../query';
import type { Route, TaskKind } from '../../types';

/** Sends one command on the route and waits until the read model shows it. */
export async function sendRouteCommand(route: Route, path: string, body: unknown): Promise<void> {
  const result = await postJson<{ version?: number } | undefined>(`/routes/${route.routeId}/${path}`, body);
  // Wait for this command's own version: the page may be stale if someone else changed the route meanwhile.
  const version = result?.version ?? route.version + 1;
  await readUntil<Route>(`/routes/${route.routeId}`, (r) => r.version >= version).catch(() => undefined);
}

/**
 * She holds an open task of `kind` on this route: a task passed on to her («Передать»), which grants her the
 * command behind it (the API and the domain check the same).
 */
export const holdsRouteTask = (route: Route, personId: string, kind: TaskKind): boolean =>
  Object.values(route.tasks ?? {}).some(
    (t) => t.kind === kind && (t.status === 'open' || t.status === 'overdue') && t.assignee.personId === personId,
  );
