import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  activeIncentiveKinds,
  incentiveDecider,
  incentiveDeciderRoles,
  incentiveKindsDecider,
  incentiveKindsStream,
  incentiveProposerOf,
  incentiveRecipientRoleLabels,
  incentiveStatusLabels,
  incentiveStream,
  pairDecider,
  pairStream,
  DomainRefusal,
  type IncentiveCommand,
  type IncentiveKindCommand,
  type IncentiveState,
  type ProposedIncentive,
  type Role,
} from '@mentorflow/domain';
import { localDateOf } from '@mentorflow/calendar';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { commandMetadata } from '../common/aggregate.gateway';
import { decideOnStream, type WithoutMetadata } from '../common/stream-aggregate';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation, organisationsWhere, rolesIn } from '../auth/organisation-access';
import { PeopleDirectory } from '../people/people.directory';
import type { ApproveIncentiveDto, IncentivesQuery, ProposeIncentiveDto } from './incentive.dto';

/** Those who see every incentive of their organisation: its management. */
const managers: Role[] = ['director', 'curator', 'commissionHead'];

/**
 * Incentives (issue 28). An incentive is a short document lifecycle of its own stream (proposed → approved
 * or declined), decided and appended here like a practice: no timers, no tasks, so no workflow, and no
 * person's data reaches Temporal. The events name people by id only; names are read from the directory.
 */
