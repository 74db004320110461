import type { Role } from '@mentorflow/domain';
import type { AuthenticatedUser } from './auth.types';

/** The role a user acts in for a command: the first of the route's roles (in its order) they hold. */
export function actingRole(user: AuthenticatedUser, preferred: readonly Role[]): Role {
  return preferred.find((role) => user.roles.includes(role)) ?? user.roles[0] ?? 'administrator';
}
