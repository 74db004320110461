import {
  maxMentorCapacity,
  organisationKinds,
  regionalSpecialistRoles,
  staffRoles,
  type OrganisationKind,
  type RegionalSpecialistRole,
  type StaffRole,
} from '@mentorflow/domain';
import { EnumField, IntField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export class RegisterOrganisationDto {
  @TextField({ max: 300, example: 'МБОУ «Средняя общеобразовательная школа № 5»' })
  name!: string;

  @EnumField(organisationKinds, { example: 'school' })
  kind!: OrganisationKind;

  @TextField({ max: 200, example: 'Городской округ Тольятти' })
  municipality!: string;

  @TextField({ max: 200, example: 'Самарская область' })
  region!: string;

  @TextField({ max: 64, example: 'Europe/Samara', description: 'IANA time zone: deadlines end at local midnight' })
  timeZone!: string;
}

export class AssignStaffDto {
  @UuidField({ description: 'The person (user) id, as in their token `sub`' })
  personId!: string;

  /** No `fullName`: the name is the staff directory's; a body that still sends one is refused (400, whitelist). */
  @EnumField(staffRoles, { example: 'curator' })
  role!: StaffRole;
}

export class RemoveStaffDto {
  @UuidField({ description: 'The person (user) id, as in their token `sub`' })
  personId!: string;

  @EnumField(staffRoles, { example: 'curator' })
  role!: StaffRole;
}

export class OrganisationSettingsDto {
  @IntField({
    min: 1,
    max: maxMentorCapacity,
    example: 2,
    minimum: 1,
    maximum: maxMentorCapacity,
    description: 'How many mentees one mentor may have at once (002 §4.3: two; group mentoring may need more)',
  })
  mentorCapacity!: number;
}

/** A tutor or methodologist of a regional organisation (ЦНППМ, ИРО, муниципальный методический центр) serving this one. */
export class RegionalSpecialistDto {
  @UuidField({ description: 'The person (user) id, as in their token `sub`' })
  personId!: string;

  @EnumField(regionalSpecialistRoles, { example: 'tutor' })
  role!: RegionalSpecialistRole;

  @UuidField({ description: 'The regional organisation where the person holds the role' })
  regionalOrganisationId!: string;
}

export class OrganisationListQuery extends PaginationQuery {
  @TextField({
    max: 100,
    optional: true,
    description: 'Part of the name, municipality or region (case does not matter)',
    example: 'Тольятти',
  })
  q?: string;
}
