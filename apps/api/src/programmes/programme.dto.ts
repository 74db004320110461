import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, Matches, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  programmeDocumentKinds,
  programmeStages,
  type ProgrammeDocumentKind,
  type ProgrammeStage,
} from '@mentorflow/domain';
import { IsFileRef } from '../common/file-ref.validator';

/** A calendar date; the domain checks that it exists (no 2026-02-30). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StartProgrammeDto {
  @ApiProperty({ example: 'Программа наставничества педагогических работников на 2026–2027 учебный год' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;
}

export class RecordDocumentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the client: re-sending the same id is refused as a duplicate',
  })
  @IsUUID()
  documentId!: string;

  @ApiProperty({ enum: programmeDocumentKinds, example: 'implementationAct' })
  @IsIn(programmeDocumentKinds)
  kind!: ProgrammeDocumentKind;

  @ApiProperty({ example: '45-од' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  number!: string;

  @ApiProperty({ example: '2026-09-01', description: 'Date of the document (YYYY-MM-DD)' })
  @Matches(ISO_DATE)
  date!: string;

  @ApiProperty({ example: 'Директор Петров П. П.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signedBy!: string;

  @ApiPropertyOptional({
    example: 'https://docs.school5.ru/orders/45-od.pdf',
    description: 'An https: address of the file; nothing else is accepted',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsFileRef()
  fileRef?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The document this one corrects' })
  @IsOptional()
  @IsUUID()
  corrects?: string;
}

export class AppointCuratorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  curatorId!: string;
}

export class AdvanceStageDto {
  @ApiPropertyOptional({ enum: programmeStages, description: 'The stage the curator saw; a stale one is a 409' })
  @IsOptional()
  @IsIn(programmeStages)
  expectedStage?: ProgrammeStage;

  @ApiPropertyOptional({ example: 'Все документы подготовительного этапа утверждены' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ReturnToStageDto {
  @ApiProperty({ enum: programmeStages })
  @IsIn(programmeStages)
  stage!: ProgrammeStage;

  @ApiProperty({ example: 'Приказ о закреплении пар отменён' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class PlanStageDatesDto {
  @ApiProperty({ enum: programmeStages })
  @IsIn(programmeStages)
  stage!: ProgrammeStage;

  @ApiProperty({ example: '2026-12-25' })
  @Matches(ISO_DATE)
  plannedEnd!: string;
}
