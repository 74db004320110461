import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
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
  competenceAreas,
  controlPointOutcomes,
  deficitLevels,
  routeActivityKinds,
  type CompetenceArea,
  type ControlPointOutcome,
  type DeficitLevel,
  type RouteActivityKind,
} from '@mentorflow/domain';
import { PaginationQuery } from '../common/pagination.dto';

/** A calendar date; the domain checks that it exists (no 2026-02-30) and lies within the route's period. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION_CODE = /^(0[1-9]|[1-9]\d)$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ROUTE_CODE = /^\d{2}-\d{4}-\d{4}-\d{6}$/;
const MAX_ROWS = 200;

export class RouteTitlePageDto {
  @ApiProperty({ example: 'Учитель математики' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  position!: string;

  @ApiProperty({ example: 'Высшее педагогическое, СГСПУ, 2012' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  education!: string;

  @ApiPropertyOptional({ example: '2024-03-15' })
  @IsOptional()
  @Matches(ISO_DATE)
  lastAttestationDate?: string;

  @ApiPropertyOptional({ example: 'первая' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  qualificationCategory?: string;

  @ApiProperty({ example: 12, minimum: 0, maximum: 80 })
  @IsInt()
  @Min(0)
  @Max(80)
  teachingExperienceYears!: number;

  @ApiProperty({ example: 'Формирование функциональной грамотности на уроках математики' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  selfEducationTopic!: string;

  @ApiProperty({ example: '2026-12-01', description: 'First day of the route (inclusive)' })
  @Matches(ISO_DATE)
  startDate!: string;

  @ApiProperty({
    example: '2030-11-30',
    description:
      'Last day of the route (inclusive), not before the start. The teacher sets the period (003 §3.1); 4–5 years are ' +
      'recommended, and a period over five years needs confirmLongPeriod',
  })
  @Matches(ISO_DATE)
  endDate!: string;
}

export class CreateRouteDto {
  @ApiProperty({ format: 'uuid', description: 'The teacher whose route this is (their token `sub`)' })
  @IsUUID()
  teacherId!: string;

  @ApiProperty({ format: 'uuid', description: 'The methodologist who drafts the route' })
  @IsUUID()
  methodologistId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      '002 §2 «ИОМ наставляемого»: the pair whose mentee the teacher is (same organisation); links the route and the pair',
  })
  @IsOptional()
  @IsUUID()
  pairId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The tutor; defaults to the caller' })
  @IsOptional()
  @IsUUID()
  tutorId?: string;

  @ApiPropertyOptional({
    example: '63',
    description:
      'Code of the subject of the Russian Federation (01–99) for the registry code RR-OOOO-YYYY-NNNNNN. Required for the ' +
      "organisation's first route, which also gives the organisation its number OOOO in the region; later it may be omitted or must match",
  })
  @IsOptional()
  @Matches(REGION_CODE)
  regionCode?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Confirms a period over five years (4–5 are recommended); without it such a route is refused with 422',
  })
  @IsOptional()
  @IsBoolean()
  confirmLongPeriod?: boolean;

  @ApiProperty({ type: RouteTitlePageDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RouteTitlePageDto)
  titlePage!: RouteTitlePageDto;

  @ApiPropertyOptional({
    example: 'Преодолеть дефициты в области ИКТ и цифровизации образования',
    description: 'With `tasks`: fixes the goal at once',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string;

  @ApiPropertyOptional({ example: ['Освоить цифровые сервисы для уроков'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  tasks?: string[];
}

export class FixGoalDto {
  @ApiProperty({ example: 'Преодолеть дефициты в области ИКТ и цифровизации образования' })
  @IsString()
  @MaxLength(2000)
  goal!: string;

  @ApiProperty({
    example: ['Освоить цифровые сервисы для уроков', 'Разработать цифровой образовательный ресурс по алгебре'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  tasks!: string[];
}

export class DiagnosticsResultDto {
  @ApiProperty({ enum: competenceAreas, example: 'ict' })
  @IsIn(competenceAreas)
  area!: CompetenceArea;

  @ApiProperty({
    example: 35,
    minimum: 0,
    maximum: 100,
    description: '81–100 % high, 50–80 % basic, below 50 % deficit (003 §5.4)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiPropertyOptional({
    enum: deficitLevels,
    example: 'medium',
    description: 'Only for a deficit (below 50 %): the level of the deficit as the tutor assesses it (003 §5.4)',
  })
  @IsOptional()
  @IsIn(deficitLevels)
  deficitLevel?: DeficitLevel;
}

export class DeficitLevelDto {
  @ApiProperty({ enum: competenceAreas, example: 'ict' })
  @IsIn(competenceAreas)
  area!: CompetenceArea;

  @ApiProperty({ enum: deficitLevels, example: 'high', description: 'высокий, средний или минимальный' })
  @IsIn(deficitLevels)
  deficitLevel!: DeficitLevel;
}

export class EnterDeficitLevelsDto {
  @ApiProperty({ format: 'uuid', description: 'The initial or the control diagnostics the levels belong to' })
  @IsUUID()
  diagnosticsId!: string;

  @ApiProperty({ type: [DeficitLevelDto] })
  @IsArray()
  @ArrayMaxSize(competenceAreas.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DeficitLevelDto)
  levels!: DeficitLevelDto[];
}

export class RecordDiagnosticsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client' })
  @IsUUID()
  diagnosticsId!: string;

  @ApiProperty({ example: '2026-11-20', description: 'Day the diagnostics took place: not after today' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiPropertyOptional({ example: '2027-11-20' })
  @IsOptional()
  @Matches(ISO_DATE)
  nextDiagnosticsDate?: string;

  @ApiProperty({ type: [DiagnosticsResultDto] })
  @IsArray()
  @ArrayMaxSize(competenceAreas.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiagnosticsResultDto)
  results!: DiagnosticsResultDto[];
}

/** A repeated diagnostics during the route (003 §5.1): the same fields, the next date planning the following one. */
export class RecordRepeatedDiagnosticsDto extends RecordDiagnosticsDto {}

