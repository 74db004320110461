import {
  competenceAreas,
  controlPointOutcomes,
  deficitLevels,
  routeActivityKinds,
  routeStages,
  type CompetenceArea,
  type ControlPointOutcome,
  type DeficitLevel,
  type RouteActivityKind,
  type RouteStage,
} from '@mentorflow/domain';
import {
  BooleanField,
  DateField,
  EnumField,
  IntField,
  NestedField,
  NestedListField,
  NumberField,
  PatternField,
  TextField,
  TextListField,
  UuidField,
} from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

// A date's pattern is the fields' ISO_DATE: the domain checks that it exists (no 2026-02-30) and lies within the route's period.
const REGION_CODE = /^(0[1-9]|[1-9]\d)$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ROUTE_CODE = /^\d{2}-\d{4}-\d{4}-\d{6}$/;
const MAX_ROWS = 200;

export class RouteTitlePageDto {
  @TextField({ max: 300, example: 'Учитель математики' })
  position!: string;

  @TextField({ max: 500, example: 'Высшее педагогическое, СГСПУ, 2012' })
  education!: string;

  @DateField({ optional: true, example: '2024-03-15' })
  lastAttestationDate?: string;

  @TextField({ optional: true, max: 100, example: 'первая' })
  qualificationCategory?: string;

  @IntField({ min: 0, max: 80, example: 12, minimum: 0, maximum: 80 })
  teachingExperienceYears!: number;

  @TextField({ max: 500, example: 'Формирование функциональной грамотности на уроках математики' })
  selfEducationTopic!: string;

  @DateField({ example: '2026-12-01', description: 'First day of the route (inclusive)' })
  startDate!: string;

  @DateField({
    example: '2030-11-30',
    description:
      'Last day of the route (inclusive), not before the start. The teacher sets the period (003 §3.1); 4–5 years are ' +
      'recommended, and a period over five years needs confirmLongPeriod',
  })
  endDate!: string;
}

export class CreateRouteDto {
  @UuidField({ description: 'The teacher whose route this is (their token `sub`)' })
  teacherId!: string;

  @UuidField({ description: 'The methodologist who drafts the route' })
  methodologistId!: string;

  @UuidField({
    optional: true,
    description:
      '002 §2 «ИОМ наставляемого»: the pair whose mentee the teacher is (same organisation); links the route and the pair',
  })
  pairId?: string;

  @UuidField({ optional: true, description: 'The tutor; defaults to the caller' })
  tutorId?: string;

  @PatternField(REGION_CODE, {
    optional: true,
    example: '63',
    description:
      'Code of the subject of the Russian Federation (01–99) for the registry code RR-OOOO-YYYY-NNNNNN. Required for the ' +
      "organisation's first route, which also gives the organisation its number OOOO in the region; later it may be omitted or must match",
  })
  regionCode?: string;

  @BooleanField({
    optional: true,
    example: true,
    description: 'Confirms a period over five years (4–5 are recommended); without it such a route is refused with 422',
  })
  confirmLongPeriod?: boolean;

  @NestedField(RouteTitlePageDto)
  titlePage!: RouteTitlePageDto;

  @TextField({
    optional: true,
    max: 2000,
    example: 'Преодолеть дефициты в области ИКТ и цифровизации образования',
    description: 'With `tasks`: fixes the goal at once',
  })
  goal?: string;

  @TextListField({ optional: true, maxItems: 50, max: 1000, example: ['Освоить цифровые сервисы для уроков'] })
  tasks?: string[];
}

export class FixGoalDto {
  @TextField({ max: 2000, notEmpty: false, example: 'Преодолеть дефициты в области ИКТ и цифровизации образования' })
  goal!: string;

  @TextListField({
    maxItems: 50,
    max: 1000,
    example: ['Освоить цифровые сервисы для уроков', 'Разработать цифровой образовательный ресурс по алгебре'],
  })
  tasks!: string[];
}

export class DiagnosticsResultDto {
  @EnumField(competenceAreas, { example: 'ict' })
  area!: CompetenceArea;

  @NumberField({
    min: 0,
    max: 100,
    example: 35,
    minimum: 0,
    maximum: 100,
    description: '81–100 % high, 50–80 % basic, below 50 % deficit (003 §5.4)',
  })
  percent!: number;

