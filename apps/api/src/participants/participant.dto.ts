import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { menteeCategories, participantRoles, type MenteeCategory, type ParticipantRole } from '@mentorflow/domain';

export class RegisterParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The person (user id, the token `sub`)' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: participantRoles, example: 'mentor' })
  @IsIn(participantRoles)
  role!: ParticipantRole;

  @ApiProperty({ example: 'Учитель математики' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  position!: string;

  @ApiPropertyOptional({ example: 'Математика' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiProperty({ example: 12, description: 'Total teaching experience, years' })
  @IsInt()
  @Min(0)
  @Max(70)
  teachingExperienceYears!: number;

  @ApiProperty({ example: 8, description: 'Experience in the subject, years' })
  @IsInt()
  @Min(0)
  @Max(70)
  subjectExperienceYears!: number;

  @ApiPropertyOptional({ enum: menteeCategories, example: 'newSpecialist' })
  @IsOptional()
  @IsIn(menteeCategories)
  menteeCategory?: MenteeCategory;

  @ApiPropertyOptional({ example: 'ГБПОУ «Тольяттинский социально-педагогический колледж»' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  partnerOrganisation?: string;
}
