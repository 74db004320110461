import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { assertOrganisationAccess } from '../auth/organisation-access';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import { AssignStaffDto, RegisterOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('administrator', 'regionalCoordinator')
  @ApiOperation({ summary: 'Зарегистрировать образовательную организацию' })
  async register(@CurrentUser() user: AuthenticatedUser, @Body() body: RegisterOrganisationDto) {
    const organisationId = randomUUID();
    return this.organisations.execute(user, organisationId, { type: 'RegisterOrganisation', data: { organisationId, ...body } });
  }

  @Get()
  @Roles('administrator', 'regionalCoordinator', 'director', 'curator', 'commissionHead', 'methodologist', 'tutor', 'psychologist', 'mentor', 'mentee')
  @ApiOperation({ summary: 'Организации, доступные пользователю' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() page: PaginationQuery) {
    return this.organisations.list(user, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('administrator', 'regionalCoordinator', 'director', 'curator', 'commissionHead', 'methodologist', 'tutor', 'psychologist', 'mentor', 'mentee')
  @ApiOperation({ summary: 'Организация' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.organisations.load(user, id);
  }

  @Post(':id/staff')
  @HttpCode(200)
  @Roles('administrator', 'director')
  @ApiOperation({ summary: 'Назначить сотрудника на роль (директор, куратор, …)' })
  async assignStaff(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: AssignStaffDto) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(user, id, { type: 'AssignStaff', data: body });
  }
}
