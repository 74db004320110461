import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  DomainRefusal,
  decideRoute,
  initialRouteState,
  routeDecider,
  routeStream,
  routeWorkflowId,
  routeDraftDeliveredOnTime,
  routeUncoveredDeficitAreas,
  type CreateRoute,
  type CreatedRoute,
  type Role,
  type RouteState,
} from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { TemporalSettings } from '@mentorflow/temporal';
import { routeCreatedUpdate, type Envelope, type RouteView } from '@mentorflow/workflows/route/route.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import { routeWorkflow } from '@mentorflow/workflows/route/route.workflow';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { organisationsWhere, rolesIn } from '../auth/organisation-access';
import { OrganisationsService } from '../organisations/organisations.service';
import type { CreateRouteDto, RouteListQuery } from './route.dto';
import { RouteRegistryService } from './route-registry.service';
import { historyEntry } from '../common/history-entry';

type RouteUpdate<T> = UpdateDefinition<RouteView, [Envelope<T>]>;

/** Staff who see every route of their organisations; anyone else sees only the routes they take part in. */
export const routeSupervisors: readonly Role[] = ['curator', 'director', 'methodologist', 'tutor', 'commissionHead', 'regionalCoordinator'];

/** Supervising roles count only where granted, and only those the route admits. */
const supervising = (user: AuthenticatedUser) => routeSupervisors.filter((role) => user.permitted.includes(role));

const isParticipant = (user: AuthenticatedUser, route: CreatedRoute) =>
  [route.participants.teacherId, route.participants.methodologistId, route.participants.tutorId].includes(user.sub);

export const canReadRoute = (user: AuthenticatedUser, route: CreatedRoute) =>
  isAdministrator(user) || isParticipant(user, route) || rolesIn(user, route.organisationId).some((role) => supervising(user).includes(role));

/** Validates the creation before a registry number is spent on it: the code is the only part not yet known. */
const CODE_NOT_YET_ALLOCATED = '01-0001-2000-000001';

@Injectable()
export class RoutesService {
  constructor(
    private readonly temporal: Client,
    private readonly settings: TemporalSettings,
    private readonly store: EventStore,
    private readonly organisations: OrganisationsService,
    private readonly registry: RouteRegistryService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Allocates the registry code, starts the route's workflow and answers once RouteCreated is stored (update-with-start). */
  async create(user: AuthenticatedUser, organisationId: string, body: CreateRouteDto, preferred: readonly Role[]): Promise<RouteView> {
    const organisation = await this.organisations.load(user, organisationId);
    const role = actingRole(user, preferred, organisationId);
    const routeId = randomUUID();
    const now = new Date().toISOString();
    const metadata = { actorId: user.sub, role, now };
    const data: CreateRoute['data'] = {
      routeId,
      code: CODE_NOT_YET_ALLOCATED,
      organisationId,
      teacherId: body.teacherId,
      methodologistId: body.methodologistId,
      tutorId: body.tutorId ?? user.sub,
      titlePage: { ...body.titlePage },
      ...(body.goal === undefined ? {} : { goal: body.goal }),
      ...(body.tasks === undefined ? {} : { tasks: body.tasks }),
    };
    decideRoute({ type: 'CreateRoute', data, metadata }, initialRouteState());
    const year = Number(localDateOf(now, organisation.timeZone).slice(0, 4));
    const code = await this.registry.allocate(organisationId, year, body.regionCode === undefined ? undefined : Number(body.regionCode));
    const curatorId = organisation.staff.filter((member) => member.role === 'curator').at(-1)?.personId;
    const startOperation = new WithStartWorkflowOperation(routeWorkflow, {
      workflowId: routeWorkflowId(routeId),
      taskQueue: this.settings.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      memo: { code },
      args: [{ route: { ...data, code }, timeZone: organisation.timeZone, ...(curatorId === undefined ? {} : { curatorId }), metadata, continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW }],
    });
    return this.temporal.workflow.executeUpdateWithStart(routeCreatedUpdate, { startWorkflowOperation: startOperation });
  }

  /** Sends a command as an update; the workflow validates (the domain checks who may act) and answers with the new state or a refusal. */
  async command<T>(user: AuthenticatedUser, routeId: string, update: RouteUpdate<T>, data: T, preferred: readonly Role[], reason?: string): Promise<RouteView> {
    const route = await this.loadForUser(user, routeId);
    const role = actingRole(user, preferred, route.organisationId);
    // A completed route's workflow has ended: answer with the domain's refusal rather than a missing workflow.
    if (route.stage === 'completed') throw new DomainRefusal('route.completed', `ИОМ ${route.code} завершён; изменения не принимаются`);
    const metadata = { actorId: user.sub, role, now: new Date().toISOString(), ...(reason ? { reason } : {}) };
    return this.handle(routeId).executeUpdate(update, { args: [{ data, metadata }] });
  }

  /** The read model with the indicators the route's card shows. */
  async get(user: AuthenticatedUser, routeId: string) {
    const [row] = await this.db.query<{ state: RouteState; version: number }[]>('SELECT state, version FROM routes_view WHERE route_id = $1', [routeId]);
    if (!row || row.state.status !== 'created' || !canReadRoute(user, row.state)) throw new NotFoundException('ИОМ не найден');
    return {
      ...row.state,
      version: row.version,
      draftDeliveredOnTime: routeDraftDeliveredOnTime(row.state) ?? null,
      uncoveredDeficitAreas: routeUncoveredDeficitAreas(row.state),
    };
  }

  async list(user: AuthenticatedUser, query: RouteListQuery) {
    const rows = await this.db.query<{ state: RouteState; version: number }[]>(
      `SELECT state, version FROM routes_view
       WHERE stage <> 'notCreated'
         AND ($1 OR teacher_id = $2 OR methodologist_id = $2 OR tutor_id = $2 OR organisation_id = ANY($3::uuid[]))
         AND ($4::text IS NULL OR code = $4::text)
         AND ($5::uuid IS NULL OR organisation_id = $5::uuid)
         AND ($6::text IS NULL OR teacher_id = $6::text)
       ORDER BY updated_at DESC, route_id LIMIT $7 OFFSET $8`,
      [
        isAdministrator(user),
        user.sub,
        organisationsWhere(user, supervising(user)),
        query.code ?? null,
        query.organisationId ?? null,
        query.teacherId ?? null,
        query.limit,
        query.offset,
      ],
    );
    return rows.map((r) => ({ ...r.state, version: r.version }));
  }

  /** Every event of the route, in order: who, when, what and why. */
  async history(user: AuthenticatedUser, routeId: string) {
    await this.loadForUser(user, routeId);
    return (await this.store.readStream(routeStream(routeId))).map(historyEntry);
  }

  /** The route's write model from the store, or 404 for a missing one or one the caller may not see. */
  async loadForUser(user: AuthenticatedUser, routeId: string): Promise<CreatedRoute> {
    const { state } = await loadAggregate(this.store, routeStream(routeId), routeDecider);
    if (state.status !== 'created' || !canReadRoute(user, state)) throw new NotFoundException('ИОМ не найден');
    return state;
  }

  private handle(routeId: string): WorkflowHandle<typeof routeWorkflow> {
    return this.temporal.workflow.getHandle(routeWorkflowId(routeId));
  }
}
