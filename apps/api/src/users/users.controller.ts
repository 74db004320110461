import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Unscoped } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import { CreateUserDto, RoleAssignmentDto, UserStatusDto } from './user.dto';
import { UsersService } from './users.service';

/** Users and their roles per organisation: administrators only. Every grant and revocation is an audited event. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('administrator')
  @ApiOperation({ summary: 'Пользователи и их роли' })
  list(@Query() page: PaginationQuery) {
    return this.users.list(page.limit, page.offset);
  }

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: 'Зарегистрировать пользователя (sub — идентификатор у провайдера входа)' })
  create(@CurrentUser() admin: AuthenticatedUser, @Body() body: CreateUserDto) {
    return this.users.create(body, admin);
  }

  @Unscoped()
  @Get(':id')
  @Roles('administrator')
  @ApiOperation({ summary: 'Пользователь и его роли' })
  get(@Param('id', UuidParam()) id: string) {
    return this.users.get(id);
  }

  @Unscoped()
  @Post(':id/roles')
  @Roles('administrator')
  @ApiOperation({
    summary: 'Назначить роль: в организации, в регионе (координатор) или на всю систему (администратор)',
  })
  grant(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RoleAssignmentDto,
  ) {
    return this.users.grant(id, body, admin);
  }

  @Unscoped()
  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Заблокировать пользователя: его токены перестают действовать со следующего запроса' })
  deactivate(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: UserStatusDto,
  ) {
    return this.users.setDisabled(id, true, body, admin);
  }

  @Unscoped()
  @Post(':id/activate')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Разблокировать пользователя' })
  activate(@CurrentUser() admin: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: UserStatusDto) {
    return this.users.setDisabled(id, false, body, admin);
  }

  @Unscoped()
  @Delete(':id/roles')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Снять роль: тело — та же роль и область действия, что при назначении' })
  revoke(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RoleAssignmentDto,
  ) {
    return this.users.revoke(id, body, admin);
  }
}
