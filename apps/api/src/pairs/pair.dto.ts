import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  mentorReplacementReasons,
  pairForms,
  pairKinds,
  pairStatuses,
  type MentorReplacementReason,
  type PairForm,
  type PairKind,
} from '@mentorflow/domain';
import { PaginationQuery } from '../common/pagination.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class OrderDto {
  @ApiProperty({ example: '112-к' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  number!: string;

  @ApiProperty({ example: '2026-09-01' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ example: 'Директор Петров П. П.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signedBy!: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ example: '2026-08-28', description: 'Date of the written consent' })
  @Matches(ISO_DATE)
  date!: string;
}

export class TermDto {
  @ApiProperty({ example: '2026-09-01' })
  @Matches(ISO_DATE)
  start!: string;

  @ApiProperty({ example: '2027-08-31' })
  @Matches(ISO_DATE)
  end!: string;
}

export class FormPairDto {
  @ApiProperty({ enum: pairForms, example: 'teacherTeacher' })
  @IsIn(pairForms)
  form!: PairForm;

  @ApiPropertyOptional({ enum: pairKinds, example: 'traditional', description: 'One kind; required unless `kinds`' })
  @ValidateIf((dto: FormPairDto) => dto.kinds === undefined || dto.kind !== undefined)
  @IsIn(pairKinds)
  kind?: PairKind;

  @ApiPropertyOptional({
    enum: pairKinds,
    isArray: true,
    example: ['group', 'virtual'],
    description: 'Several kinds combined (002 §9.1.3: «как в одном виде, так и в комплексе»)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(pairKinds.length)
  @IsIn(pairKinds, { each: true })
  kinds?: PairKind[];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mentorId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsUUID(undefined, { each: true })
  menteeIds!: string[];

  @ApiProperty({ type: [ConsentDto] })
  @IsArray()
  @ArrayMaxSize(31)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConsentDto)
  consents!: ConsentDto[];

  @ApiProperty({ type: OrderDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => OrderDto)
  order!: OrderDto;

  @ApiProperty({ type: TermDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TermDto)
  term!: TermDto;

  @ApiPropertyOptional({ example: 'Краткосрочная адаптация на период замещения' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  shortTermReason?: string;
}

export class ActivityDto {
  @ApiProperty({ example: 'Посещение уроков наставника' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: '2026-10-15' })
  @Matches(ISO_DATE)
  plannedDate!: string;
}

export class ControllerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: ['commissionHead', 'curator'] })
  @IsIn(['commissionHead', 'curator'])
  role!: 'commissionHead' | 'curator';
}

export class PersonalProgrammeDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeDocId?: string;

  @ApiProperty({ example: '2026-09-01' })
  @Matches(ISO_DATE)
  start!: string;

  @ApiProperty({ example: '2027-05-31', description: '3 months to 1 year after the start' })
  @Matches(ISO_DATE)
  end!: string;

  @ApiProperty({ type: [String], example: ['Методическая поддержка', 'Адаптация в коллективе'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  directions!: string[];

  @ApiProperty({ type: [ActivityDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities!: ActivityDto[];

  @ApiProperty({ type: [String], example: ['Затруднения в организации дисциплины на уроке'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  difficulties!: string[];

  @ApiProperty({ type: ControllerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ControllerDto)
  controller!: ControllerDto;
}

export class EntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  entryId!: string;

  @ApiProperty({ example: '2026-10-01' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ example: 'Провели совместный разбор урока' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text!: string;
}

export class InterimControlDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  taskId!: string;

  @ApiProperty({ enum: ['passed', 'needsCorrection'] })
  @IsIn(['passed', 'needsCorrection'])
  outcome!: 'passed' | 'needsCorrection';

  @ApiProperty({ example: 'План выполняется' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  comment!: string;

  @ApiPropertyOptional({
    example: '2027-02-15',
    description: "With 'needsCorrection': the date of the repeat control (default: a month after today)",
  })
  @IsOptional()
  @Matches(ISO_DATE)
  repeatControlDate?: string;
}

/** A new version of the personalised programme, proposed by the mentor with the reason (002 §2). */
export class ProgrammeCorrectionDto {
  @ApiProperty({ example: 'По итогам промежуточного контроля: перенос открытого урока' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;

  @ApiProperty({ example: '2026-09-01' })
  @Matches(ISO_DATE)
  start!: string;

  @ApiProperty({ example: '2027-06-30' })
  @Matches(ISO_DATE)
  end!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  directions!: string[];

  @ApiProperty({ type: [ActivityDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities!: ActivityDto[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  difficulties!: string[];
}

export class ProgrammeCorrectionDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The proposed correction (pendingCorrection.correctionId)' })
  @IsUUID()
  correctionId!: string;

  @ApiProperty({ enum: ['approved', 'returned'] })
  @IsIn(['approved', 'returned'])
  decision!: 'approved' | 'returned';

  @ApiPropertyOptional({ description: 'Required when the correction is returned' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

/** The mentor's dated assignment to a mentee (002 §6.1.6). */
export class MenteeAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  menteeId!: string;

  @ApiProperty({ example: 'Подготовить технологическую карту урока' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: '2026-10-20', description: 'The deadline (not before today, within the programme)' })
  @Matches(ISO_DATE)
  dueDate!: string;

  @ApiPropertyOptional({ description: 'The activity of the personalised programme it serves (0-based index)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(199)
  activityIndex?: number;
}

/** The mentor's or a mentee's written notice of ending the mentoring early (Labour Code art. 351.8). */
export class TerminationNoticeDto {
  @ApiProperty({ example: '2026-11-02', description: 'Date of the written notice (not in the future)' })
  @Matches(ISO_DATE)
  noticeDate!: string;
}

export class MentorReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  taskId!: string;

  @ApiProperty({ example: 'Молодой специалист успешно адаптировался' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  conclusion!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  proposals?: string;
}

export class FinalControlDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  taskId!: string;

  @ApiProperty({ enum: ['passed', 'notPassed'] })
  @IsIn(['passed', 'notPassed'])
  outcome!: 'passed' | 'notPassed';

  @ApiProperty({ example: 'Адаптация пройдена успешно' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  mentorConclusion!: string;

  @ApiPropertyOptional({ description: '«Предложения по дальнейшей работе» (002 §6.1.10)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  proposals?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class ReplaceMentorDto {
  @ApiProperty({ enum: mentorReplacementReasons, example: 'dismissal' })
  @IsIn(mentorReplacementReasons)
  reason!: MentorReplacementReason;

  @ApiProperty({ type: OrderDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => OrderDto)
  order!: OrderDto;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  newMentorId!: string;

  @ApiProperty({ type: ConsentDto, description: "The new mentor's written consent" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  newMentorConsent!: ConsentDto;

  @ApiPropertyOptional({
    type: [ConsentDto],
    description: "Each mentee's written consent to the new mentor (002 §4.5); a missing one is named in the refusal",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConsentDto)
  menteeConsents?: ConsentDto[];
}

export class TerminatePairDto {
  @ApiProperty({ example: 'Увольнение наставляемого' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiProperty({ type: OrderDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => OrderDto)
  order!: OrderDto;
}

export class PairListQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: pairStatuses })
  @IsOptional()
  @IsIn(pairStatuses)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mentorId?: string;

  @ApiPropertyOptional({ enum: pairForms })
  @IsOptional()
  @IsIn(pairForms)
  form?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
