import type { Role } from '@mentorflow/domain';

/**
 * One role held by a user, scoped: to an organisation, or (regional coordinator) to a region or a
 * municipality of it; an administrator's assignment has no scope (the whole installation).
 */
export interface RoleAssignment {
  role: Role;
  organisationId?: string;
  region?: string;
  municipality?: string;
}

/** Who is calling, as authenticated: the token's subject and the roles assigned to that user. */
export interface AuthenticatedUser {
  sub: string;
  /** Every role the user holds somewhere: the route-level @Roles check reads this. */
  roles: Role[];
  /** Organisations where the user holds any role. */
  organisationIds: string[];
  assignments: RoleAssignment[];
}

export const isAdministrator = (user: AuthenticatedUser) => user.roles.includes('administrator');
