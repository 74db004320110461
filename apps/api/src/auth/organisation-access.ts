import { NotFoundException } from '@nestjs/common';
import type { Role } from '@mentorflow/domain';
import { isAdministrator, type AuthenticatedUser } from './auth.types';

/** The roles the user holds in this organisation (an administrator's everywhere). */
export const rolesIn = (user: AuthenticatedUser, organisationId: string): Role[] => [
  ...(user.roles.includes('administrator') ? (['administrator'] as const) : []),
  ...user.reach.filter((r) => r.organisationId === organisationId).map((r) => r.role),
];

/** Organisations where the user holds one of `roles`. */
export const organisationsWhere = (user: AuthenticatedUser, roles: readonly Role[]): string[] => [
  ...new Set(user.reach.filter((r) => roles.includes(r.role)).map((r) => r.organisationId)),
];

/**
 * The user reaches the organisation through one of the roles this route admits: a curator of A who
 * is a mentee in B does not read B's programmes as a curator.
 */
export const canAccessOrganisation = (user: AuthenticatedUser, organisationId: string) =>
  isAdministrator(user) ||
  user.reach.some((r) => r.organisationId === organisationId && user.permitted.includes(r.role));

/**
 * Someone outside an organisation gets the same 404 as for a missing resource: existence is not
 * revealed (OWASP API1, broken object level authorisation).
 */
export function assertOrganisationAccess(user: AuthenticatedUser, organisationId: string, what = 'Ресурс'): void {
  if (!canAccessOrganisation(user, organisationId)) throw new NotFoundException(`${what} не найден`);
}

/**
 * The organisation a stream belongs to, from its creating event (which carries it): the event store,
 * unlike a projection, has it the moment the creating command is answered. Undefined for no stream.
 */
export async function organisationOfStream(
  db: { query: <T>(sql: string, parameters?: unknown[]) => Promise<T> },
  streamId: string,
): Promise<string | undefined> {
  const known = organisationsOfStreams.get(streamId);
  if (known !== undefined) return known;
  const rows = await db.query<{ organisation_id: string | null }[]>(
    `SELECT data->>'organisationId' AS organisation_id FROM events WHERE stream_id = $1 AND stream_version = 1`,
    [streamId],
  );
  const organisationId = rows[0]?.organisation_id ?? undefined;
  if (organisationId !== undefined) remember(streamId, organisationId);
  return organisationId;
}

/**
 * A stream's creating event never changes, so its organisation can be kept: the guard and the service
 * ask it for every command (benchmark 6). Bounded; the oldest entries go first.
 */
const organisationsOfStreams = new Map<string, string>();
const REMEMBERED_STREAMS = 50_000;
function remember(streamId: string, organisationId: string): void {
  if (organisationsOfStreams.size >= REMEMBERED_STREAMS)
    organisationsOfStreams.delete(organisationsOfStreams.keys().next().value as string);
  organisationsOfStreams.set(streamId, organisationId);
}
