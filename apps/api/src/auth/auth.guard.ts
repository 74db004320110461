import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  organisationStream,
  pairStream,
  programmeStream,
  regionalSpecialistRoles,
  routeStream,
  type RegionalSpecialistRole,
  type Role,
} from '@mentorflow/domain';
import { UserDirectory, type DirectoryUser } from '../users/user-directory';
import { IS_PUBLIC, ROLES, SCOPE, type ResourceScope, type ScopeKind } from './auth.decorators';
import type { AuthenticatedUser, OrganisationRole } from './auth.types';
import { canAccessOrganisation, organisationOfStream } from './organisation-access';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Global guard: authenticates the bearer token, maps its subject to a user of the database and loads
 * that user's role assignments (on every request: revoking a role counts from the next call), then
 * checks the route's declared roles. A route with neither @Public nor @Roles is closed, so forgetting
 * a declaration fails safe.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly directory: UserDirectory;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.directory = new UserDirectory(db);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Требуется вход: передайте токен Bearer');

    let subject: string;
    try {
      subject = await this.verifier.subjectOf(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException('Токен недействителен или истёк');
      throw error;
    }
    const found = await this.directory.findBySubject(subject);
    if (!found || found.disabledAt !== null) {
      throw new UnauthorizedException(
        'Пользователь не зарегистрирован в системе или отключён; обратитесь к администратору',
      );
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    request.user = await authenticatedUserOf(this.db, found, allowed);
    const { permitted } = request.user;
    if (permitted.length === 0) throw new ForbiddenException('Недостаточно прав для этого действия');
    await this.assertResourceScope(
      request,
      request.user,
      this.reflector.getAllAndOverride<ResourceScope | undefined>(SCOPE, targets),
    );
    return true;
  }

  /**
   * The resource the route declares (@Scope) must belong to an organisation where the caller holds a
   * role this route admits, else 404 — checked here, before the body is validated, and again by the
   * services (defence in depth). A missing resource passes on to its service, which answers 404 itself.
   */
  private async assertResourceScope(
    request: ScopedRequest,
    user: AuthenticatedUser,
    scope: ResourceScope | undefined,
  ): Promise<void> {
    // Closed by default: a path parameter nobody declared could name another organisation's resource.
    if (scope === undefined) {
      if (Object.keys(request.params ?? {}).length > 0)
        throw new ForbiddenException('Недостаточно прав для этого действия');
      return;
    }
    if (scope.kind === undefined) return;
    const id = request.params?.[scope.param];
    if (typeof id !== 'string' || !UUID.test(id)) return;
    const organisationIds = await this.organisationsOf(scope.kind, id);
    if (organisationIds.length > 0 && !organisationIds.some((o) => canAccessOrganisation(user, o)))
      throw new NotFoundException('Ресурс не найден');
  }

  private async organisationsOf(kind: ScopeKind, id: string): Promise<string[]> {
    if (kind === 'person') {
      const rows = await this.db.query<{ organisation_id: string }[]>(
        'SELECT organisation_id FROM personal.employments WHERE person_id = $1',
        [id],
      );
      return rows.map((r) => r.organisation_id);
    }
    const organisationId = await this.organisationOf(kind, id);
    return organisationId === undefined ? [] : [organisationId];
  }

  private async organisationOf(kind: Exclude<ScopeKind, 'person'>, id: string): Promise<string | undefined> {
    const fromFirstEvent = (streamId: string) => organisationOfStream(this.db, streamId);
    switch (kind) {
      case 'organisation':
        return (await fromFirstEvent(organisationStream(id))) === undefined ? undefined : id;
      case 'programme':
        return fromFirstEvent(programmeStream(id));
      case 'pair':
        return fromFirstEvent(pairStream(id));
      case 'route':
        return fromFirstEvent(routeStream(id));
      case 'task':
        return (
          await this.db.query<{ organisation_id: string }[]>(
            'SELECT organisation_id FROM tasks_view WHERE task_id = $1',
            [id],
          )
        )[0]?.organisation_id;
    }
  }
}

