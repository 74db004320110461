import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, MaxLength } from 'class-validator';
import {
  pairForms,
  practiceLevels,
  practiceLimits,
  practiceStatuses,
  type PairForm,
  type PracticeLevel,
  type PracticeStatus,
} from '@mentorflow/domain';
import { EnumField, TextField, UuidField } from '../common/fields';
import { IsFileRef } from '../common/file-ref.validator';
import { PaginationQuery } from '../common/pagination.dto';

/** What a practice says; the domain's `practiceContentProblems` checks the same limits. */
export class PracticeContentDto {
  @TextField({ max: practiceLimits.title, example: 'Школа молодого педагога' })
  title!: string;

  @EnumField(pairForms, { example: 'teacherTeacher', description: 'The form of mentoring (as for pairs)' })
  form!: PairForm;

  @TextField({ max: practiceLimits.text, example: 'Трудности адаптации молодых специалистов в первый год работы' })
  problem!: string;

  @TextField({ max: practiceLimits.text, example: 'Еженедельные встречи, взаимопосещение уроков' })
  whatWasDone!: string;

  @TextField({ max: practiceLimits.text, example: 'Все молодые педагоги остались в школе' })
  results!: string;

  @TextField({ max: practiceLimits.text, example: 'Анкетирование, протоколы посещений уроков' })
  evidence!: string;

  @TextField({ max: practiceLimits.subject, example: 'Математика' })
  subject!: string;

  @EnumField(practiceLevels, { example: 'municipal' })
  level!: PracticeLevel;

  @ApiPropertyOptional({ type: [String], example: ['https://disk.example.ru/practice.pdf'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(practiceLimits.attachments)
  @MaxLength(practiceLimits.attachment, { each: true })
  @IsFileRef({ each: true })
  attachments?: string[];
}

export class SubmitPracticeDto extends PracticeContentDto {
  @UuidField({ description: "The author's organisation, where they hold the mentor's, curator's or tutor's role" })
  organisationId!: string;
}

export class ReturnPracticeDto {
  @TextField({ max: practiceLimits.comment, example: 'Добавьте результаты анкетирования в цифрах' })
  comment!: string;
}

/** The practice is published as the reviewer read it; a note to the author is optional. */
export class PublishPracticeDto {
  @TextField({ max: practiceLimits.comment, optional: true, example: 'Рекомендуется к распространению в районе' })
  comment?: string;
}

export class PracticesQuery extends PaginationQuery {
  @TextField({
    max: 200,
    optional: true,
    example: 'адаптация',
    description: 'Full-text search in Russian (word forms match: «адаптации» finds «адаптация»)',
  })
  q?: string;

  @EnumField(pairForms, { optional: true })
  form?: PairForm;

  @TextField({ max: practiceLimits.subject, optional: true, example: 'математика', description: 'Part of the subject' })
  subject?: string;

  @EnumField(practiceLevels, { optional: true })
  level?: PracticeLevel;

  @UuidField({ optional: true })
  organisationId?: string;

  @EnumField(practiceStatuses, {
    optional: true,
    description: 'Published practices are seen by the whole region; others by their author and reviewers',
  })
  status?: PracticeStatus;
}