  @EnumField(deficitLevels, {
    optional: true,
    example: 'medium',
    description: 'Only for a deficit (below 50 %): the level of the deficit as the tutor assesses it (003 §5.4)',
  })
  deficitLevel?: DeficitLevel;
}

export class DeficitLevelDto {
  @EnumField(competenceAreas, { example: 'ict' })
  area!: CompetenceArea;

  @EnumField(deficitLevels, { example: 'high', description: 'высокий, средний или минимальный' })
  deficitLevel!: DeficitLevel;
}

export class EnterDeficitLevelsDto {
  @UuidField({ description: 'The initial or the control diagnostics the levels belong to' })
  diagnosticsId!: string;

  @NestedListField(DeficitLevelDto, { maxItems: competenceAreas.length })
  levels!: DeficitLevelDto[];
}

export class RecordDiagnosticsDto {
  @UuidField({ description: 'Chosen by the client' })
  diagnosticsId!: string;

  @DateField({ example: '2026-11-20', description: 'Day the diagnostics took place: not after today' })
  date!: string;

  @DateField({ optional: true, example: '2027-11-20' })
  nextDiagnosticsDate?: string;

  @NestedListField(DiagnosticsResultDto, { maxItems: competenceAreas.length })
  results!: DiagnosticsResultDto[];
}

/** A repeated diagnostics during the route (003 §5.1): the same fields, the next date planning the following one. */
export class RecordRepeatedDiagnosticsDto extends RecordDiagnosticsDto {}

export class RoadMapRowDto {
  @TextField({ max: 100, example: 'row-1' })
  rowId!: string;

  @EnumField(competenceAreas, { example: 'ict' })
  competence!: CompetenceArea;

  @TextField({
    max: 1000,
    notEmpty: false,
    example: 'Курс «Цифровые инструменты учителя» из федерального реестра ДПП',
  })
  activity!: string;

  @EnumField(routeActivityKinds, { example: 'furtherTrainingProgramme' })
  activityKind!: RouteActivityKind;

  @TextField({
    max: 2000,
    notEmpty: false,
    example: 'Освоить цифровые сервисы для уроков',
    description: 'The tasks the activity solves',
  })
  tasks!: string;

  @NumberField({ min: 0, max: 10_000, example: 36, minimum: 0 })
  hours!: number;

  @DateField({ example: '2027-05-20' })
  deadline!: string;

  @BooleanField({ optional: true, example: true, description: 'Отметка выбора' })
  chosenMark?: boolean;

  @TextField({
    optional: true,
    max: 1000,
    example: 'Удостоверение о повышении квалификации № 123',
    description: 'Отметка о выполнении / результат',
  })
  doneMark?: string;

  @UuidField({
    optional: true,
    description: '«Изучение практики»: a practice published in the bank of the route organisation’s region',
  })
  practiceId?: string;
}

export class RoadMapDto {
  @NestedListField(RoadMapRowDto, { maxItems: MAX_ROWS })
  rows!: RoadMapRowDto[];
}

export class ControlPointDto {
  @TextField({ max: 100, example: 'cp-1' })
  controlPointId!: string;

  @DateField({ example: '2027-06-01' })
  date!: string;

  @TextField({ max: 1000, notEmpty: false, example: 'Курс повышения квалификации пройден' })
  description!: string;
}

export class ApproveProposedRoadMapDto {
  @NestedListField(ControlPointDto, { maxItems: MAX_ROWS })
  controlPoints!: ControlPointDto[];
}

export class ReturnProposedRoadMapDto {
  @TextField({
    max: 1000,
    example: 'Добавьте стажировку по ИКТ-компетенциям',
    description: 'What the teacher should rework; she sees it on the route page',
  })
  comment!: string;
}

export class AgreeRoadMapDto extends ApproveProposedRoadMapDto {
  @NestedListField(RoadMapRowDto, {
    optional: true,
    maxItems: MAX_ROWS,
    description: "The tutor's refinement; omitted, the methodologist's draft is agreed as is",
  })
  rows?: RoadMapRowDto[];
}

export class ControlPointOutcomeDto {
  @TextField({ max: 100, example: 'cp-1' })
  controlPointId!: string;

  @EnumField(controlPointOutcomes, { example: 'passed', description: 'passed, notPassed or moved' })
  outcome!: ControlPointOutcome;

  @DateField({ optional: true, example: '2027-07-01', description: 'moved: the new date, within the route period' })
  newDate?: string;

