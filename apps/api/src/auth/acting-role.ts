import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Role } from '@mentorflow/domain';
import type { AuthenticatedUser } from './auth.types';
import { rolesIn } from './organisation-access';

/**
 * The role a user acts in for a command on something of `organisationId`: the first of `preferred`
 * (the route's roles, in their order) that they hold *in that organisation*. Roles held elsewhere do
 * not count, so a curator of A who is a mentor in B acts in B as a mentor or not at all.
 */
export function actingRole(user: AuthenticatedUser, preferred: readonly Role[], organisationId: string): Role {
  // A regional coordinator reads their region's organisations; they never act in them.
  const held: Role[] = rolesIn(user, organisationId).filter((role) => role !== 'regionalCoordinator');
  const role = preferred.find((r) => held.includes(r));
  if (role) return role;
  // No role at all there: the organisation is not theirs to know about.
  if (rolesIn(user, organisationId).length === 0) throw new NotFoundException('Ресурс не найден');
  throw new ForbiddenException('В этой организации у вас нет роли, которой разрешено это действие');
}
