import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { searchTerm } from '../common/text-search';
import { DataSource } from 'typeorm';
import { organisationDecider, organisationStream, type OrganisationState } from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import type { AuthenticatedUser, RoleAssignment } from '../auth/auth.types';
import type { FieldError } from '../common/validation';
import type { CreateUserDto, RoleAssignmentDto, UpdateUserDto, UserStatusDto } from './user.dto';
import {
  AssignmentExistsError,
  AssignmentMissingError,
  UserDirectory,
  UserExistsError,
  type AccessActor,
  type DirectoryUser,
} from './user-directory';

const badRequest = (errors: FieldError[]) => new BadRequestException({ detail: 'Запрос содержит ошибки', errors });

/** Users administration and the caller's own profile; the storage and its audit events are UserDirectory's. */
@Injectable()
export class UsersService {
  readonly directory: UserDirectory;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
  ) {
    this.directory = new UserDirectory(db);
  }

  list(limit: number, offset: number, q?: string) {
    return this.directory.list(limit, offset, searchTerm(q));
  }

  async get(userId: string): Promise<DirectoryUser> {
    const user = await this.directory.findById(userId);
    if (!user) throw new NotFoundException('Пользователь не найден');
    return user;
  }

  async create(body: CreateUserDto, admin: AuthenticatedUser): Promise<DirectoryUser> {
    try {
      return await this.directory.register(
        { sub: body.sub.trim(), fullName: body.fullName.trim(), ...(body.email ? { email: body.email } : {}) },
        actor(admin),
      );
    } catch (error) {
      if (error instanceof UserExistsError) throw new ConflictException('Пользователь с таким sub уже зарегистрирован');
      throw error;
    }
  }

  /** Corrects a user in place (a typo is fixed, never by a second account); another user's subject is a 409. */
  async update(userId: string, body: UpdateUserDto, admin: AuthenticatedUser): Promise<DirectoryUser> {
    await this.get(userId);
    try {
      const email = body.email === undefined ? undefined : body.email.trim() || null;
      return (await this.directory.update(
        userId,
        {
          ...(body.sub === undefined ? {} : { sub: body.sub.trim() }),
          ...(body.fullName === undefined ? {} : { fullName: body.fullName.trim() }),
          ...(email === undefined ? {} : { email }),
        },
        actor(admin),
      )) as DirectoryUser;
    } catch (error) {
      if (error instanceof UserExistsError) throw new ConflictException('Пользователь с таким sub уже зарегистрирован');
      throw error;
    }
  }

  async grant(userId: string, body: RoleAssignmentDto, admin: AuthenticatedUser) {
    await this.get(userId);
    const assignment = await this.validAssignment(body);
    try {
      return await this.directory.grant(userId, assignment, actor(admin));
    } catch (error) {
      if (error instanceof AssignmentExistsError)
        throw new ConflictException('Эта роль с этой областью действия уже назначена');
      throw error;
    }
  }

  async revoke(userId: string, body: RoleAssignmentDto, admin: AuthenticatedUser) {
    await this.get(userId);
    const assignment = await this.validAssignment(body, { organisationMustExist: false });
    try {
      return await this.directory.revoke(userId, assignment, actor(admin));
    } catch (error) {
      if (error instanceof AssignmentMissingError) throw new NotFoundException('Такая роль пользователю не назначена');
      throw error;
    }
  }

  /** Blocks or unblocks a user; an administrator cannot block themselves (nobody might be left to unblock). */
  async setDisabled(
    userId: string,
    disabled: boolean,
    body: UserStatusDto,
    admin: AuthenticatedUser,
  ): Promise<DirectoryUser> {
    const user = await this.get(userId);
    if (disabled && user.sub === admin.sub) throw new ConflictException('Нельзя заблокировать самого себя');
    return (await this.directory.setDisabled(userId, disabled, actor(admin), body.reason?.trim() || undefined)) ?? user;
  }

  /** The caller, with the names of the organisations their roles are in. */
  async me(user: AuthenticatedUser) {
    const organisationIds = user.assignments.flatMap((a) => (a.organisationId ? [a.organisationId] : []));
    const names = new Map(
      (
        await this.db.query<{ organisation_id: string; name: string }[]>(
          'SELECT organisation_id, name FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
          [organisationIds],
        )
      ).map((r) => [r.organisation_id, r.name]),
    );
    return {
      sub: user.sub,
      userId: user.userId,
      fullName: user.fullName,
      assignments: user.assignments.map((a) => ({
        ...a,
        ...(a.organisationId && names.has(a.organisationId) ? { organisationName: names.get(a.organisationId) } : {}),
      })),
    };
  }

  /** Scope rules of a grant, answered as field errors; a grant to a missing organisation is refused too. */
  private async validAssignment(
    body: RoleAssignmentDto,
    { organisationMustExist = true } = {},
  ): Promise<RoleAssignment> {
    const { role, organisationId, region, municipality } = body;
    const errors: FieldError[] = [];
    const forbid = (field: keyof RoleAssignmentDto, value: unknown, message: string) => {
      if (value !== undefined) errors.push({ field, constraint: 'roleScope', message });
    };
    if (role === 'administrator') {
      forbid('organisationId', organisationId, 'Администратор назначается на всю систему, без организации');
      forbid('region', region, 'Администратор назначается на всю систему, без региона');
      forbid('municipality', municipality, 'Администратор назначается на всю систему, без муниципалитета');
    } else if (role === 'regionalCoordinator') {
      if (region === undefined)
        errors.push({
          field: 'region',
          constraint: 'roleScope',
          message: 'Для муниципального/регионального координатора укажите регион',
        });
      forbid(
        'organisationId',
        organisationId,
        'Муниципальный/региональный координатор назначается на регион (муниципалитет), а не на организацию',
      );
    } else {
      if (organisationId === undefined) {
        errors.push({ field: 'organisationId', constraint: 'roleScope', message: 'Для этой роли укажите организацию' });
      } else if (organisationMustExist && !(await this.organisationExists(organisationId))) {
        errors.push({
          field: 'organisationId',
          constraint: 'organisationExists',
          message: 'Организация не зарегистрирована',
        });
      }
      forbid('region', region, 'Роль в организации назначается без региона');
      forbid('municipality', municipality, 'Роль в организации назначается без муниципалитета');
    }
    if (errors.length > 0) throw badRequest(errors);
    return {
      role,
      ...(organisationId ? { organisationId } : {}),
      ...(region ? { region: region.trim() } : {}),
      ...(municipality ? { municipality: municipality.trim() } : {}),
    };
  }

  private async organisationExists(organisationId: string): Promise<boolean> {
    // The write model, not the projection: an organisation registered a moment ago counts.
    const { state } = await loadAggregate<OrganisationState, never>(
      this.store,
      organisationStream(organisationId),
      organisationDecider,
    );
    return state.status === 'registered';
  }
}

const actor = (admin: AuthenticatedUser): AccessActor => ({ actorId: admin.sub, role: 'administrator' });
