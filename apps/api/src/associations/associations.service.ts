import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  associationDecider,
  associationKeeperMessages,
  associationKeeperRoles,
  associationLevelLabels,
  associationStream,
  associationWorkflowId,
  type AssociationLevel,
  type AssociationState,
  type CreatedAssociation,
  type Role,
} from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { associationWorkflow } from '@mentorflow/workflows/association/association.workflow';
import {
  addAssociationMemberUpdate,
  addPlanItemUpdate,
  associationCreatedUpdate,
  recordAssociationMeetingUpdate,
  removeAssociationMemberUpdate,
  type AssociationView,
} from '@mentorflow/workflows/association/association.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import type { UpdateDefinition } from '@temporalio/common';
import type { Envelope } from '@mentorflow/workflows/shared/envelope';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { rolesIn } from '../auth/organisation-access';
import { AggregateGateway, commandMetadata } from '../common/aggregate.gateway';
import { namedHistory } from '../common/history-entry';
import { newIdempotentId } from '../common/idempotency';
import { PeopleDirectory } from '../people/people.directory';
import type {
  AddPlanItemDto,
  AssociationsQuery,
  CreateAssociationDto,
  RecordAssociationMeetingDto,
} from './association.dto';

interface HostOrganisation {
  organisation_id: string;
  name: string;
  region: string;
  municipality: string;
  time_zone: string;
  kind: string;
}

const notFound = () => new NotFoundException('Методическое объединение не найдено');

/**
 * The mentors' methodical associations (issue 28). Each runs as its own workflow (its plan items are
 * timed tasks); reads come from its stream (right after a command) or from associations_view (lists).
 * Who sees one: its keepers (associationKeeperRoles in the host organisation, the region's coordinator
 * for a municipality's), its members, administrators; for anyone else it does not exist (404).
 */
