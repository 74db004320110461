import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
import { DateField, EnumField, IntField, NestedListField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

/** A programme's participants, a page at a time; with `role`, only its mentors or only its mentees. */
export class ParticipantListQuery extends PaginationQuery {
  @EnumField(participantRoles, { optional: true, description: 'Only mentors or only mentees' })
  role?: ParticipantRole;
}

export class RegisterParticipantDto {
  @UuidField({ description: 'The person (user id, the token `sub`)' })
  personId!: string;

  @EnumField(participantRoles, { example: 'mentor' })
  role!: ParticipantRole;

  @TextField({ max: 200, example: 'Учитель математики' })
  position!: string;

  @TextField({ max: 200, optional: true, example: 'Математика' })
  subject?: string;

  @IntField({ min: 0, max: 70, example: 12, description: 'Total teaching experience, years' })
  teachingExperienceYears!: number;

  @IntField({ min: 0, max: 70, example: 8, description: 'Experience in the subject, years' })
  subjectExperienceYears!: number;

  @EnumField(menteeCategories, { optional: true, example: 'newSpecialist' })
  menteeCategory?: MenteeCategory;

  @TextField({ max: 300, optional: true, example: 'ГБПОУ «Тольяттинский социально-педагогический колледж»' })
  partnerOrganisation?: string;
}

export class WithdrawParticipantDto {
  @TextField({ max: 1000, example: 'Увольнение по собственному желанию' })
  reason!: string;
}

export class CandidateDecisionDto {
  @UuidField({ description: 'The candidate (participant id)' })
  participantId!: string;

  @EnumField(candidateDecisions, { example: 'approved' })
  decision!: CandidateDecision;

  @TextField({
    max: 1000,
    optional: true,
    example: 'Нет опыта работы в основной школе',
    description: 'Required for a rejection',
  })
  reason?: string;
}

/** A meeting of the methodical commission (or pedagogical council) reviewing candidates (002 §4.4, §8.3). */
export class RecordCommissionMeetingDto {
  @EnumField(reviewBodies, { example: 'methodicalCommission' })
  body!: ReviewBody;

  @DateField({ example: '2026-05-11', description: 'The day the meeting was held' })
  date!: string;

  @TextField({ max: 50, example: '3', description: 'Номер протокола' })
  minutesNumber!: string;

  @ApiProperty({ type: [String], example: ['Иванова М. П.', 'Петров И. С.'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  membersPresent!: string[];

  @NestedListField(CandidateDecisionDto, { minItems: 1, maxItems: 100 })
  decisions!: CandidateDecisionDto[];
}
