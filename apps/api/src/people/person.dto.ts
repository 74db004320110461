import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import {
  employmentStatuses,
  qualificationCategories,
  type EmploymentStatus,
  type PersonCard,
  type PersonEmployment,
  type QualificationCategory,
} from '@mentorflow/domain';
import { DateField, EnumField, IntField, TextField, TextListField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

/** An e-mail address (RFC 5321's 320 characters at most). */
const EmailField = (example: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ example }), IsOptional(), IsEmail(), MaxLength(320));

const PhoneField = (example: string) => TextField({ max: 40, optional: true, example });

/** The card's fields: surname and first name required; the domain checks the rest (personCardProblems). */
export class PersonCardDto implements PersonCard {
  @TextField({ max: 100, example: 'Ёлкина' })
  surname!: string;

  @TextField({ max: 100, example: 'Мария' })
  firstName!: string;

  @TextField({ max: 100, optional: true, example: 'Петровна' })
  patronymic?: string;

  @DateField({
    optional: true,
    example: '1985-04-12',
    description: 'Sensitive: shown to the curator, director, administrators',
  })
  birthDate?: string;

  @EmailField('elkina@school5.ru')
  workEmail?: string;

  @PhoneField('+7 843 000-00-00')
  workPhone?: string;

  @EmailField('elkina@mail.ru')
  personalEmail?: string;

  @PhoneField('+7 900 000-00-00')
  personalPhone?: string;

  @EnumField(qualificationCategories, { optional: true, example: 'first' })
  category?: QualificationCategory;

  @TextField({ max: 500, optional: true, example: 'высшее, КФУ, учитель математики' })
  education?: string;

  @IntField({ min: 0, max: 70, optional: true, example: 12 })
  teachingExperienceYears?: number;

  @IntField({ min: 0, max: 70, optional: true, example: 8 })
  subjectExperienceYears?: number;

  @DateField({ optional: true, example: '2024-03-15' })
  lastAttestationDate?: string;
}

/** A person's employment in one organisation (PUT /people/:personId/employments/:organisationId). */
export class PersonEmploymentDto implements PersonEmployment {
  @TextField({ max: 100, optional: true, notEmpty: true, example: '000123', description: 'Табельный номер' })
  personnelKey?: string;

  @TextListField({ maxItems: 10, max: 200, example: ['учитель математики'] })
  positions!: string[];

  @TextListField({ maxItems: 20, max: 200, example: ['Математика'] })
  subjects!: string[];

  @EnumField(employmentStatuses, { optional: true, example: 'working', default: 'working' })
  status: EmploymentStatus = 'working';

  @DateField({ optional: true, example: '2025-09-01' })
  statusFrom?: string;

  @DateField({ optional: true, example: '2026-08-31' })
  statusTo?: string;
}

/** PATCH /people/:personId: the fields it changes (null clears an optional one). */
export class PersonCardPatchDto extends PartialType(PersonCardDto) {}

/** POST /organisations/:id/people: the card and the person's employment in the organisation. */
export class CreatePersonDto extends IntersectionType(PersonCardDto, PersonEmploymentDto) {
  @UuidField({
    optional: true,
    description: 'An existing person (совместительство) or an account’s subject; a new id otherwise',
  })
  personId?: string;
}

export class PeopleQuery extends PaginationQuery {
  @TextField({
    max: 100,
    optional: true,
    description: 'The start of the ФИО (case and ё/е do not matter)',
    example: 'ёлк',
  })
  q?: string;
}

/** Consent to the processing of personal data (152-ФЗ art. 9): its date and the document's reference. */
export class PersonConsentDto {
  @DateField({ example: '2026-09-01' })
  date!: string;

  @TextField({ max: 300, example: 'Согласие № 15 от 01.09.2026' })
  document!: string;
}

export class PersonConsentWithdrawalDto {
  @DateField({ example: '2026-12-01' })
  date!: string;
}
