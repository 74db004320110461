import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  maxMentorCapacity,
  organisationKinds,
  staffRoles,
  type OrganisationKind,
  type StaffRole,
} from '@mentorflow/domain';

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

export class RemoveStaffDto {
  @ApiProperty({ format: 'uuid', description: 'The person (user) id, as in their token `sub`' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: staffRoles, example: 'curator' })
  @IsIn(staffRoles)
  role!: StaffRole;
}

export class OrganisationSettingsDto {
  @ApiProperty({
    example: 2,
    minimum: 1,
    maximum: maxMentorCapacity,
    description: 'How many mentees one mentor may have at once (002 §4.3: two; group mentoring may need more)',
  })
  @IsInt()
  @Min(1)
  @Max(maxMentorCapacity)
  mentorCapacity!: number;
}
