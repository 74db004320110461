import { NotFoundException } from '@nestjs/common';
import { isAdministrator, type AuthenticatedUser } from './auth.types';

/**
 * Someone outside an organisation gets the same 404 as for a missing resource: existence is not
 * revealed (OWASP API1, broken object level authorisation).
 */
export function assertOrganisationAccess(user: AuthenticatedUser, organisationId: string, what = 'Ресурс'): void {
  if (isAdministrator(user) || user.organisationIds.includes(organisationId)) return;
  throw new NotFoundException(`${what} не найден`);
}

export const canAccessOrganisation = (user: AuthenticatedUser, organisationId: string) =>
  isAdministrator(user) || user.organisationIds.includes(organisationId);
