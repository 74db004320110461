import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsFileRef } from '../common/file-ref.validator';
import {
  mentorReplacementReasons,
  pairForms,
  pairKinds,
  pairStatuses,
  type MentorReplacementReason,
  type PairForm,
  type PairKind,
} from '@mentorflow/domain';
import {
  DateField,
  EnumField,
  IntField,
  NestedField,
  NestedListField,
  TextField,
  TextListField,
  UuidField,
} from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export class OrderDto {
  @TextField({ max: 50, example: '112-к' })
  number!: string;

  @DateField({ example: '2026-09-01' })
  date!: string;

  @TextField({ max: 200, example: 'Директор Петров П. П.' })
  signedBy!: string;
}

export class ConsentDto {
  @UuidField()
  personId!: string;

  @DateField({ example: '2026-08-28', description: 'Date of the written consent' })
  date!: string;
}

export class TermDto {
  @DateField({ example: '2026-09-01' })
  start!: string;

  @DateField({ example: '2027-08-31' })
  end!: string;
}

export class FormPairDto {
  @EnumField(pairForms, { example: 'teacherTeacher' })
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

  @UuidField()
  mentorId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsUUID(undefined, { each: true })
  menteeIds!: string[];

  @NestedListField(ConsentDto, { maxItems: 31 })
  consents!: ConsentDto[];

  @NestedField(OrderDto)
  order!: OrderDto;

  @NestedField(TermDto)
  term!: TermDto;

  @TextField({ max: 1000, optional: true, example: 'Краткосрочная адаптация на период замещения' })
  shortTermReason?: string;
}

export class ActivityDto {
  @TextField({ max: 500, example: 'Посещение уроков наставника' })
  title!: string;

  @DateField({ example: '2026-10-15' })
  plannedDate!: string;
}

export class ControllerDto {
  @UuidField()
  personId!: string;

  @EnumField(['commissionHead', 'curator'])
  role!: 'commissionHead' | 'curator';
}

export class PersonalProgrammeDto {
  @UuidField({ optional: true })
  programmeDocId?: string;

  @DateField({ example: '2026-09-01' })
  start!: string;

  @DateField({ example: '2027-05-31', description: '3 months to 1 year after the start' })
  end!: string;

  @TextListField({
    minItems: 1,
    maxItems: 50,
    max: 500,
    type: [String],
    example: ['Методическая поддержка', 'Адаптация в коллективе'],
  })
  directions!: string[];

  @NestedListField(ActivityDto, { maxItems: 200 })
  activities!: ActivityDto[];

  @TextListField({
    maxItems: 50,
    max: 500,
    type: [String],
    example: ['Затруднения в организации дисциплины на уроке'],
  })
  difficulties!: string[];

  @NestedField(ControllerDto)
  controller!: ControllerDto;

  @IntField({
    optional: true,
    min: 1,
    max: 12,
    example: 1,
    description: 'Report period in months (002 §6.1.9, §7.1.6); monthly when absent',
  })
  reportPeriodMonths?: number;
}

export class EntryDto {
  @UuidField()
  entryId!: string;

  @DateField({ example: '2026-10-01' })
  date!: string;

  @TextField({ max: 4000, example: 'Провели совместный разбор урока' })
  text!: string;
}

export class InterimControlDto {
  @UuidField()
  taskId!: string;

  @EnumField(['passed', 'needsCorrection'])
  outcome!: 'passed' | 'needsCorrection';

  @TextField({ max: 4000, example: 'План выполняется' })
  comment!: string;

  @DateField({
    optional: true,
    example: '2027-02-15',
    description: "With 'needsCorrection': the date of the repeat control (default: a month after today)",
  })
  repeatControlDate?: string;
}

/** A new version of the personalised programme, proposed by the mentor with the reason (002 §2). */
export class ProgrammeCorrectionDto {
  @TextField({ max: 4000, example: 'По итогам промежуточного контроля: перенос открытого урока' })
  reason!: string;

  @DateField({ example: '2026-09-01' })
  start!: string;

  @DateField({ example: '2027-06-30' })
  end!: string;

  @TextListField({ minItems: 1, maxItems: 50, max: 500, type: [String] })
  directions!: string[];

  @NestedListField(ActivityDto, { maxItems: 200 })
  activities!: ActivityDto[];

  @TextListField({ maxItems: 50, max: 500, type: [String] })
  difficulties!: string[];
}

export class ProgrammeCorrectionDecisionDto {
  @UuidField({ description: 'The proposed correction (pendingCorrection.correctionId)' })
  correctionId!: string;

  @EnumField(['approved', 'returned'])
  decision!: 'approved' | 'returned';

