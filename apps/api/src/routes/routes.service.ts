import { assertPracticeLinks, linkedPractices } from '../practices/practice-links';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  DomainRefusal,
  validateRouteRequest,
  routeStream,
  routeWorkflowId,
  routeDraftDeliveredOnTime,
  routeUncoveredDeficitAreas,
  nextDiagnosticsDateOf,
  personSearchKey,
  roadMapRowProgress,
  routeDiagnosticsHistory,
  routeEventLabels,
  type RouteRequest,
  type CreatedRoute,
  type RouteCreated,
  type Role,
  type RouteState,
} from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { routeCreatedUpdate, type Envelope, type RouteView } from '@mentorflow/workflows/route/route.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import { routeWorkflow } from '@mentorflow/workflows/route/route.workflow';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { organisationsWhere, rolesIn } from '../auth/organisation-access';
import { AggregateGateway, commandMetadata } from '../common/aggregate.gateway';
import { newIdempotentId } from '../common/idempotency';
import { OrganisationsService } from '../organisations/organisations.service';
import { PeopleDirectory } from '../people/people.directory';
import { likePrefix } from '../common/text-search';
import { sensitiveReaderRoles } from '../people/people.roles';
import type { CreateRouteDto, RouteListQuery } from './route.dto';
import { RouteRegistryService } from './route-registry.service';
import { historyEntry } from '../common/history-entry';

type RouteUpdate<T> = UpdateDefinition<RouteView, [Envelope<T>]>;

/** Staff who see every route of their organisations; anyone else sees only the routes they take part in. */
export const routeSupervisors: readonly Role[] = [
  'curator',
  'director',
  'methodologist',
  'tutor',
  'commissionHead',
  'regionalCoordinator',
];

/** Supervising roles count only where granted, and only those the route admits. */
const supervising = (user: AuthenticatedUser) => routeSupervisors.filter((role) => user.permitted.includes(role));

const isParticipant = (user: AuthenticatedUser, route: Pick<CreatedRoute, 'participants'>) =>
  [route.participants.teacherId, route.participants.methodologistId, route.participants.tutorId].includes(user.sub);

/** What authorising a route needs; fixed by RouteCreated (participants are never replaced). */
type RouteOrigin = Pick<CreatedRoute, 'routeId' | 'code' | 'organisationId' | 'participants'>;

export const canReadRoute = (user: AuthenticatedUser, route: RouteOrigin) =>
  isAdministrator(user) ||
  isParticipant(user, route) ||
  rolesIn(user, route.organisationId).some((role) => supervising(user).includes(role));

