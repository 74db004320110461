import type { Role } from '@mentorflow/domain';

/** What a verified bearer token says about its holder. */
export interface AuthenticatedUser {
  sub: string;
  roles: Role[];
  organisationIds: string[];
}

export const isAdministrator = (user: AuthenticatedUser) => user.roles.includes('administrator');
