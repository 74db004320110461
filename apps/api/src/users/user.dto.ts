import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { roles, type Role } from '@mentorflow/domain';

export class CreateUserDto {
  @ApiProperty({
    description: 'The subject (`sub`) of the user’s tokens: the OIDC provider’s user id',
    example: 'f3b1c2d4-0000-4000-8000-000000000001',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sub!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  fullName!: string;

  @ApiPropertyOptional({ example: 'ivanova@school5.ru' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

/**
 * A role and its scope: organisation roles need `organisationId`, a regional coordinator `region`
 * (and optionally `municipality`), an administrator nothing.
 */
export class RoleAssignmentDto {
  @ApiProperty({ enum: roles, example: 'curator' })
  @IsIn(roles)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'Самарская область' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  region?: string;

  @ApiPropertyOptional({ example: 'Городской округ Тольятти' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  municipality?: string;
}

/** Blocking or unblocking a user: the reason goes into the audit event. */
export class UserStatusDto {
  @ApiPropertyOptional({ example: 'Уволена приказом № 12-к от 01.10.2026' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DevTokenDto {
  @ApiProperty({ description: 'Subject of an existing user' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sub!: string;
}
