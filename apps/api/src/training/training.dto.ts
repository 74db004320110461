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
