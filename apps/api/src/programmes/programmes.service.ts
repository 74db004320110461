import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  implementsTargetModel,
  programmeDecider,
  stageWarnings,
  untrainedMentorsCode,
  programmeStream,
  programmeWorkflowId,
  unmetConditions,
  type Role,
  type StartedProgramme,
} from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { findProgramme, listProgrammes, loadProgrammeGateContext } from '@mentorflow/projections';
import {
  programmeStartedUpdate,
  programmeViewQuery,
  type Envelope,
  type ProgrammeView,
} from '@mentorflow/workflows/programme/programme.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import { programmeWorkflow } from '@mentorflow/workflows/programme/programme.workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation, organisationOfStream } from '../auth/organisation-access';
import { AggregateGateway, commandMetadata } from '../common/aggregate.gateway';
import { newIdempotentId } from '../common/idempotency';
import { OrganisationsService } from '../organisations/organisations.service';
import { historyEntry } from '../common/history-entry';
import { TrainingService } from '../training/training.service';
import type { UnmetCondition } from '@mentorflow/domain';

type ProgrammeUpdate<T> = UpdateDefinition<ProgrammeView, [Envelope<T>]>;

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly gateway: AggregateGateway,
    private readonly store: EventStore,
    private readonly organisations: OrganisationsService,
    private readonly training: TrainingService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Starts the programme's workflow and answers once ProgrammeStarted is stored (update-with-start). */
  async start(
    user: AuthenticatedUser,
    organisationId: string,
    title: string,
    preferred: readonly Role[],
  ): Promise<ProgrammeView> {
    const organisation = await this.organisations.load(user, organisationId);
    const role = actingRole(user, preferred, organisationId);
    const programmeId = newIdempotentId();
    return this.gateway.start(programmeWorkflow, programmeWorkflowId(programmeId), programmeStartedUpdate, {
      args: [
        {
          programmeId,
          organisationId,
          title,
          timeZone: organisation.timeZone,
          metadata: commandMetadata(user, role),
          continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
        },
      ],
    });
  }

  /** Sends a command as an update; the workflow validates and answers with the new state or a refusal. */
  async command<T>(
    user: AuthenticatedUser,
    programmeId: string,
    update: ProgrammeUpdate<T>,
    data: T,
    preferred: readonly Role[],
    reason?: string,
  ) {
    // The workflow decides on the programme's state; the API only needs whose programme it is, as for pairs.
    const organisationId = await this.organisationFor(user, programmeId);
    const role = actingRole(user, preferred, organisationId);
    return this.gateway.commandAs(user, role, programmeWorkflowId(programmeId), update, data, reason);
  }

  /** The live state from the workflow itself: consistent with the last acknowledged command. */
  async live(user: AuthenticatedUser, programmeId: string): Promise<ProgrammeView> {
    await this.organisationFor(user, programmeId);
    return this.gateway.handle<typeof programmeWorkflow>(programmeWorkflowId(programmeId)).query(programmeViewQuery);
  }

  /** The read model plus the curator's checklist: what is still missing to leave the current stage. */
  async get(user: AuthenticatedUser, programmeId: string) {
    const row = await findProgramme(this.db, programmeId);
    if (!row || row.state.status !== 'started' || !canAccessOrganisation(user, row.state.organisationId)) {
      throw new NotFoundException('Программа наставничества не найдена');
    }
    const context = await loadProgrammeGateContext(this.db, programmeId);
    // The gate knows how many mentors are untrained; the people who read the checklist see who.
    const untrained =
      (context.mentorsWithoutTraining ?? 0) > 0 ? await this.training.untrainedMentors(programmeId) : [];
    const named = (condition: UnmetCondition): UnmetCondition =>
      condition.code === untrainedMentorsCode && untrained.length > 0
        ? { ...condition, message: `Не прошли обучение отобранные наставники: ${untrained.join(', ')}` }
        : condition;
    return {
      ...row.state,
      version: row.version,
      nextStageChecklist: unmetConditions(row.state, context).map(named),
      /** What the curator is warned of but not stopped by (untrained mentors, unless the organisation requires it). */
      nextStageWarnings: stageWarnings(row.state, context).map(named),
      implementsTargetModel: implementsTargetModel(row.state, context),
    };
  }

  async list(user: AuthenticatedUser, organisationId: string | undefined, limit: number, offset: number) {
    const rows = await listProgrammes(this.db, {
      all: isAdministrator(user),
      organisationIds: user.organisationIds,
      organisationId,
      limit,
      offset,
    });
    return rows.map((r) => ({ ...r.state, version: r.version }));
  }

  /** Every event of the programme, in order: who, when, what, why, which document. */
  async history(user: AuthenticatedUser, programmeId: string) {
    await this.organisationFor(user, programmeId);
    return (await this.store.readStream(programmeStream(programmeId))).map(historyEntry);
  }

  /** The programme's write model from the store, or 404 for a missing one or one of another organisation. */
  async loadForUser(user: AuthenticatedUser, programmeId: string): Promise<StartedProgramme> {
    const { state } = await loadAggregate(this.store, programmeStream(programmeId), programmeDecider);
    if (state.status !== 'started' || !canAccessOrganisation(user, state.organisationId)) {
      throw new NotFoundException('Программа наставничества не найдена');
    }
    return state;
  }

  /**
   * The programme's organisation from its creating event (ProgrammeStarted, stored before the start is
   * answered; a programme never stops being started), if the user may reach it; else 404.
   */
  private async organisationFor(user: AuthenticatedUser, programmeId: string): Promise<string> {
    const organisationId = await organisationOfStream(this.db, programmeStream(programmeId));
    if (organisationId === undefined || !canAccessOrganisation(user, organisationId))
      throw new NotFoundException('Программа наставничества не найдена');
    return organisationId;
  }
}