export class RoadMapRowDto {
  @ApiProperty({ example: 'row-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  rowId!: string;

  @ApiProperty({ enum: competenceAreas, example: 'ict' })
  @IsIn(competenceAreas)
  competence!: CompetenceArea;

  @ApiProperty({ example: 'Курс «Цифровые инструменты учителя» из федерального реестра ДПП' })
  @IsString()
  @MaxLength(1000)
  activity!: string;

  @ApiProperty({ enum: routeActivityKinds, example: 'furtherTrainingProgramme' })
  @IsIn(routeActivityKinds)
  activityKind!: RouteActivityKind;

  @ApiProperty({ example: 'Освоить цифровые сервисы для уроков', description: 'The tasks the activity solves' })
  @IsString()
  @MaxLength(2000)
  tasks!: string;

  @ApiProperty({ example: 36, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000)
  hours!: number;

  @ApiProperty({ example: '2027-05-20' })
  @Matches(ISO_DATE)
  deadline!: string;

  @ApiPropertyOptional({ example: true, description: 'Отметка выбора' })
  @IsOptional()
  @IsBoolean()
  chosenMark?: boolean;

  @ApiPropertyOptional({
    example: 'Удостоверение о повышении квалификации № 123',
    description: 'Отметка о выполнении / результат',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  doneMark?: string;
}

export class RoadMapDto {
  @ApiProperty({ type: [RoadMapRowDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RoadMapRowDto)
  rows!: RoadMapRowDto[];
}

export class ControlPointDto {
  @ApiProperty({ example: 'cp-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  controlPointId!: string;

  @ApiProperty({ example: '2027-06-01' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ example: 'Курс повышения квалификации пройден' })
  @IsString()
  @MaxLength(1000)
  description!: string;
}

export class ApproveProposedRoadMapDto {
  @ApiProperty({ type: [ControlPointDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ControlPointDto)
  controlPoints!: ControlPointDto[];
}

export class AgreeRoadMapDto extends ApproveProposedRoadMapDto {
  @ApiPropertyOptional({
    type: [RoadMapRowDto],
    description: "The tutor's refinement; omitted, the methodologist's draft is agreed as is",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RoadMapRowDto)
  rows?: RoadMapRowDto[];
}

export class ControlPointOutcomeDto {
  @ApiProperty({ example: 'cp-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  controlPointId!: string;

  @ApiProperty({ enum: controlPointOutcomes, example: 'passed', description: 'passed, notPassed or moved' })
  @IsIn(controlPointOutcomes)
  outcome!: ControlPointOutcome;

  @ApiPropertyOptional({ example: '2027-07-01', description: 'moved: the new date, within the route period' })
  @IsOptional()
  @Matches(ISO_DATE)
  newDate?: string;

  @ApiPropertyOptional({ example: 'Курс перенесён организатором', description: 'moved: why (required)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RecordControlPointCheckDto {
  @ApiProperty({ example: '2027-06', description: 'The month checked, YYYY-MM: not after the current one' })
  @Matches(ISO_MONTH)
  month!: string;

  @ApiProperty({ type: [ControlPointOutcomeDto], description: 'One per control point due that month' })
  @IsArray()
  @ArrayMaxSize(MAX_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ControlPointOutcomeDto)
  outcomes!: ControlPointOutcomeDto[];
}

export class RecordPortfolioEntryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the client: re-sending the same id is refused as a duplicate',
  })
  @IsUUID()
  entryId!: string;

  @ApiPropertyOptional({ example: 'row-1', description: 'The road-map row the entry reports on' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  rowId?: string;

  @ApiPropertyOptional({ example: '2027-03-14', description: 'The day the result was achieved: not after today' })
  @IsOptional()
  @Matches(ISO_DATE)
  date?: string;

  @ApiProperty({ example: 'Разработка урока алгебры с цифровым тренажёром' })
  @IsString()
  @MaxLength(2000)
  product!: string;

  @ApiProperty({ example: 'Урок получился, ученики работали активнее' })
  @IsString()
  @MaxLength(2000)
  selfAssessment!: string;
}

export class CorrectRoadMapDto extends RoadMapDto {
  @ApiProperty({ example: 'Курс перенесён организатором на осень' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class RouteCommentDto {
  @ApiPropertyOptional({ example: 'Все мероприятия дорожной карты выполнены' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class RecordControlDiagnosticsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client' })
  @IsUUID()
  diagnosticsId!: string;

  @ApiProperty({ example: '2030-10-15', description: 'Day the control diagnostics took place: not after today' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ type: [DiagnosticsResultDto] })
  @IsArray()
  @ArrayMaxSize(competenceAreas.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiagnosticsResultDto)
  results!: DiagnosticsResultDto[];
}

export class DesiredImageDto {
  @ApiProperty({
    example: 'Учитель, который уверенно применяет цифровые сервисы и делится опытом с коллегами',
    description: 'The desired image of oneself as an accomplished professional (000 п.1)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  desiredImage!: string;
}

export class ReflectionEntryDto {
  @ApiProperty({ enum: competenceAreas, example: 'ict', description: 'A deficit of the initial diagnostics' })
  @IsIn(competenceAreas)
  area!: CompetenceArea;

  @ApiProperty({ example: 'Освоила цифровые тренажёры и использую их на каждом уроке' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  whatChanged!: string;

  @ApiProperty({ example: 'Открытый урок 14.03, удостоверение о повышении квалификации' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  evidence!: string;

  @ApiProperty({ example: 'Стала ближе к желаемому образу: делюсь опытом на МО' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  nearnessToImage!: string;
}

export class ReflectionDto {
  @ApiProperty({ type: [ReflectionEntryDto], description: 'One per deficit of the initial diagnostics' })
  @IsArray()
  @ArrayMaxSize(competenceAreas.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReflectionEntryDto)
  entries!: ReflectionEntryDto[];
}

export class RouteListQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '63-0001-2026-000001', description: 'Registry code' })
  @IsOptional()
  @Matches(ROUTE_CODE)
  code?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;
}
