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

/** A role the user holds in one organisation (a coordinator's: one per organisation of their region). */
export interface OrganisationRole {
  role: Role;
  organisationId: string;
}

/** Who is calling: the token's subject, mapped to a user whose roles come from the database. */
export interface AuthenticatedUser {
  sub: string;
  userId: string;
  fullName: string;
  /** Every role the user holds somewhere: the route-level @Roles check reads this. */
  roles: Role[];
  /** As granted. */
  assignments: RoleAssignment[];
  /** Every (role, organisation) the user reaches; a role counts only in the organisation it was granted for. */
  reach: OrganisationRole[];
  /** The roles of this request's route that the user holds: only these count for this call. */
  permitted: Role[];
  /** Organisations where the user holds one of `permitted` (what list queries filter on). */
  organisationIds: string[];
}

/** An administrator acts everywhere, but only on routes open to administrators. */
export const isAdministrator = (user: AuthenticatedUser) => user.permitted.includes('administrator');
