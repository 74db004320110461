import { Body, Delete, HttpCode, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, Roles, Unscoped } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { CreateUserDto, RoleAssignmentDto, UpdateUserDto, UserListQuery, UserStatusDto } from './user.dto';
import { UsersService } from './users.service';

/** Users and their roles per organisation: administrators only. Every grant and revocation is an audited event. */
@ApiController('users', 'users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Read('', ['administrator'], 'Пользователи и их роли (поиск по ФИО, sub или e-mail: q)')
  list(@Query() query: UserListQuery) {
    return this.users.list(query.limit, query.offset, query.q);
  }

  @Create('', ['administrator'], 'Зарегистрировать пользователя (sub — идентификатор у провайдера входа)')
  create(@CurrentUser() admin: AuthenticatedUser, @Body() body: CreateUserDto) {
    return this.users.create(body, admin);
  }

  @Read(':id', ['administrator'], 'Пользователь и его роли', 'unscoped')
  get(@IdParam() id: string) {
    return this.users.get(id);
  }

  @Command(
    ':id/details',
    ['administrator'],
    'Исправить пользователя (ФИО, идентификатор входа sub, e-mail): тот же пользователь с его ролями и историей',
    'unscoped',
  )
  update(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: UpdateUserDto) {
    return this.users.update(id, body, admin);
  }

  @Create(
    ':id/roles',
    ['administrator'],
    'Назначить роль: в организации, в регионе (координатор) или на всю систему (администратор)',
    'unscoped',
  )
  grant(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: RoleAssignmentDto) {
    return this.users.grant(id, body, admin);
  }

  @Command(
    ':id/deactivate',
    ['administrator'],
    'Заблокировать пользователя: его токены перестают действовать со следующего запроса',
    'unscoped',
  )
  deactivate(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: UserStatusDto) {
    return this.users.setDisabled(id, true, body, admin);
  }

  @Command(':id/activate', ['administrator'], 'Разблокировать пользователя', 'unscoped')
  activate(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: UserStatusDto) {
    return this.users.setDisabled(id, false, body, admin);
  }

  @Unscoped()
  @Delete(':id/roles')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Снять роль: тело — та же роль и область действия, что при назначении' })
  revoke(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: RoleAssignmentDto) {
    return this.users.revoke(id, body, admin);
  }
}