@Injectable()
export class AssociationsService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: AggregateGateway,
    private readonly people: PeopleDirectory,
  ) {}

  async create(user: AuthenticatedUser, body: CreateAssociationDto) {
    const host = await this.host(user, body.organisationId);
    if (body.level === 'municipality' && host.kind !== 'municipalMethodCentre') {
      throw new UnprocessableEntityException(
        'Муниципальное методическое объединение ведёт муниципальный методический центр: выберите его организацию',
      );
    }
    const role = this.keeperRole(user, body.level, host.organisation_id);
    const associationId = newIdempotentId();
    const association = {
      associationId,
      name: body.name,
      level: body.level,
      organisationId: host.organisation_id,
      municipality: host.municipality,
      region: host.region,
    };
    const metadata = commandMetadata(user, role);
    // A refusal (a blank name) answers before a workflow starts that could only fail.
    associationDecider.decide({ type: 'CreateAssociation', data: association, metadata }, { status: 'none' });
    await this.gateway.start(associationWorkflow, associationWorkflowId(associationId), associationCreatedUpdate, {
      args: [
        {
          association,
          timeZone: host.time_zone,
          metadata,
          continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
        },
      ],
    });
    return this.get(user, associationId);
  }

  addMember(user: AuthenticatedUser, associationId: string, personId: string) {
    return this.keep(user, associationId, async (association) => {
      const organisationId = await this.workplaceOf(association, personId);
      return { update: addAssociationMemberUpdate, data: { personId, organisationId } };
    });
  }

  removeMember(user: AuthenticatedUser, associationId: string, personId: string) {
    return this.keep(user, associationId, () => ({ update: removeAssociationMemberUpdate, data: { personId } }));
  }

  addPlanItem(user: AuthenticatedUser, associationId: string, body: AddPlanItemDto) {
    return this.keep(user, associationId, () => ({
      update: addPlanItemUpdate,
      data: { itemId: newIdempotentId(), title: body.title, date: body.date, responsibleId: body.responsibleId },
    }));
  }

  recordMeeting(user: AuthenticatedUser, associationId: string, body: RecordAssociationMeetingDto) {
    return this.keep(user, associationId, () => ({
      update: recordAssociationMeetingUpdate,
      data: { meetingId: newIdempotentId(), ...body },
    }));
  }

  /** The associations the caller keeps or belongs to, newest first. */
  async list(user: AuthenticatedUser, query: AssociationsQuery) {
    const organisations = [...new Set(user.reach.map((r) => r.organisationId))];
    const rows = await this.db.query<{ state: CreatedAssociation; organisation_name: string }[]>(
      `SELECT a.state, o.name AS organisation_name
       FROM associations_view a JOIN organisations_view o ON o.organisation_id = a.organisation_id
       WHERE ($1::boolean OR a.organisation_id = ANY($2::uuid[]) OR $3 = ANY(a.member_ids))
         AND ($4::uuid IS NULL OR a.organisation_id = $4)
       ORDER BY a.created_at DESC, a.association_id
       LIMIT $5 OFFSET $6`,
      [isAdministrator(user), organisations, user.sub, query.organisationId ?? null, query.limit, query.offset],
    );
    return rows
      .map((r) => ({ state: r.state, organisationName: r.organisation_name }))
      .filter((r) => this.sees(user, r.state))
      .map(({ state, organisationName }) => ({
        associationId: state.associationId,
        name: state.name,
        level: state.level,
        levelLabel: associationLevelLabels[state.level],
        organisationId: state.organisationId,
        organisationName,
        municipality: state.municipality,
        memberCount: state.members.length,
        planItemCount: state.plan.length,
        meetingCount: state.meetings.length,
      }));
  }

  /** One association with its members, plan and meetings named (people by name, never by id alone). */
  async get(user: AuthenticatedUser, associationId: string) {
    const association = await this.visible(user, associationId);
    const ids = [
      ...association.members.map((m) => m.personId),
      ...association.plan.map((p) => p.responsibleId),
      ...association.meetings.flatMap((m) => m.attendeeIds),
    ];
    const [names, organisations] = await Promise.all([
      this.people.names(ids),
      this.db.query<{ organisation_id: string; name: string }[]>(
        'SELECT organisation_id::text, name FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
        [[association.organisationId, ...association.members.map((m) => m.organisationId)]],
      ),
    ]);
    const nameOf = (id: string) => names.get(id)?.fullName ?? null;
    const organisationName = (id: string) => organisations.find((o) => o.organisation_id === id)?.name ?? null;
    return {
      associationId: association.associationId,
      name: association.name,
      level: association.level,
      levelLabel: associationLevelLabels[association.level],
      organisationId: association.organisationId,
      organisationName: organisationName(association.organisationId),
      municipality: association.municipality,
      region: association.region,
      createdAt: association.createdAt,
      members: association.members.map((m) => ({
        personId: m.personId,
        fullName: nameOf(m.personId),
        organisationName: organisationName(m.organisationId),
        addedAt: m.addedAt,
      })),
      plan: [...association.plan]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((item) => ({
          ...item,
          responsibleName: nameOf(item.responsibleId),
          status: association.tasks[item.itemId]?.status ?? 'open',
          completedAt: association.tasks[item.itemId]?.completedAt ?? null,
        })),
      meetings: [...association.meetings]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((m) => ({ ...m, attendees: m.attendeeIds.map((id) => ({ personId: id, fullName: nameOf(id) })) })),
      canManage: this.keeperRoleOrUndefined(user, association.level, association.organisationId) !== undefined,
    };
  }

  /** Who did what and when, the actors named. */
  async history(user: AuthenticatedUser, associationId: string, page: { limit: number; offset: number }) {
    await this.visible(user, associationId);
    return namedHistory(this.store, this.people, associationStream(associationId), page);
  }

  /** A keeper's command: the association as the caller sees it, the command sent, the association named again. */
  private async keep<T>(
    user: AuthenticatedUser,
    associationId: string,
    build: (
      association: CreatedAssociation,
    ) =>
      | { update: UpdateDefinition<AssociationView, [Envelope<T>]>; data: T }
      | Promise<{ update: UpdateDefinition<AssociationView, [Envelope<T>]>; data: T }>,
  ) {
    const association = await this.visible(user, associationId);
    const role = this.keeperRole(user, association.level, association.organisationId);
    const { update, data } = await build(association);
    await this.gateway.commandAs(user, role, associationWorkflowId(associationId), update, data);
    return this.get(user, associationId);
  }

  private async visible(user: AuthenticatedUser, associationId: string): Promise<CreatedAssociation> {
    const { state } = await loadAggregate<AssociationState, never>(
      this.store,
      associationStream(associationId),
      associationDecider,
    );
    if (state.status === 'none' || !this.sees(user, state)) throw notFound();
    return state;
  }

  private sees(user: AuthenticatedUser, association: CreatedAssociation): boolean {
    return (
      isAdministrator(user) ||
      association.members.some((m) => m.personId === user.sub) ||
      this.keeperRoleOrUndefined(user, association.level, association.organisationId) !== undefined ||
      rolesIn(user, association.organisationId).length > 0
    );
  }

  private keeperRoleOrUndefined(user: AuthenticatedUser, level: AssociationLevel, organisationId: string) {
    if (isAdministrator(user)) return 'administrator' as const;
    const held = rolesIn(user, organisationId);
    return associationKeeperRoles[level].find((role) => role !== 'administrator' && held.includes(role));
  }

  /** The keeper's role; a member or a reader of the organisation may not keep it (403, says who may). */
  private keeperRole(user: AuthenticatedUser, level: AssociationLevel, organisationId: string): Role {
    const role = this.keeperRoleOrUndefined(user, level, organisationId);
    if (role === undefined) throw new ForbiddenException(associationKeeperMessages[level]);
    return role;
  }

  /** The host organisation, if the caller reaches it (else 404, as for one that does not exist). */
  private async host(user: AuthenticatedUser, organisationId: string): Promise<HostOrganisation> {
    if (!isAdministrator(user) && rolesIn(user, organisationId).length === 0) {
      throw new NotFoundException('Организация не найдена');
    }
    const [row] = await this.db.query<HostOrganisation[]>(
      `SELECT organisation_id::text, name, region, municipality, time_zone, state->>'kind' AS kind
       FROM organisations_view WHERE organisation_id = $1`,
      [organisationId],
    );
    if (!row) throw new NotFoundException('Организация не найдена');
    return row;
  }

  /**
   * Where the person works: the host organisation for its own association, any organisation of the
   * municipality for a municipality's. A person working elsewhere cannot be a member (422, says why).
   */
  private async workplaceOf(association: CreatedAssociation, personId: string): Promise<string> {
    const [row] = await this.db.query<{ organisation_id: string }[]>(
      `SELECT e.organisation_id::text FROM personal.employments e
       JOIN organisations_view o ON o.organisation_id = e.organisation_id
       WHERE e.person_id = $1 AND e.status <> 'dismissed'
         AND (CASE WHEN $2 = 'organisation' THEN e.organisation_id = $3::uuid
                   ELSE o.region = $4 AND o.municipality = $5 END)
       ORDER BY (e.organisation_id = $3::uuid) DESC LIMIT 1`,
      [personId, association.level, association.organisationId, association.region, association.municipality],
    );
    if (!row) {
      throw new UnprocessableEntityException(
        association.level === 'organisation'
          ? 'В методическое объединение организации входят только её работники: этот человек в ней не работает'
          : 'В муниципальное методическое объединение входят работники организаций муниципалитета: этот человек в них не работает',
      );
    }
    return row.organisation_id;
  }
}