/** A regional coordinator reaches every organisation registered in their region (or municipality of it). */
async function regionalReach(
  db: DataSource,
  assignments: { role: Role; region?: string; municipality?: string }[],
): Promise<OrganisationRole[]> {
  const scopes = assignments.filter((a) => a.role === 'regionalCoordinator' && a.region);
  if (scopes.length === 0) return [];
  const rows = await db.query<{ organisation_id: string }[]>(
    `SELECT DISTINCT o.organisation_id FROM organisations_view o
     JOIN unnest($1::text[], $2::text[]) AS s(region, municipality)
       ON o.region = s.region AND (s.municipality = '' OR o.municipality = s.municipality)`,
    [scopes.map((s) => s.region), scopes.map((s) => s.municipality ?? '')],
  );
  return rows.map((r) => ({ role: 'regionalCoordinator', organisationId: r.organisation_id }));
}

/**
 * The user a request acts as: their roles, where they reach (granted organisations, a coordinator's region,
 * the schools a regional specialist serves) and which of the route's `allowed` roles they hold. The guard
 * builds it for every request; the calendar feed builds it for the person whose feed it is.
 */
export async function authenticatedUserOf(
  db: DataSource,
  found: DirectoryUser,
  allowed: readonly Role[],
): Promise<AuthenticatedUser> {
  const roles = [...new Set(found.assignments.map((a) => a.role))];
  // `/me` and the like are open to any signed-in user: they declare every role.
  const permitted = roles.filter((role) => allowed.includes(role));
  const reach = [
    ...found.assignments.flatMap((a): OrganisationRole[] =>
      a.organisationId ? [{ role: a.role, organisationId: a.organisationId }] : [],
    ),
    ...(await regionalReach(db, found.assignments)),
    ...(await servedReachOf(db, found.sub, found.assignments)),
  ];
  return {
    sub: found.sub,
    userId: found.userId,
    fullName: found.fullName,
    roles,
    assignments: found.assignments.map(({ role, organisationId, region, municipality }) => ({
      role,
      ...(organisationId ? { organisationId } : {}),
      ...(region ? { region } : {}),
      ...(municipality ? { municipality } : {}),
    })),
    reach,
    permitted,
    organisationIds: [...new Set(reach.filter((r) => permitted.includes(r.role)).map((r) => r.organisationId))],
  };
}

/**
 * A tutor or methodologist of a regional organisation (ЦНППМ, ИРО, methodical centre) reaches, in that role,
 * every organisation they are assigned to serve (RegionalSpecialistAssigned on its stream), while they hold
 * the role in the regional organisation — without a role grant in the served school. One indexed query
 * (organisations_view's GIN index on the specialists), only for users holding such a role somewhere.
 */
async function servedReachOf(
  db: DataSource,
  personId: string,
  assignments: { role: Role; organisationId?: string }[],
): Promise<OrganisationRole[]> {
  const held = assignments.filter(
    (a): a is { role: RegionalSpecialistRole; organisationId: string } =>
      (regionalSpecialistRoles as readonly string[]).includes(a.role) && a.organisationId !== undefined,
  );
  if (held.length === 0) return [];
  const rows = await db.query<{ organisation_id: string; role: RegionalSpecialistRole }[]>(
    `SELECT DISTINCT o.organisation_id, s->>'role' AS role
     FROM organisations_view o
     CROSS JOIN LATERAL jsonb_array_elements(o.state->'regionalSpecialists') AS s
     JOIN unnest($2::text[], $3::text[]) AS h(role, organisation_id)
       ON s->>'role' = h.role AND s->>'regionalOrganisationId' = h.organisation_id
     WHERE o.state->'regionalSpecialists' @> jsonb_build_array(jsonb_build_object('personId', $1::text))
       AND s->>'personId' = $1::text`,
    [personId, held.map((a) => a.role), held.map((a) => a.organisationId)],
  );
  return rows.map((r) => ({ role: r.role, organisationId: r.organisation_id }));
}

interface ScopedRequest {
  headers: Record<string, string | undefined>;
  params?: Record<string, string | undefined>;
  user?: AuthenticatedUser;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
