import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { participantDecider, participantStream, type ParticipantState, type Role } from '@mentorflow/domain';
import { EventStore, handleCommand } from '@mentorflow/event-store';
import { actingRole } from '../auth/acting-role';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import { ProgrammesService } from '../programmes/programmes.service';
import { RegisterParticipantDto } from './participant.dto';

const selectors: Role[] = ['curator', 'commissionHead', 'director', 'administrator'];

/** Selection of mentors and mentees for a programme (the base of mentors and mentees the curator keeps). */
@ApiTags('participants')
@ApiBearerAuth()
@Scope('programme')
@Controller('programmes/:id/participants')
export class ParticipantsController {
  constructor(
    private readonly store: EventStore,
    private readonly programmes: ProgrammesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post()
  @Roles(...selectors)
  @ApiOperation({ summary: 'Отобрать наставника или наставляемого в программу' })
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Body() body: RegisterParticipantDto,
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const participantId = randomUUID();
    const role = actingRole(user, selectors, programme.organisationId);
    const { state } = await handleCommand(
      this.store,
      participantStream(participantId),
      participantDecider,
      {
        type: 'RegisterParticipant',
        data: { ...body, participantId, programmeId, organisationId: programme.organisationId },
        metadata: { actorId: user.sub, role, now: new Date().toISOString() },
      },
      { actorId: user.sub, role, organisationId: programme.organisationId },
    );
    return state;
  }

  @Get()
  @Roles(...selectors)
  @ApiOperation({ summary: 'Наставники и наставляемые программы' })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Query() page: PaginationQuery,
  ) {
    await this.programmes.loadForUser(user, programmeId);
    const rows = await this.db.query<{ state: ParticipantState }[]>(
      'SELECT state FROM participants_view WHERE programme_id = $1 ORDER BY role, updated_at LIMIT $2 OFFSET $3',
      [programmeId, page.limit, page.offset],
    );
    return rows.map((r) => r.state);
  }
}
