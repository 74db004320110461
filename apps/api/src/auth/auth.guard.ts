import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { roles as knownRoles, type Role } from '@mentorflow/domain';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import type { AuthenticatedUser, RoleAssignment } from './auth.types';

/**
 * Global guard: authenticates the bearer token, then checks the route's declared roles.
 * A route with neither @Public nor @Roles is closed, so forgetting a declaration fails safe.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Требуется вход: передайте токен Bearer');

    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('Токен недействителен или истёк');
    }
    const user = toUser(payload);
    if (!user) throw new UnauthorizedException('Токен не содержит sub, roles и organisationIds');
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (!allowed || !user.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException('Недостаточно прав для этого действия');
    }
    return true;
  }
}

function toUser(payload: Record<string, unknown>): AuthenticatedUser | undefined {
  const { sub, roles, organisationIds } = payload;
  if (typeof sub !== 'string' || !Array.isArray(roles) || !Array.isArray(organisationIds)) return undefined;
  if (!roles.every((r): r is Role => typeof r === 'string' && (knownRoles as readonly string[]).includes(r))) return undefined;
  if (!organisationIds.every((o): o is string => typeof o === 'string')) return undefined;
  const { region, municipality } = payload;
  const scope = { ...(typeof region === 'string' ? { region } : {}), ...(typeof municipality === 'string' ? { municipality } : {}) };
  const assignments = roles.flatMap((role): RoleAssignment[] =>
    role === 'administrator' || role === 'regionalCoordinator'
      ? [{ role, ...scope }]
      : organisationIds.map((organisationId) => ({ role, organisationId })),
  );
  return { sub, roles, organisationIds, assignments };
}
