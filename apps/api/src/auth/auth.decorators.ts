import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@mentorflow/domain';
import type { AuthenticatedUser } from './auth.types';

export const IS_PUBLIC = 'mentorflow:isPublic';
export const ROLES = 'mentorflow:roles';

/** Opens a route to anonymous callers (health, OpenAPI); every other route needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Who may call the route; a route without it is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const SCOPE = 'mentorflow:scope';

/** The kinds of resource that belong to an organisation, found from the resource's id. */
/** A person (the staff directory) belongs to every organisation they work in (совместительство). */
export type ScopeKind = 'organisation' | 'programme' | 'pair' | 'route' | 'task' | 'person';

/** `kind` undefined: the route's path parameter names no resource of an organisation (a user, a person). */
export interface ResourceScope {
  kind: ScopeKind | undefined;
  param: string;
}

/**
 * The organisation resource a route's path parameter names: the guard answers 404 before the handler
 * runs when the caller holds no admitted role in its organisation. A route with a path parameter and
 * no @Scope or @Unscoped is refused.
 */
export const Scope = (kind: ScopeKind, param = 'id') => SetMetadata(SCOPE, { kind, param } satisfies ResourceScope);

/** The route's path parameter is not an organisation's resource; the service checks access itself. */
export const Unscoped = () => SetMetadata(SCOPE, { kind: undefined, param: '' } satisfies ResourceScope);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser =>
    ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

const reflector = new Reflector();

/**
 * The roles the endpoint's @Roles admits, in their order: the handler acts in the first the caller holds
 * (actingRole), so the list is written once, on the endpoint, and never again in its body.
 */
export const EndpointRoles = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): readonly Role[] =>
    reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]) ?? [],
);