  @TextField({
    optional: true,
    max: 1000,
    example: 'Курс перенесён организатором',
    description: 'moved: why (required)',
  })
  reason?: string;
}

export class RecordControlPointCheckDto {
  @PatternField(ISO_MONTH, { example: '2027-06', description: 'The month checked, YYYY-MM: not after the current one' })
  month!: string;

  @NestedListField(ControlPointOutcomeDto, { maxItems: MAX_ROWS, description: 'One per control point due that month' })
  outcomes!: ControlPointOutcomeDto[];
}

export class RecordPortfolioEntryDto {
  @UuidField({ description: 'Chosen by the client: re-sending the same id is refused as a duplicate' })
  entryId!: string;

  @TextField({
    optional: true,
    max: 100,
    example: 'row-1',
    description: 'The road-map row the entry reports on',
  })
  rowId?: string;

  @DateField({
    optional: true,
    example: '2027-03-14',
    description: 'The day the result was achieved: not after today',
  })
  date?: string;

  @TextField({ max: 2000, notEmpty: false, example: 'Разработка урока алгебры с цифровым тренажёром' })
  product!: string;

  @TextField({ max: 2000, notEmpty: false, example: 'Урок получился, ученики работали активнее' })
  selfAssessment!: string;
}

export class ConfirmActivityDoneDto {
  @TextField({ max: 100, example: 'row-1', description: 'The road-map row whose activity the teacher marked done' })
  rowId!: string;
}

/** 003 §5.2 «отметка о выполнении / результат». */
export class MarkActivityDoneDto extends ConfirmActivityDoneDto {
  @DateField({ example: '2027-03-14', description: 'The day the activity was done: not after today' })
  doneOn!: string;

  @TextField({ max: 2000, example: 'Удостоверение о повышении квалификации, 36 ч' })
  result!: string;
}

export class CorrectRoadMapDto extends RoadMapDto {
  @TextField({ max: 1000, example: 'Курс перенесён организатором на осень' })
  reason!: string;
}

export class RouteCommentDto {
  @TextField({ optional: true, max: 1000, example: 'Все мероприятия дорожной карты выполнены' })
  comment?: string;
}

export class RecordControlDiagnosticsDto {
  @UuidField({ description: 'Chosen by the client' })
  diagnosticsId!: string;

  @DateField({ example: '2030-10-15', description: 'Day the control diagnostics took place: not after today' })
  date!: string;

  @NestedListField(DiagnosticsResultDto, { maxItems: competenceAreas.length })
  results!: DiagnosticsResultDto[];
}

export class DesiredImageDto {
  @TextField({
    max: 4000,
    example: 'Учитель, который уверенно применяет цифровые сервисы и делится опытом с коллегами',
    description: 'The desired image of oneself as an accomplished professional (000 п.1)',
  })
  desiredImage!: string;
}

export class ReflectionEntryDto {
  @EnumField(competenceAreas, { example: 'ict', description: 'A deficit of the initial diagnostics' })
  area!: CompetenceArea;

  @TextField({ max: 2000, example: 'Освоила цифровые тренажёры и использую их на каждом уроке' })
  whatChanged!: string;

  @TextField({ max: 2000, example: 'Открытый урок 14.03, удостоверение о повышении квалификации' })
  evidence!: string;

  @TextField({ max: 2000, example: 'Стала ближе к желаемому образу: делюсь опытом на МО' })
  nearnessToImage!: string;
}

export class ReflectionDto {
  @NestedListField(ReflectionEntryDto, {
    maxItems: competenceAreas.length,
    description: 'One per deficit of the initial diagnostics',
  })
  entries!: ReflectionEntryDto[];
}

export class RouteListQuery extends PaginationQuery {
  @PatternField(ROUTE_CODE, { optional: true, example: '63-0001-2026-000001', description: 'Registry code' })
  code?: string;

  @UuidField({ optional: true })
  organisationId?: string;

  @UuidField({ optional: true })
  teacherId?: string;

  @EnumField(routeStages, { optional: true, example: 'design' })
  stage?: RouteStage;

  @EnumField(['true', 'false'], { optional: true, description: 'true: only routes with an overdue task' })
  overdue?: 'true' | 'false';

  @TextField({
    max: 100,
    optional: true,
    description:
      "Search (the tutor's route registry): the start of the registry code, or the start of the teacher's ФИО or of a word of it (case and ё/е do not matter)",
    example: '63-0001',
  })
  q?: string;
}
