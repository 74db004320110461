import type { UnmetCondition } from '../shared/refusal';
import { unmetIf } from '../shared/rules';
import { isIsoDate } from '../shared/dates';
import { isOneOf } from '../shared/one-of';

/**
 * A person of the staff directory (issue 18). The card lives in the `personal` schema, never in events:
 * events name a person by id only, so erasing the card (depersonalisation, 152-ФЗ) leaves every hashed
 * history intact and verifiable.
 */

/** Квалификационная категория (Приказ Минпросвещения № 196 of 24.03.2023 adds the last two). */
export const qualificationCategories = ['none', 'first', 'highest', 'methodologist', 'mentor'] as const;
export type QualificationCategory = (typeof qualificationCategories)[number];

export const qualificationCategoryLabels: Readonly<Record<QualificationCategory, string>> = {
  none: 'без категории',
  first: 'первая',
  highest: 'высшая',
  methodologist: 'педагог-методист',
  mentor: 'педагог-наставник',
};

/** A person's employment in one organisation (совместительство: one person, several employments). */
export const employmentStatuses = ['working', 'parentalLeave', 'dismissed'] as const;
export type EmploymentStatus = (typeof employmentStatuses)[number];

export const employmentStatusLabels: Readonly<Record<EmploymentStatus, string>> = {
  working: 'работает',
  parentalLeave: 'в отпуске по уходу за ребёнком',
  dismissed: 'уволен',
};

/** The card's fields. Those in `sensitivePersonFields` are shown only to the roles the README names. */
export interface PersonCard {
  readonly surname: string;
  readonly firstName: string;
  readonly patronymic?: string;
  readonly birthDate?: string;
  readonly workEmail?: string;
  readonly workPhone?: string;
  readonly personalEmail?: string;
  readonly personalPhone?: string;
  readonly category?: QualificationCategory;
  readonly education?: string;
  readonly teachingExperienceYears?: number;
  readonly subjectExperienceYears?: number;
  readonly lastAttestationDate?: string;
}

export type PersonCardField = keyof PersonCard;

/** The card's facts after the name, in the order a personnel file reads them (the card page, the import template). */
export const personCardFacts = [
  'category',
  'education',
  'teachingExperienceYears',
  'subjectExperienceYears',
  'lastAttestationDate',
  'workEmail',
  'workPhone',
  'birthDate',
  'personalEmail',
  'personalPhone',
] as const satisfies readonly PersonCardField[];

export const sensitivePersonFields = [
  'birthDate',
  'personalEmail',
  'personalPhone',
] as const satisfies readonly PersonCardField[];

/** A person's employment in one organisation, as the directory holds it. */
export interface PersonEmployment {
  /** Табельный номер or another key the organisation chooses, unique within the organisation. */
  readonly personnelKey?: string;
  readonly positions: readonly string[];
  readonly subjects: readonly string[];
  readonly status: EmploymentStatus;
  readonly statusFrom?: string;
  readonly statusTo?: string;
}

/** Russian field names for the messages a person reads (forms, import previews). */
export const personFieldLabels: Readonly<Record<PersonCardField | keyof PersonEmployment, string>> = {
  surname: 'Фамилия',
  firstName: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  workEmail: 'Рабочая электронная почта',
  workPhone: 'Рабочий телефон',
  personalEmail: 'Личная электронная почта',
  personalPhone: 'Личный телефон',
  category: 'Квалификационная категория',
  education: 'Образование',
  teachingExperienceYears: 'Педагогический стаж, лет',
  subjectExperienceYears: 'Стаж по предмету, лет',
  lastAttestationDate: 'Дата последней аттестации',
  personnelKey: 'Табельный номер',
  positions: 'Должность',
  subjects: 'Предметы',
  status: 'Статус',
  statusFrom: 'Статус с',
  statusTo: 'Статус по',
};

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';
const badDate = (value: string | undefined): boolean => value !== undefined && !isIsoDate(value);
const badYears = (value: number | undefined): boolean =>
  value !== undefined && (!Number.isInteger(value) || value < 0 || value > 70);

/**
 * Every problem of a card, in Russian: the API (400/422) and the import preview (a refused row) both
 * ask this one function, so a row the preview accepts is a card the API accepts.
 */
