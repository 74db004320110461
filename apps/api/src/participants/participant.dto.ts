import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  candidateDecisions,
  menteeCategories,
  participantRoles,
  reviewBodies,
  type CandidateDecision,
  type MenteeCategory,
  type ParticipantRole,
  type ReviewBody,
} from '@mentorflow/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

export class WithdrawParticipantDto {
  @ApiProperty({ example: 'Увольнение по собственному желанию' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class CandidateDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The candidate (participant id)' })
  @IsUUID()
  participantId!: string;

  @ApiProperty({ enum: candidateDecisions, example: 'approved' })
  @IsIn(candidateDecisions)
  decision!: CandidateDecision;

  @ApiPropertyOptional({ example: 'Нет опыта работы в основной школе', description: 'Required for a rejection' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** A meeting of the methodical commission (or pedagogical council) reviewing candidates (002 §4.4, §8.3). */
export class RecordCommissionMeetingDto {
  @ApiProperty({ enum: reviewBodies, example: 'methodicalCommission' })
  @IsIn(reviewBodies)
  body!: ReviewBody;

  @ApiProperty({ example: '2026-05-11', description: 'The day the meeting was held' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ example: '3', description: 'Номер протокола' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  minutesNumber!: string;

  @ApiProperty({ type: [String], example: ['Иванова М. П.', 'Петров И. С.'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  membersPresent!: string[];

  @ApiProperty({ type: [CandidateDecisionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CandidateDecisionDto)
  decisions!: CandidateDecisionDto[];
}
