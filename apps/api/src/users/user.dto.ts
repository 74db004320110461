import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, Matches, MaxLength } from 'class-validator';
import { roles, type Role } from '@mentorflow/domain';
import { EnumField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

/** A sign-in subject is the provider's id as it stands in the token: no spaces (a pasted one often brings some). */
const SUBJECT = /^\S+$/;
const subjectCheck = Matches(SUBJECT, { context: { message: 'Идентификатор входа не должен содержать пробелов' } });

export class CreateUserDto {
  @TextField(
    {
      max: 200,
      description: 'The subject (`sub`) of the user’s tokens: the OIDC provider’s user id',
      example: 'f3b1c2d4-0000-4000-8000-000000000001',
    },
    subjectCheck,
  )
  sub!: string;

  @TextField({ max: 300, example: 'Иванова Мария Петровна' })
  fullName!: string;

  @ApiPropertyOptional({ example: 'ivanova@school5.ru' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

/** Corrects a user (a typo in the name, the sign-in subject, the e-mail): only the fields sent change. */
export class UpdateUserDto {
  @TextField(
    {
      max: 200,
      optional: true,
      notEmpty: true,
      description: 'The subject (`sub`) of the user’s tokens: the OIDC provider’s user id',
    },
    subjectCheck,
  )
  sub?: string;

  @TextField({ max: 300, optional: true, notEmpty: true, example: 'Иванова Мария Петровна' })
  fullName?: string;

  @ApiPropertyOptional({ example: 'ivanova@school5.ru', description: 'An empty string removes the address' })
  @IsOptional()
  @Matches(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, { context: { message: 'Должен быть адрес электронной почты' } })
  @MaxLength(320)
  email?: string;
}

/**
 * A role and its scope: organisation roles need `organisationId`, a regional coordinator `region`
 * (and optionally `municipality`), an administrator nothing.
 */
export class RoleAssignmentDto {
  @EnumField(roles, { example: 'curator' })
  role!: Role;

  @UuidField({ optional: true })
  organisationId?: string;

  @TextField({ max: 200, optional: true, notEmpty: true, example: 'Самарская область' })
  region?: string;

  @TextField({ max: 200, optional: true, notEmpty: true, example: 'Городской округ Тольятти' })
  municipality?: string;
}

/** Blocking or unblocking a user: the reason goes into the audit event. */
export class UserStatusDto {
  @TextField({ max: 500, optional: true, example: 'Уволена приказом № 12-к от 01.10.2026' })
  reason?: string;
}

export class DevTokenDto {
  @TextField({ max: 200, description: 'Subject of an existing user' })
  sub!: string;
}

export class UserListQuery extends PaginationQuery {
  @TextField({
    max: 100,
    optional: true,
    description: 'Part of the name, the sign-in subject or the e-mail (case and ё do not matter)',
    example: 'Смирнова',
  })
  q?: string;
}
