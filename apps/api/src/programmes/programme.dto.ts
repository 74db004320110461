import {
  problemSources,
  programmeDocumentKinds,
  type ProblemSource,
  programmeStages,
  type ProgrammeDocumentKind,
  type ProgrammeStage,
} from '@mentorflow/domain';
import { DateField, EnumField, TextField, UuidField } from '../common/fields';
import { IsFileRef } from '../common/file-ref.validator';

export class StartProgrammeDto {
  @TextField({ max: 300, example: 'Программа наставничества педагогических работников на 2026–2027 учебный год' })
  title!: string;
}

export class RecordDocumentDto {
  @UuidField({ description: 'Chosen by the client: re-sending the same id is refused as a duplicate' })
  documentId!: string;

  @EnumField(programmeDocumentKinds, { example: 'implementationAct' })
  kind!: ProgrammeDocumentKind;

  @TextField({ max: 50, example: '45-од' })
  number!: string;

  @DateField({ example: '2026-09-01', description: 'Date of the document (YYYY-MM-DD)' })
  date!: string;

  @TextField({ max: 200, example: 'Директор Петров П. П.' })
  signedBy!: string;

  @TextField(
    {
      max: 500,
      optional: true,
      example: 'https://docs.school5.ru/orders/45-od.pdf',
      description: 'An https: address of the file; nothing else is accepted',
    },
    IsFileRef(),
  )
  fileRef?: string;

  @UuidField({ optional: true, description: 'The document this one corrects' })
  corrects?: string;
}

export class AppointCuratorDto {
  @UuidField()
  curatorId!: string;
}

export class AdvanceStageDto {
  @EnumField(programmeStages, { optional: true, description: 'The stage the curator saw; a stale one is a 409' })
  expectedStage?: ProgrammeStage;

  @TextField({ max: 1000, optional: true, example: 'Все документы подготовительного этапа утверждены' })
  comment?: string;
}

export class ReturnToStageDto {
  @EnumField(programmeStages)
  stage!: ProgrammeStage;

  @TextField({ max: 1000, example: 'Приказ о закреплении пар отменён' })
  reason!: string;
}

export class PlanStageDatesDto {
  @EnumField(programmeStages)
  stage!: ProgrammeStage;

  @DateField({ example: '2026-12-25' })
  plannedEnd!: string;
}

export class ProblemDto {
  @UuidField({ description: 'Chosen by the client: the problem is revised and removed by it' })
  problemId!: string;

  @TextField({
    max: 2000,
    example: 'Молодые специалисты не справляются с дисциплиной на уроках (3 обращения родителей)',
  })
  description!: string;

  @EnumField(problemSources, { example: 'complaints' })
  source!: ProblemSource;
}

export class ProblemRevisionDto {
  @TextField({ max: 2000, example: 'Молодые специалисты не справляются с дисциплиной на уроках' })
  description!: string;

  @EnumField(problemSources, { example: 'complaints' })
  source!: ProblemSource;
}
