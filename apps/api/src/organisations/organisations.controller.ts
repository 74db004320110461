import { Body, ForbiddenException, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Role } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { assertOrganisationAccess, rolesIn } from '../auth/organisation-access';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { PaginationQuery } from '../common/pagination.dto';
import { PeopleQuery } from '../people/person.dto';
import { seesStaffNames } from '../people/people.roles';
import {
  AssignStaffDto,
  OrganisationListQuery,
  OrganisationSettingsDto,
  RegionalSpecialistDto,
  RegisterOrganisationDto,
  RemoveStaffDto,
} from './organisation.dto';
import { OrganisationsService } from './organisations.service';

/** Everyone signed in to an organisation, and the administrator and regional coordinator above them. */
const readers: Role[] = [
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
  'teacher',
];

/** Who assigns a regional organisation's tutor or methodologist to serve a school: the school or its region. */
const specialistAssigners: Role[] = ['director', 'curator', 'regionalCoordinator', 'administrator'];

/** The role the caller may assign specialists in: one they hold in this organisation or (coordinator) its region. */
const assigningRoleOf = (user: AuthenticatedUser, organisationId: string): Role | undefined => {
  if (isAdministrator(user)) return 'administrator';
  const held = rolesIn(user, organisationId);
  return specialistAssigners.find((r) => held.includes(r));
};

/** The role the caller assigns in (`assigningRoleOf`); 403 otherwise. */
const assigningRole = (user: AuthenticatedUser, organisationId: string): Role => {
  const role = assigningRoleOf(user, organisationId);
  if (role === undefined)
    throw new ForbiddenException('В этой организации у вас нет роли, которой разрешено это действие');
  return role;
};

@ApiController('organisations', 'organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Create('', ['administrator', 'regionalCoordinator'], 'Зарегистрировать образовательную организацию')
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

  @Read('', readers, 'Организации, доступные пользователю; q — поиск по названию, муниципалитету или региону')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: OrganisationListQuery) {
    return this.organisations.list(user, query.limit, query.offset, query.q);
  }

  @Read(':id', readers, 'Организация', 'organisation')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.organisations.read(user, id);
  }

  @Command(
    ':id/staff',
    ['administrator', 'director'],
    'Назначить сотрудника на роль (директор, куратор, …)',
    'organisation',
  )
  async assignStaff(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: AssignStaffDto) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'AssignStaff', data: body },
      actingRole(user, ['director', 'administrator'], id),
    );
  }

  @Command(':id/staff/remove', ['administrator', 'director'], 'Освободить сотрудника от роли', 'organisation')
  async removeStaff(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: RemoveStaffDto) {
    assertOrganisationAccess(user, id, 'Организация');
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'RemoveStaff', data: body },
      actingRole(user, ['director', 'administrator'], id),
    );
  }

  @Command(
    ':id/settings',
    ['administrator', 'director', 'curator'],
    'Изменить настройки организации (число наставляемых у одного наставника)',
    'organisation',
  )
  async changeSettings(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
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

  @Read(
    ':id/regional-specialists',
    readers,
    'Тьюторы и методисты региональных организаций (ЦНППМ, ИРО, методический центр), закреплённые за организацией',
    'organisation',
  )
  regionalSpecialists(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Query() page: PaginationQuery) {
    // Named to those who see the school's staff by name and to those who assign (they chose them by name among
    // the candidates); the others (a mentee) read ids.
    const named = seesStaffNames(user, id) || assigningRoleOf(user, id) !== undefined;
    return this.organisations.regionalSpecialists(user, id, page, named);
  }

  @Read(
    ':id/regional-specialists/candidates',
    specialistAssigners,
    'Тьюторы и методисты региональных организаций региона, которых можно закрепить за организацией: поиск по началу ФИО',
    'organisation',
  )
  async regionalSpecialistCandidates(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: PeopleQuery,
  ) {
    const organisation = await this.organisations.load(user, id);
    // Only those who may assign see who could be assigned (the candidates' names are personal data).
    assigningRole(user, id);
    return this.organisations.regionalSpecialistCandidates(organisation, query.q, query);
  }

  @Command(
    ':id/regional-specialists',
    specialistAssigners,
    'Закрепить за организацией тьютора или методиста региональной организации (ЦНППМ, ИРО, методический центр)',
    'organisation',
  )
  async assignRegionalSpecialist(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RegionalSpecialistDto,
  ) {
    await this.organisations.load(user, id);
    const role = assigningRole(user, id);
    const regional = await this.organisations.registered(body.regionalOrganisationId);
    return this.organisations.execute(
      user,
      id,
      {
        type: 'AssignRegionalSpecialist',
        data: {
          ...body,
          ...(regional === undefined
            ? {}
            : {
                regionalOrganisation: {
                  organisationId: regional.organisationId,
                  kind: regional.kind,
                  region: regional.region,
                },
              }),
          holdsRoleThere: await this.organisations.holdsRole(body.personId, body.role, body.regionalOrganisationId),
        },
      },
      role,
    );
  }

  @Command(
    ':id/regional-specialists/remove',
    specialistAssigners,
    'Открепить от организации тьютора или методиста региональной организации',
    'organisation',
  )
  async releaseRegionalSpecialist(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RegionalSpecialistDto,
  ) {
    await this.organisations.load(user, id);
    return this.organisations.execute(
      user,
      id,
      { type: 'ReleaseRegionalSpecialist', data: { ...body } },
      assigningRole(user, id),
    );
  }
}
