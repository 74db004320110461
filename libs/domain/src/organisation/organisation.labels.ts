import type { OrganisationKind, StaffRole } from './organisation.events';

export const staffRoleLabels: Readonly<Record<StaffRole, string>> = {
  director: 'Руководитель',
  curator: 'Куратор',
  commissionHead: 'Руководитель методической комиссии',
  psychologist: 'Педагог-психолог',
  methodologist: 'Методист',
  tutor: 'Тьютор',
};

export const organisationKindLabels: Readonly<Record<OrganisationKind, string>> = {
  school: 'Общеобразовательная организация',
  college: 'Профессиональная образовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  additionalEducation: 'Организация дополнительного образования',
  other: 'Иная организация',
  professionalExcellenceCentre: 'ЦНППМ (центр непрерывного повышения профессионального мастерства)',
  educationDevelopmentInstitute: 'ИРО (институт развития образования)',
  municipalMethodCentre: 'Муниципальный методический центр',
};
