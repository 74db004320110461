import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trainedRoles, type TrainedRole } from '@mentorflow/domain';
import { BooleanField, DateField, EnumField, IntField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

/** What a training record says of the course, the same when it is recorded and when it is corrected. */
export class TrainingDetailsDto {
  @EnumField(trainedRoles, { example: 'mentor', description: 'Trained as mentor, tutor or curator' })
  role!: TrainedRole;

  @UuidField({ optional: true, description: 'An entry of the further-training catalogue; or give courseTitle' })
  catalogueEntryId?: string;

  @TextField({
    max: 500,
    optional: true,
    example: 'Наставничество в образовательной организации: технологии и практики',
    description: 'The course as free text, when it is not in the catalogue',
  })
  courseTitle?: string;

  @IntField({ min: 1, max: 10000, example: 36 })
  hours!: number;

  @DateField({ example: '2026-10-05' })
  dateFrom!: string;

  @DateField({ example: '2026-10-16' })
  dateTo!: string;

  @TextField({ max: 100, optional: true, example: '772412345678' })
  certificateNumber?: string;
}

export class TrainingDto extends TrainingDetailsDto {
  @UuidField({ description: 'The person trained (the people directory)' })
  personId!: string;
}

/**
 * A training record as the API answers it (the list; recording and correcting answer one the same): the stored
 * record with the person's names beside her id and the role's label. Declared so the web's type is generated.
 */
export class TrainingRecordDto {
  @ApiProperty({ format: 'uuid' })
  trainingId!: string;

  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiPropertyOptional({ description: 'Absent when the people directory does not know the person' })
  personName?: string;

  @ApiPropertyOptional({ description: 'Absent when the people directory does not know the person' })
  personShortName?: string;

  @ApiProperty({ enum: trainedRoles, example: 'mentor' })
  role!: TrainedRole;

  @ApiProperty({ example: 'Наставник' })
  roleLabel!: string;

  @ApiProperty({ description: 'The catalogue entry’s title, or the course as typed' })
  courseTitle!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  catalogueEntryId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The catalogue entry’s provider' })
  provider!: string | null;

  @ApiProperty({ type: 'integer', example: 36 })
  hours!: number;

  @ApiProperty({ format: 'date', example: '2026-10-05' })
  dateFrom!: string;

  @ApiProperty({ format: 'date', example: '2026-10-16' })
  dateTo!: string;

  @ApiProperty({ type: String, nullable: true })
  certificateNumber!: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

export class TrainingListQuery extends PaginationQuery {
  @UuidField({ optional: true, description: 'Only this person’s training records (the person card)' })
  personId?: string;
}

export class OrganisationSettingsDto {
  @BooleanField({
    description: 'Обучение наставников обязательно: необученные наставники не выпускают из подготовительного этапа',
  })
  mentorTrainingRequired!: boolean;
}

export class CatalogueQuery extends PaginationQuery {
  @TextField({ max: 200, optional: true, description: 'Words of the title or the provider' })
  q?: string;
}
