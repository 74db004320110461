import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@mentorflow/domain';
import type { AuthenticatedUser } from './auth.types';

export const IS_PUBLIC = 'mentorflow:isPublic';
export const ROLES = 'mentorflow:roles';

/** Opens a route to anonymous callers (health, OpenAPI); every other route needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Who may call the route; a route without it is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser => ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
