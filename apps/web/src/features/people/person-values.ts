/** The staff forms' values: what the inputs hold, and the bodies the people API takes. */
import type {
  EmploymentStatus,
  PersonCard,
  PersonEmployment,
  QualificationCategory,
} from '../../../../../libs/domain/src/person/person.card';
import type { PersonCardView } from '../../types';

export const yearFields = ['teachingExperienceYears', 'subjectExperienceYears'] as const;

/** A card as the form holds it: every field as typed (numbers too), blank when not given. */
export type CardValues = Record<Exclude<keyof PersonCard, 'category'>, string> & {
  category: QualificationCategory | '';
};
export type EmploymentValues = {
  personnelKey: string;
  positions: string;
  subjects: string;
  status: EmploymentStatus;
  statusFrom: string;
  statusTo: string;
};

export const blankCard: CardValues = {
  surname: '',
  firstName: '',
  patronymic: '',
  birthDate: '',
  workEmail: '',
  workPhone: '',
  personalEmail: '',
  personalPhone: '',
  category: '',
  education: '',
  teachingExperienceYears: '',
  subjectExperienceYears: '',
  lastAttestationDate: '',
};

export const blankEmployment: EmploymentValues = {
  personnelKey: '',
  positions: '',
  subjects: '',
  status: 'working',
  statusFrom: '',
  statusTo: '',
};

/** The form's values of a card the API returned (sensitive fields stay blank when the API withheld them). */
export const cardValuesOf = (view: PersonCardView): CardValues => {
  const values = { ...blankCard };
  for (const key of Object.keys(blankCard) as (keyof CardValues)[]) {
    const value = view[key];
    if (value !== undefined && value !== null) (values as Record<string, string>)[key] = String(value);
  }
  return values;
};

/** What the API receives: blanks left out, years as numbers (a non-number is sent as typed so the API names it). */
/** The fields an edit emptied: PATCH sends them as null, which clears them. */
export const clearedFields = (before: CardValues, after: CardValues): (keyof CardValues)[] =>
  (Object.keys(after) as (keyof CardValues)[]).filter((key) => before[key].trim() !== '' && after[key].trim() === '');

export function cardBody(values: CardValues): Partial<PersonCard> {
  const body: Record<string, string | number> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (!value) continue;
    body[key] = (yearFields as readonly string[]).includes(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return body as Partial<PersonCard>;
}

const list = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean);

export function employmentBody(values: EmploymentValues): PersonEmployment {
  return {
    ...(values.personnelKey.trim() ? { personnelKey: values.personnelKey.trim() } : {}),
    // A position may itself hold a comma («учитель математики, физики»): positions are separated by «;».
    positions: list(values.positions, /;|\n/),
    subjects: list(values.subjects, /[;,\n]/),
    status: values.status,
    ...(values.statusFrom ? { statusFrom: values.statusFrom } : {}),
    ...(values.statusTo ? { statusTo: values.statusTo } : {}),
  };
}
