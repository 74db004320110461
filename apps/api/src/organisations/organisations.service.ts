import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  organisationDecider,
  organisationStream,
  type OrganisationCommand,
  type OrganisationState,
  regionalSpecialistsOf,
  type RegionalSpecialist,
  type RegisteredOrganisation,
  type Role,
} from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { commandMetadata } from '../common/aggregate.gateway';
import { decideOnStream, type WithoutMetadata } from '../common/stream-aggregate';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation } from '../auth/organisation-access';
import { PeopleDirectory, type PersonName } from '../people/people.directory';
import { searchFolded, searchTerm } from '../common/text-search';
import { seesStaffNames } from '../people/people.roles';

/** The organisation registry: commands go to its event stream, reads to its projection. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly store: EventStore,
    private readonly people: PeopleDirectory,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async execute(
    user: AuthenticatedUser,
    organisationId: string,
    command: WithoutMetadata<OrganisationCommand>,
    role: Role,
  ) {
    return decideOnStream(this.store, organisationStream(organisationId), organisationDecider, command, {
      metadata: commandMetadata(user, role),
      organisationId,
    });
  }

  /** The write model, read from the store: consistent right after a command, unlike the projection. */
  async load(user: AuthenticatedUser, organisationId: string): Promise<RegisteredOrganisation> {
    const state = await this.registered(organisationId);
    if (state === undefined || !canAccessOrganisation(user, organisationId)) {
      throw new NotFoundException('Организация не найдена');
    }
    return state;
  }

  /** The organisation as registered, for facts a command about another organisation needs; no access check. */
  async registered(organisationId: string): Promise<RegisteredOrganisation | undefined> {
    const { state } = await loadAggregate<OrganisationState, never>(
      this.store,
      organisationStream(organisationId),
      organisationDecider,
    );
    return state.status === 'registered' ? state : undefined;
  }

  /** The person (an account's subject) holds `role` in the organisation: a role grant there, the account enabled. */
  async holdsRole(personId: string, role: Role, organisationId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM role_assignments a JOIN users u ON u.user_id = a.user_id
       WHERE u.subject = $1 AND a.role = $2 AND a.organisation_id = $3 AND u.disabled_at IS NULL LIMIT 1`,
      [personId, role, organisationId],
    );
    return rows.length > 0;
  }

  /** The regional specialists serving the organisation, from its write model (consistent right after a command). */
  async regionalSpecialists(
    user: AuthenticatedUser,
    organisationId: string,
    { limit, offset }: { limit: number; offset: number },
    named: boolean,
  ): Promise<(RegionalSpecialist & { name?: string; regionalOrganisationName?: string })[]> {
    const organisation = await this.load(user, organisationId);
    const page = regionalSpecialistsOf(organisation).slice(offset, offset + limit);
    // Names beside the ids, resolved at read time (the events hold ids only), for the readers the caller names.
    const names = named ? await this.people.names(page.map((s) => s.personId)) : new Map<string, PersonName>();
    const regional = await this.db.query<{ organisation_id: string; name: string }[]>(
      'SELECT organisation_id, name FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
      [[...new Set(page.map((s) => s.regionalOrganisationId))]],
    );
    const regionalNames = new Map(regional.map((r) => [r.organisation_id, r.name]));
    return page.map((s) => ({
      ...s,
      ...(names.has(s.personId) ? { name: names.get(s.personId)?.fullName } : {}),
      ...(regionalNames.has(s.regionalOrganisationId)
        ? { regionalOrganisationName: regionalNames.get(s.regionalOrganisationId) }
        : {}),
    }));
  }

  /** Who may serve the organisation: its region's regional organisations' tutors and methodologists, by ФИО. */
  regionalSpecialistCandidates(
    organisation: RegisteredOrganisation,
    q: string | undefined,
    page: { limit: number; offset: number },
  ) {
    return this.people.regionalSpecialistCandidates(organisation.region, q, page);
  }

  async list(user: AuthenticatedUser, limit: number, offset: number, q?: string) {
    const all = isAdministrator(user);
    const text = searchTerm(q);
    const rows = await this.db.query<{ state: RegisteredOrganisation }[]>(
      `SELECT state FROM organisations_view WHERE ($1 OR organisation_id = ANY($2::uuid[]))
         AND ($5::text IS NULL OR ${searchFolded("name || ' ' || municipality || ' ' || region")} LIKE '%' || $5 || '%')
       ORDER BY name, organisation_id LIMIT $3 OFFSET $4`,
      [all, user.organisationIds, limit, offset, text],
    );
    return this.withStaffNames(
      user,
      rows.map((r) => r.state),
    );
  }

  /** The organisation as its readers see it: the write model, its staff named from the directory. */
  async read(user: AuthenticatedUser, organisationId: string) {
    const [named] = await this.withStaffNames(user, [await this.load(user, organisationId)]);
    return named;
  }

  /**
   * The staff with their names beside the ids — from the staff directory in one query for the page (events
   * hold ids only; an old event's typed name is not shown), and only to those who see the organisation's
   * staff by name (`seesStaffNames`): the others get ids.
   */
  private async withStaffNames(user: AuthenticatedUser, organisations: readonly RegisteredOrganisation[]) {
    const named = organisations.filter((o) => seesStaffNames(user, o.organisationId));
    const names = await this.people.names(named.flatMap((o) => o.staff.map((m) => m.personId)));
    return organisations.map((o) => ({
      ...o,
      // Spelled out, so a name folded into an old read-model row from an old event never passes through.
      staff: o.staff.map(({ personId, role, assignedAt }) => {
        const name = named.includes(o) ? names.get(personId) : undefined;
        return {
          personId,
          role,
          assignedAt,
          ...(name ? { fullName: name.fullName, shortName: name.shortName, hasConsent: name.hasConsent } : {}),
        };
      }),
    }));
  }
}
