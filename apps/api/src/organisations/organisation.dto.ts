import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { organisationKinds, staffRoles, type OrganisationKind, type StaffRole } from '@mentorflow/domain';

export class RegisterOrganisationDto {
  @ApiProperty({ example: 'МБОУ «Средняя общеобразовательная школа № 5»' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: organisationKinds, example: 'school' })
  @IsIn(organisationKinds)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'Городской округ Тольятти' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  municipality!: string;

  @ApiProperty({ example: 'Самарская область' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  region!: string;

  @ApiProperty({ example: 'Europe/Samara', description: 'IANA time zone: deadlines end at local midnight' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  timeZone!: string;
}

export class AssignStaffDto {
  @ApiProperty({ format: 'uuid', description: 'The person (user) id, as in their token `sub`' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: staffRoles, example: 'curator' })
  @IsIn(staffRoles)
  role!: StaffRole;

  @ApiPropertyOptional({ example: 'Иванова Мария Петровна' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  fullName?: string;
}
