import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  organisationDecider,
  organisationStream,
  type OrganisationCommand,
  type OrganisationState,
  type RegisteredOrganisation,
  type Role,
} from '@mentorflow/domain';
import { EventStore, handleCommand, loadAggregate } from '@mentorflow/event-store';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation } from '../auth/organisation-access';

/** The organisation registry: commands go to its event stream, reads to its projection. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async execute(
    user: AuthenticatedUser,
    organisationId: string,
    command: Omit<OrganisationCommand, 'metadata'>,
    role: Role,
  ) {
    const metadata = { actorId: user.sub, role, now: new Date().toISOString() } as const;
    const { state } = await handleCommand(
      this.store,
      organisationStream(organisationId),
      organisationDecider,
      { ...command, metadata } as OrganisationCommand,
      { actorId: user.sub, role: metadata.role, organisationId },
    );
    return state;
  }

  /** The write model, read from the store: consistent right after a command, unlike the projection. */
  async load(user: AuthenticatedUser, organisationId: string): Promise<RegisteredOrganisation> {
    const { state } = await loadAggregate<OrganisationState, never>(
      this.store,
      organisationStream(organisationId),
      organisationDecider,
    );
    if (state.status !== 'registered' || !canAccessOrganisation(user, organisationId)) {
      throw new NotFoundException('Организация не найдена');
    }
    return state;
  }

  async list(user: AuthenticatedUser, limit: number, offset: number): Promise<RegisteredOrganisation[]> {
    const all = isAdministrator(user);
    const rows = await this.db.query<{ state: RegisteredOrganisation }[]>(
      `SELECT state FROM organisations_view WHERE ($1 OR organisation_id = ANY($2::uuid[]))
       ORDER BY name, organisation_id LIMIT $3 OFFSET $4`,
      [all, user.organisationIds, limit, offset],
    );
    return rows.map((r) => r.state);
  }
}