export const personCardProblems = (card: PersonCard, today?: string): UnmetCondition[] => [
  ...unmetIf(blank(card.surname), 'person.surname.missing', 'Не указана фамилия'),
  ...unmetIf(blank(card.firstName), 'person.firstName.missing', 'Не указано имя'),
  ...unmetIf(badDate(card.birthDate), 'person.birthDate.invalid', 'Дата рождения не существует'),
  ...unmetIf(
    badDate(card.lastAttestationDate),
    'person.lastAttestationDate.invalid',
    'Дата последней аттестации не существует',
  ),
  ...unmetIf(
    today !== undefined && isIsoDate(card.lastAttestationDate) && card.lastAttestationDate > today,
    'person.lastAttestationDate.future',
    'Дата последней аттестации ещё не наступила',
  ),
  ...unmetIf(
    today !== undefined && isIsoDate(card.birthDate) && card.birthDate > today,
    'person.birthDate.future',
    'Дата рождения ещё не наступила',
  ),
  ...unmetIf(
    card.category !== undefined && !isOneOf(qualificationCategories)(card.category),
    'person.category.unknown',
    `Неизвестная квалификационная категория; допустимы: ${Object.values(qualificationCategoryLabels).join(', ')}`,
  ),
  ...unmetIf(
    badYears(card.teachingExperienceYears),
    'person.teachingExperience.invalid',
    'Педагогический стаж должен быть целым числом лет от 0 до 70',
  ),
  ...unmetIf(
    badYears(card.subjectExperienceYears),
    'person.subjectExperience.invalid',
    'Стаж по предмету должен быть целым числом лет от 0 до 70',
  ),
  ...unmetIf(
    card.teachingExperienceYears !== undefined &&
      card.subjectExperienceYears !== undefined &&
      card.subjectExperienceYears > card.teachingExperienceYears,
    'person.subjectExperience.exceedsTotal',
    'Стаж по предмету больше общего педагогического стажа',
  ),
];

export const employmentProblems = (employment: PersonEmployment): UnmetCondition[] => [
  ...unmetIf(
    !isOneOf(employmentStatuses)(employment.status),
    'person.status.unknown',
    `Неизвестный статус; допустимы: ${Object.values(employmentStatusLabels).join(', ')}`,
  ),
  ...unmetIf(badDate(employment.statusFrom), 'person.statusFrom.invalid', 'Дата начала статуса не существует'),
  ...unmetIf(badDate(employment.statusTo), 'person.statusTo.invalid', 'Дата окончания статуса не существует'),
  ...unmetIf(
    isIsoDate(employment.statusFrom) && isIsoDate(employment.statusTo) && employment.statusTo < employment.statusFrom,
    'person.statusTo.beforeFrom',
    'Дата окончания статуса раньше даты начала',
  ),
];

/**
 * The key pickers search by: lower case, ё folded to е, single spaces — so «Ёлкина», «елкина» and
 * «ЕЛКИНА» find the same person. The database indexes this same value (one rule, one place).
 */
export const personSearchKey = (text: string): string =>
  text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** «Иванова Мария Петровна». */
export const fullNameOf = (card: Pick<PersonCard, 'surname' | 'firstName' | 'patronymic'>): string =>
  [card.surname, card.firstName, card.patronymic]
    .filter((part) => !blank(part))
    .map((part) => part!.trim())
    .join(' ');

/** «Иванова М. П.», the form lists and task titles use. */
export const shortNameOf = (card: Pick<PersonCard, 'surname' | 'firstName' | 'patronymic'>): string =>
  [
    card.surname.trim(),
    ...[card.firstName, card.patronymic].filter((part) => !blank(part)).map((part) => `${part!.trim()[0]}.`),
  ].join(' ');

/** What every screen shows in place of a depersonalised person's name. */
export const depersonalisedName = 'Обезличено';

/** Every field of the card, in its declaration order (the directory's columns, a change event's `fields`). */
export const personCardFields: readonly PersonCardField[] = Object.keys(personFieldLabels).filter(
  (field): field is PersonCardField =>
    !['personnelKey', 'positions', 'subjects', 'status', 'statusFrom', 'statusTo'].includes(field),
);

/**
 * Which card fields differ (blank and absent count as equal): the event of a change names these, and a
 * re-import that changes nothing writes nothing.
 */
export const changedPersonFields = (before: PersonCard | undefined, after: PersonCard): PersonCardField[] =>
  personCardFields.filter((field) => normalised(before?.[field]) !== normalised(after[field]));

const normalised = (value: string | number | undefined): string =>
  value === undefined ? '' : typeof value === 'number' ? String(value) : value.trim();

/** A person as lists name them (API and web read this one shape). */
export interface PersonName {
  fullName: string;
  shortName: string;
  /**
   * Whether consent to the processing of personal data is recorded (152-ФЗ): a person without it is flagged.
   * Absent for a depersonalised person, who has no name left to flag (issue 18).
   */
  hasConsent?: boolean;
}

/** GET /organisations/:id/people: one line of the staff directory, ordered by surname. */
export interface PersonListItem extends PersonName {
  personId: string;
  positions: string[];
  subjects: string[];
  category?: QualificationCategory;
  status: EmploymentStatus;
  workEmail?: string;
  workPhone?: string;
}