  @TextField({ optional: true, max: 4000, description: 'Required when the correction is returned' })
  comment?: string;
}

/** The mentor's or a mentee's periodic report (002 §6.1.9, §7.1.6): completes the report task. */
export class PeriodicReportDto {
  @UuidField({ description: 'The report task (GET /pairs/:id/periodic-reports)' })
  taskId!: string;

  @TextField({ max: 4000, example: 'Проведены два совместных занятия, посещён открытый урок' })
  text!: string;

  @TextField({ optional: true, max: 500, example: 'https://disk.example.ru/reports/2026-09.pdf' }, IsFileRef())
  fileRef?: string;
}

/** The commission head's (curator's, administrator's) decision on a periodic report. */
export class PeriodicReportDecisionDto {
  @UuidField({ description: 'The submitted report (its taskId)' })
  taskId!: string;

  @EnumField(['accepted', 'returned'])
  decision!: 'accepted' | 'returned';

  @TextField({ optional: true, max: 4000, description: 'Required when the report is returned' })
  comment?: string;
}

/** The mentor's dated assignment to a mentee (002 §6.1.6). */
export class MenteeAssignmentDto {
  @UuidField()
  menteeId!: string;

  @TextField({ max: 500, example: 'Подготовить технологическую карту урока' })
  title!: string;

  @DateField({ example: '2026-10-20', description: 'The deadline (not before today, within the programme)' })
  dueDate!: string;

  @IntField({
    optional: true,
    min: 0,
    max: 199,
    description: 'The activity of the personalised programme it serves (0-based index)',
  })
  activityIndex?: number;
}

/** The mentor's or a mentee's written notice of ending the mentoring early (Labour Code art. 351.8). */
export class TerminationNoticeDto {
  @DateField({ example: '2026-11-02', description: 'Date of the written notice (not in the future)' })
  noticeDate!: string;
}

export class MentorReportDto {
  @UuidField()
  taskId!: string;

  @TextField({ max: 4000, example: 'Молодой специалист успешно адаптировался' })
  conclusion!: string;

  @TextField({ max: 4000, optional: true })
  proposals?: string;
}

export class FinalControlDto {
  @UuidField()
  taskId!: string;

  @EnumField(['passed', 'notPassed'])
  outcome!: 'passed' | 'notPassed';

  @TextField({ max: 4000, example: 'Адаптация пройдена успешно' })
  mentorConclusion!: string;

  @TextField({ optional: true, max: 4000, description: '«Предложения по дальнейшей работе» (002 §6.1.10)' })
  proposals?: string;

  @TextField({ optional: true, max: 4000 })
  comment?: string;
}

export class ReplaceMentorDto {
  @EnumField(mentorReplacementReasons, { example: 'dismissal' })
  reason!: MentorReplacementReason;

  @NestedField(OrderDto)
  order!: OrderDto;

  @UuidField()
  newMentorId!: string;

  @NestedField(ConsentDto, { description: "The new mentor's written consent" })
  newMentorConsent!: ConsentDto;

  @NestedListField(ConsentDto, {
    optional: true,
    maxItems: 30,
    description: "Each mentee's written consent to the new mentor (002 §4.5); a missing one is named in the refusal",
  })
  menteeConsents?: ConsentDto[];
}

export class TerminatePairDto {
  @TextField({ max: 1000, example: 'Увольнение наставляемого' })
  reason!: string;

  @NestedField(OrderDto)
  order!: OrderDto;
}

export class PairListQuery extends PaginationQuery {
  @UuidField({ optional: true })
  programmeId?: string;

  @UuidField({ optional: true })
  organisationId?: string;

  @EnumField(pairStatuses, { optional: true })
  status?: string;

  @UuidField({ optional: true })
  mentorId?: string;

  @UuidField({ optional: true, description: "The pairs (groups) this person is a mentee of (the mentee's «Моя пара»)" })
  menteeId?: string;

  @EnumField(pairForms, { optional: true })
  form?: string;

  @TextField({
    max: 100,
    optional: true,
    description:
      "Search (the administrator's audit): the organisation's name, the order's number, or the start of the mentor's or a mentee's ФИО or of a word of it (case and ё/е do not matter)",
    example: 'Иванов',
  })
  q?: string;
}

export class HistoryQuery {
  @EnumField(['json', 'csv'], { optional: true, default: 'json' })
  format?: 'json' | 'csv';

  @TextField({
    max: 500,
    optional: true,
    description:
      "Why the reader opens the pair's content (diary entries, reports): recorded with the read (152-ФЗ); the web asks the administrator for it",
    example: 'Проверка по обращению от 01.12.2026',
  })
  reason?: string;
}