@Injectable()
export class RoutesService {
  constructor(
    private readonly gateway: AggregateGateway,
    private readonly store: EventStore,
    private readonly organisations: OrganisationsService,
    private readonly registry: RouteRegistryService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  /** Allocates the registry code, starts the route's workflow and answers once RouteCreated is stored (update-with-start). */
  async create(
    user: AuthenticatedUser,
    organisationId: string,
    body: CreateRouteDto,
    preferred: readonly Role[],
  ): Promise<RouteView> {
    const organisation = await this.organisations.load(user, organisationId);
    const role = actingRole(user, preferred, organisationId);
    const routeId = newIdempotentId();
    const metadata = commandMetadata(user, role);
    const { now } = metadata;
    const request: RouteRequest = {
      routeId,
      organisationId,
      teacherId: body.teacherId,
      methodologistId: body.methodologistId,
      tutorId: body.tutorId ?? user.sub,
      ...(body.pairId === undefined ? {} : { pairId: body.pairId }),
      titlePage: { ...body.titlePage },
      ...(body.goal === undefined ? {} : { goal: body.goal }),
      ...(body.tasks === undefined ? {} : { tasks: body.tasks }),
      ...(body.confirmLongPeriod === undefined ? {} : { confirmLongPeriod: body.confirmLongPeriod }),
    };
    validateRouteRequest(request, metadata);
    if (body.pairId !== undefined) await this.requireMenteeOf(body.pairId, organisationId, body.teacherId);
    const year = Number(localDateOf(now, organisation.timeZone).slice(0, 4));
    const code = await this.registry.allocate(
      organisationId,
      year,
      body.regionCode === undefined ? undefined : Number(body.regionCode),
    );
    const curatorId = organisation.staff.filter((member) => member.role === 'curator').at(-1)?.personId;
    return this.gateway.start(routeWorkflow, routeWorkflowId(routeId), routeCreatedUpdate, {
      memo: { code },
      args: [
        {
          route: { ...request, code },
          timeZone: organisation.timeZone,
          ...(curatorId === undefined ? {} : { curatorId }),
          metadata,
          continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
        },
      ],
    });
  }

  /** 002 §2 «ИОМ наставляемого»: a route linked to a pair is its mentee's, in the pair's organisation. */
  private async requireMenteeOf(pairId: string, organisationId: string, teacherId: string): Promise<void> {
    const [pair] = await this.db.query<{ state: { status: string; organisationId?: string; menteeIds?: string[] } }[]>(
      'SELECT state FROM pairs_view WHERE pair_id = $1',
      [pairId],
    );
    if (pair === undefined || pair.state.status === 'notFormed' || pair.state.organisationId !== organisationId) {
      throw new DomainRefusal('route.pair.notFound', 'Наставническая пара не найдена в этой организации', [
        { code: 'pairId.unknown', message: `Пара ${pairId} не сформирована в организации маршрута` },
      ]);
    }
    if (!(pair.state.menteeIds ?? []).includes(teacherId)) {
      throw new DomainRefusal('route.pair.notMentee', 'ИОМ наставляемого составляется для наставляемого этой пары', [
        { code: 'pairId.teacherNotMentee', message: 'Педагог маршрута не является наставляемым указанной пары' },
      ]);
    }
  }

  /** Sends a command as an update; the workflow validates (the domain checks who may act) and answers with the new state or a refusal. */
  async command<T>(
    user: AuthenticatedUser,
    routeId: string,
    update: RouteUpdate<T>,
    data: T,
    preferred: readonly Role[],
    reason?: string,
  ): Promise<RouteView> {
    // Authorised from the creating event, not by folding the whole stream (as for pairs); the workflow decides.
    const route = await this.originFor(user, routeId);
    const role = actingRole(user, preferred, route.organisationId);
    // A completed route's workflow has ended: answer with the domain's refusal rather than a missing workflow.
    // Completion is final, so the read model saying so is enough; while it lags, the workflow refuses the
    // same way, or has ended (mapped below).
    if (await this.completedInReadModel(routeId)) throw completedRefusal(route);
    await assertPracticeLinks(
      this.store,
      this.db,
      (data as { rows?: readonly { practiceId?: string }[] }).rows,
      route.organisationId,
    );
    try {
      return await this.gateway.commandAs(user, role, routeWorkflowId(routeId), update, data, reason);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw completedRefusal(route);
      throw error;
    }
  }

  /** The read model with the indicators the route's card shows. */
  async get(user: AuthenticatedUser, routeId: string) {
    const [row] = await this.db.query<{ state: RouteState; version: number }[]>(
      'SELECT state, version FROM routes_view WHERE route_id = $1',
      [routeId],
    );
    if (!row || row.state.status !== 'created' || !canReadRoute(user, row.state))
      throw new NotFoundException('ИОМ не найден');
    return {
      ...row.state,
      version: row.version,
      draftDeliveredOnTime: routeDraftDeliveredOnTime(row.state) ?? null,
      // The pair's page links back: GET /pairs/:id answers with its mentees' routes.
      pairLink: row.state.pairId === undefined ? null : { pairId: row.state.pairId },
      uncoveredDeficitAreas: routeUncoveredDeficitAreas(row.state),
      nextDiagnosticsDate: nextDiagnosticsDateOf(row.state) ?? null,
      diagnosticsHistory: routeDiagnosticsHistory(row.state),
      titlePagePeople: await this.titlePagePeople(user, row.state),
      roadMapProgress: await this.roadMapProgress(row.state),
      practiceLinks: await this.practiceLinks(row.state),
    };
  }

  /** The practices the road map's «изучение практики» rows link, by title and author's name (issue 28). */
  private async practiceLinks(route: CreatedRoute) {
    const rows = [...(route.roadMap?.rows ?? []), ...(route.proposal?.rows ?? [])];
    const practices = await linkedPractices(
      this.db,
      rows.flatMap((row) => (row.practiceId ? [row.practiceId] : [])),
    );
    // The bank shows every reader of the region who wrote a practice; the road map names her the same way.
    const names = await this.people.names(practices.map((p) => p.authorId));
    return practices.map(({ practiceId, title, authorId }) => ({
      practiceId,
      title,
      authorName: names.get(authorId)?.fullName ?? null,
    }));
  }

  /** The «Выполнение» column of the current road map on today's date in the route organisation's zone. */
  private async roadMapProgress(route: CreatedRoute) {
    const rows = route.roadMap?.rows ?? [];
    const organisation = rows.length === 0 ? undefined : await this.organisations.registered(route.organisationId);
    if (organisation === undefined) return [];
    const today = localDateOf(new Date().toISOString(), organisation.timeZone);
    return rows.map((row) => ({ rowId: row.rowId, ...roadMapRowProgress(row, route.activityCompletions, today) }));
  }

  /**
   * 003 §5.1's title page from the staff directory (one query): the teacher's ФИО, phone, e-mail and —
   * only for the teacher, the organisation's curator or director and administrators — birth date; the
   * methodologist's and tutor's names, positions and work contacts.
   */
  private async titlePagePeople(user: AuthenticatedUser, route: RouteOrigin) {
    const { teacherId, methodologistId, tutorId } = route.participants;
    const [contacts, positions] = await Promise.all([
      this.people.contacts([teacherId, methodologistId, tutorId]),
      this.people.positions([methodologistId, tutorId]),
    ]);
    const sensitive =
      isAdministrator(user) ||
      user.sub === teacherId ||
      rolesIn(user, route.organisationId).some((role) => (sensitiveReaderRoles as readonly Role[]).includes(role));
    const of = (personId: string, withBirthDate = false) => {
      const { birthDate, ...known } = contacts.get(personId) ?? {};
      return { personId, ...known, ...(withBirthDate && birthDate ? { birthDate } : {}) };
    };
    // The teacher's position is the title page's own field; the supervisors' come from their employments.
    const supervisor = (personId: string) => ({ ...of(personId), positions: positions.get(personId) ?? [] });
    return {
      teacher: of(teacherId, sensitive),
      methodologist: supervisor(methodologistId),
      tutor: supervisor(tutorId),
    };
  }

  async list(user: AuthenticatedUser, query: RouteListQuery) {
    const q = query.q?.trim() || undefined;
    const rows = await this.db.query<{ state: RouteState; version: number }[]>(
      `SELECT v.state, v.version FROM routes_view v
       WHERE v.stage <> 'notCreated'
         AND ($1 OR v.teacher_id = $2 OR v.methodologist_id = $2 OR v.tutor_id = $2 OR v.organisation_id = ANY($3::uuid[]))
         AND ($4::text IS NULL OR v.code = $4::text)
         AND ($5::uuid IS NULL OR v.organisation_id = $5::uuid)
         AND ($6::text IS NULL OR v.teacher_id = $6::text)
         AND ($9::text IS NULL OR v.stage = $9::text)
         AND (NOT $10 OR EXISTS (SELECT 1 FROM jsonb_each(v.state->'tasks') t WHERE t.value->>'status' = 'overdue'))
         AND ($11::text IS NULL
              OR v.code LIKE $11 || '%'
              -- Names live in the people directory, not in the route: joined at read time, never the depersonalised.
              OR EXISTS (SELECT 1 FROM personal.persons p
                         WHERE p.person_id::text = v.teacher_id AND p.depersonalised_at IS NULL
                           AND (p.search_key LIKE $12 || '%' OR p.search_key LIKE '% ' || $12 || '%')))
       ORDER BY v.updated_at DESC, v.route_id LIMIT $7 OFFSET $8`,
      [
        isAdministrator(user),
        user.sub,
        organisationsWhere(user, supervising(user)),
        query.code ?? null,
        query.organisationId ?? null,
        query.teacherId ?? null,
        query.limit,
        query.offset,
        query.stage ?? null,
        query.overdue === 'true',
        q ? likePrefix(q) : null,
        q ? likePrefix(personSearchKey(q)) : null,
      ],
    );
    const names = await this.people.names(rows.map((r) => (r.state as CreatedRoute).participants.teacherId));
    return rows.map((r) => ({
      ...r.state,
      version: r.version,
      teacherName: names.get((r.state as CreatedRoute).participants.teacherId)?.fullName,
    }));
  }

  /** Every event of the route, in order: who, when, what (with its Russian label) and why. */
  async history(user: AuthenticatedUser, routeId: string) {
    await this.originFor(user, routeId);
    const labels: Readonly<Record<string, string>> = routeEventLabels;
    return (await this.store.readStream(routeStream(routeId))).map((e) => ({
      ...historyEntry(e),
      event: labels[e.type] ?? e.type,
    }));
  }

  /** The route as created, or 404 for a missing one or one the caller may not see. */
  private async originFor(user: AuthenticatedUser, routeId: string): Promise<RouteOrigin> {
    const route = await routeOrigin(this.db, routeId);
    if (route === undefined || !canReadRoute(user, route)) throw new NotFoundException('ИОМ не найден');
    return route;
  }

  private async completedInReadModel(routeId: string): Promise<boolean> {
    const [row] = await this.db.query<{ stage: string }[]>('SELECT stage FROM routes_view WHERE route_id = $1', [
      routeId,
    ]);
    return row?.stage === 'completed';
  }
}

const completedRefusal = (route: RouteOrigin) =>
  new DomainRefusal('route.completed', `ИОМ ${route.code} завершён; изменения не принимаются`);

/**
 * RouteCreated never changes, so what it says is kept (bounded, oldest first): the store has it the moment
 * the creation is answered, unlike a projection.
 */
const routeOrigins = new Map<string, RouteOrigin>();
const REMEMBERED_ROUTES = 50_000;

async function routeOrigin(db: DataSource, routeId: string): Promise<RouteOrigin | undefined> {
  const known = routeOrigins.get(routeId);
  if (known !== undefined) return known;
  const [row] = await db.query<{ data: RouteCreated['data'] }[]>(
    `SELECT data FROM events WHERE stream_id = $1 AND stream_version = 1 AND type = 'RouteCreated'`,
    [routeStream(routeId)],
  );
  if (row === undefined) return undefined;
  const { code, organisationId, teacherId, methodologistId, tutorId } = row.data;
  const origin: RouteOrigin = { routeId, code, organisationId, participants: { teacherId, methodologistId, tutorId } };
  if (routeOrigins.size >= REMEMBERED_ROUTES) routeOrigins.delete(routeOrigins.keys().next().value as string);
  routeOrigins.set(routeId, origin);
  return origin;
}
