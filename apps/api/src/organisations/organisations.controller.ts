import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { assertOrganisationAccess } from '../auth/organisation-access';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import { AssignStaffDto, OrganisationSettingsDto, RegisterOrganisationDto, RemoveStaffDto } from './organisation.dto';
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
    // A regional coordinator registers organisations of their own region (and municipality, if scoped to one).
    const coordinatorMayRegister = user.assignments.some(
      (a) =>
        a.role === 'regionalCoordinator' &&
        a.region === body.region &&
        (a.municipality === undefined || a.municipality === body.municipality),
    );
    if (!isAdministrator(user) && !coordinatorMayRegister) {
      throw new ForbiddenException(
        'Муниципальный/региональный координатор регистрирует организации только своего региона или муниципалитета',
      );
    }
    const organisationId = randomUUID();
    const role = isAdministrator(user) ? 'administrator' : 'regionalCoordinator';
    return this.organisations.execute(
      user,
      organisationId,
      { type: 'RegisterOrganisation', data: { organisationId, ...body } },
      role,
    );
  }

  @Get()
  @Roles(
    'administrator',
    'regionalCoordinator',
    'director',
    'curator',
    'commissionHead',
    'methodologist',
    'tutor',
    'psychologist',
    'mentor',
    'mentee',
  )
  @ApiOperation({ summary: 'Организации, доступные пользователю' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() page: PaginationQuery) {
    return this.organisations.list(user, page.limit, page.offset);
  }

  @Scope('organisation')
  @Get(':id')
  @Roles(
    'administrator',
    'regionalCoordinator',
    'director',
    'curator',
    'commissionHead',
    'methodologist',
    'tutor',
    'psychologist',
    'mentor',
    'mentee',
  )
  @ApiOperation({ summary: 'Организация' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.organisations.load(user, id);
  }

  @Scope('organisation')
  @Post(':id/staff')
  @HttpCode(200)
  @Roles('administrator', 'director')
  @ApiOperation({ summary: 'Назначить сотрудника на роль (директор, куратор, …)' })
  async assignStaff(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: AssignStaffDto,
  ) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'AssignStaff', data: body },
      actingRole(user, ['director', 'administrator'], id),
    );
  }

  @Scope('organisation')
  @Post(':id/staff/remove')
  @HttpCode(200)
  @Roles('administrator', 'director')
  @ApiOperation({ summary: 'Освободить сотрудника от роли' })
  async removeStaff(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RemoveStaffDto,
  ) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'RemoveStaff', data: body },
      actingRole(user, ['director', 'administrator'], id),
    );
  }

  @Scope('organisation')
  @Post(':id/settings')
  @HttpCode(200)
  @Roles('administrator', 'director', 'curator')
  @ApiOperation({ summary: 'Изменить настройки организации (число наставляемых у одного наставника)' })
  async changeSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: OrganisationSettingsDto,
  ) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'ChangeOrganisationSettings', data: { settings: { mentorCapacity: body.mentorCapacity } } },
      actingRole(user, ['director', 'curator', 'administrator'], id),
    );
  }
}