@Injectable()
export class IncentivesService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  async propose(user: AuthenticatedUser, body: ProposeIncentiveDto) {
    const proposer = incentiveProposerOf[body.recipientRole];
    const role = actingRole(user, [proposer], body.organisationId);
    if (body.recipientRole === 'mentee') await this.assertOwnMentee(user, body);
    else await this.assertMentorOf(body.organisationId, body.personId);
    const incentiveId = randomUUID();
    const kinds = activeIncentiveKinds(await this.kindsState());
    await this.execute(user, incentiveId, body.organisationId, role, {
      type: 'ProposeIncentive',
      data: { incentiveId, ...body, kinds },
    });
    return this.get(user, incentiveId);
  }

  approve(user: AuthenticatedUser, incentiveId: string, body: ApproveIncentiveDto) {
    return this.decide(user, incentiveId, {
      type: 'ApproveIncentive',
      data: { order: body.order, ...(body.amount === undefined ? {} : { amount: body.amount }) },
    });
  }

  decline(user: AuthenticatedUser, incentiveId: string, reason: string) {
    return this.decide(user, incentiveId, { type: 'DeclineIncentive', data: { reason } });
  }

  /** A decision on an incentive the user may see, as its director (the decider refuses any other role, saying who may). */
  private async decide(user: AuthenticatedUser, incentiveId: string, command: WithoutMetadata<IncentiveCommand>) {
    const incentive = await this.visible(user, incentiveId);
    const role = actingRole(user, [...incentiveDeciderRoles, ...managers], incentive.organisationId);
    await this.execute(user, incentiveId, incentive.organisationId, role, command);
    return this.get(user, incentiveId);
  }

  /** One incentive from its stream (consistent right after a command), its people named. */
  async get(user: AuthenticatedUser, incentiveId: string) {
    const incentive = await this.visible(user, incentiveId);
    const [described] = await this.named([incentive], user);
    return described;
  }

  /** Incentives the caller may see, newest first: of an organisation, a person (the card) or a pair's members. */
  async list(user: AuthenticatedUser, query: IncentivesQuery) {
    const members = query.pairId ? await this.pairMembers(user, query.pairId) : null;
    const rows = await this.db.query<{ state: ProposedIncentive }[]>(
      `SELECT state FROM incentives_view
       WHERE ($1::boolean OR organisation_id = ANY($2::uuid[]) OR person_id = $3 OR state->>'proposedBy' = $3)
         AND ($4::uuid IS NULL OR organisation_id = $4)
         AND ($5::text IS NULL OR person_id = $5)
         AND ($6::text[] IS NULL OR (person_id = ANY($6::text[]) AND organisation_id = $7::uuid))
         AND ($8::text IS NULL OR status = $8)
       ORDER BY proposed_at DESC, incentive_id
       LIMIT $9 OFFSET $10`,
      [
        isAdministrator(user),
        organisationsWhere(user, managers),
        user.sub,
        query.organisationId ?? null,
        query.personId ?? null,
        members?.personIds ?? null,
        members?.organisationId ?? null,
        query.status ?? null,
        query.limit,
        query.offset,
      ],
    );
    return this.named(
      rows.map((r) => r.state),
      user,
    );
  }

  /**
   * What the results stage's checklist shows beside its conditions (information, not a gate): incentives
   * granted and awaiting the director, practices of the bank submitted and published by the organisation.
   */
  async resultsSummary(user: AuthenticatedUser, organisationId: string) {
    if (!canAccessOrganisation(user, organisationId)) throw new NotFoundException('Организация не найдена');
    const [incentives, practices] = await Promise.all([
      this.db.query<{ granted: number; awaiting: number; mentors: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'approved')::int AS granted,
                count(*) FILTER (WHERE status = 'proposed')::int AS awaiting,
                count(DISTINCT person_id) FILTER (WHERE status = 'approved' AND state->>'recipientRole' = 'mentor')::int AS mentors
         FROM incentives_view WHERE organisation_id = $1`,
        [organisationId],
      ),
      this.db.query<{ submitted: number; published: number }[]>(
        `SELECT count(*)::int AS submitted, count(*) FILTER (WHERE status = 'published')::int AS published
         FROM practices_view WHERE organisation_id = $1`,
        [organisationId],
      ),
    ]);
    return {
      organisationId,
      incentivesGranted: incentives[0]?.granted ?? 0,
      incentivesAwaitingDecision: incentives[0]?.awaiting ?? 0,
      mentorsRewarded: incentives[0]?.mentors ?? 0,
      practicesSubmitted: practices[0]?.submitted ?? 0,
      practicesPublished: practices[0]?.published ?? 0,
    };
  }

  /** The kinds one may propose now, built-in first. */
  async kinds(page: { limit: number; offset: number }) {
    return activeIncentiveKinds(await this.kindsState()).slice(page.offset, page.offset + page.limit);
  }

  async addKind(user: AuthenticatedUser, name: string) {
    const kindId = randomUUID();
    await this.executeKinds(user, { type: 'AddIncentiveKind', data: { kindId, name } });
    return (await this.kinds({ limit: 1000, offset: 0 })).find((k) => k.kindId === kindId);
  }

  async removeKind(user: AuthenticatedUser, kindId: string) {
    await this.executeKinds(user, { type: 'RemoveIncentiveKind', data: { kindId } });
    return { kindId, removed: true };
  }

  private async kindsState() {
    const { state } = await loadAggregate(this.store, incentiveKindsStream, incentiveKindsDecider);
    return state;
  }

  private async executeKinds(user: AuthenticatedUser, command: WithoutMetadata<IncentiveKindCommand>) {
    const metadata = commandMetadata(user, 'administrator');
    await decideOnStream(this.store, incentiveKindsStream, incentiveKindsDecider, command, { metadata });
  }

  /** The incentives with the person, the proposer and the decider named, and what the caller may do. */
  private async named(incentives: readonly ProposedIncentive[], user: AuthenticatedUser) {
    const names = await this.people.names(
      incentives.flatMap((i) => [i.personId, i.proposedBy, ...(i.decidedBy ? [i.decidedBy] : [])]),
    );
    const name = (id: string | undefined) => (id ? (names.get(id)?.fullName ?? null) : null);
    return incentives.map((i) => ({
      ...i,
      statusLabel: incentiveStatusLabels[i.status],
      recipientRoleLabel: incentiveRecipientRoleLabels[i.recipientRole],
      personName: name(i.personId),
      proposedByName: name(i.proposedBy),
      decidedByName: name(i.decidedBy),
      canDecide: i.status === 'proposed' && rolesIn(user, i.organisationId).includes('director'),
    }));
  }

  private async execute(
    user: AuthenticatedUser,
    incentiveId: string,
    organisationId: string,
    role: Role,
    command: WithoutMetadata<IncentiveCommand>,
  ): Promise<IncentiveState> {
    const metadata = { ...commandMetadata(user, role), today: await this.today(organisationId) };
    return decideOnStream(this.store, incentiveStream(incentiveId), incentiveDecider, command, {
      metadata,
      organisationId,
    });
  }

  /** Today in the organisation's time zone: an order's date may not lie after it. */
  private async today(organisationId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ time_zone: string | null }[]>(
      `SELECT time_zone FROM organisations_view WHERE organisation_id = $1`,
      [organisationId],
    );
    const zone = rows[0]?.time_zone;
    return zone ? localDateOf(new Date().toISOString(), zone) : undefined;
  }

  /** The mentor proposes only for a mentee of her own pair: another organisation's pair is 404, another mentor's 403. */
  private async assertOwnMentee(user: AuthenticatedUser, body: ProposeIncentiveDto): Promise<void> {
    if (!body.pairId) return; // the domain names the missing pair
    const { state } = await loadAggregate(this.store, pairStream(body.pairId), pairDecider);
    if (state.status === 'notFormed' || state.organisationId !== body.organisationId)
      throw new NotFoundException('Наставническая пара не найдена');
    if (state.mentorId !== user.sub)
      throw new ForbiddenException('Поощрение наставляемому предлагает наставник его пары');
    if (!state.menteeIds.includes(body.personId))
      throw new ForbiddenException('Этот человек не наставляемый вашей пары');
  }

  /** The curator proposes for a mentor of one of the organisation's pairs (any term, ended pairs too). */
  private async assertMentorOf(organisationId: string, personId: string): Promise<void> {
    const rows = await this.db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pairs_view WHERE organisation_id = $1 AND (mentor_id = $2
         OR state->'mentorHistory' @> jsonb_build_array(jsonb_build_object('mentorId', $2::text)))) AS found`,
      [organisationId, personId],
    );
    if (!rows[0]?.found)
      throw new DomainRefusal('incentive.recipient.notMentor', 'Этот человек не наставник пар организации', [
        { code: 'personId.notMentor', message: 'Поле «Кого поощрить»: выберите наставника пары организации' },
      ]);
  }

  /** The pair's members (every mentor it had, its mentees), if the caller reaches the pair's organisation. */
  private async pairMembers(user: AuthenticatedUser, pairId: string) {
    const { state } = await loadAggregate(this.store, pairStream(pairId), pairDecider);
    if (state.status === 'notFormed' || !canAccessOrganisation(user, state.organisationId))
      throw new NotFoundException('Наставническая пара не найдена');
    return {
      organisationId: state.organisationId,
      personIds: [...new Set([state.mentorId, ...state.mentorHistory.map((t) => t.mentorId), ...state.menteeIds])],
    };
  }

  /** The incentive if the caller may see it (management, the person, the proposer); else 404. */
  private async visible(user: AuthenticatedUser, incentiveId: string): Promise<ProposedIncentive> {
    const { state } = await loadAggregate<IncentiveState, never>(
      this.store,
      incentiveStream(incentiveId),
      incentiveDecider,
    );
    if (state.status === 'none') throw new NotFoundException('Поощрение не найдено');
    const seen =
      isAdministrator(user) ||
      rolesIn(user, state.organisationId).some((r) => managers.includes(r)) ||
      state.personId === user.sub ||
      state.proposedBy === user.sub;
    if (!seen) throw new NotFoundException('Поощрение не найдено');
    return state;
  }
}
