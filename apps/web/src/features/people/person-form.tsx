import type { ReactNode } from 'react';
import { Field, labelledOptions, SelectField } from '../../components/ui';
import {
  employmentStatusLabels,
  personFieldLabels,
  qualificationCategoryLabels,
  type EmploymentStatus,
  type PersonCard,
  type PersonEmployment,
  type QualificationCategory,
} from '../../../../../libs/domain/src/person/person.card';
import type { PersonCardView } from '../../types';

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

const textFields = ['surname', 'firstName', 'patronymic', 'education'] as const;
const dateFields = ['birthDate', 'lastAttestationDate'] as const;
const yearFields = ['teachingExperienceYears', 'subjectExperienceYears'] as const;
const contactFields = [
  ['workEmail', 'email'],
  ['workPhone', 'tel'],
  ['personalEmail', 'email'],
  ['personalPhone', 'tel'],
] as const;

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

/** Every card field, labelled in Russian (the labels the import's column headers use too). */
export function CardFields({
  values,
  onChange,
  error,
  withSensitive = true,
}: {
  values: CardValues;
  onChange: (values: CardValues) => void;
  error?: unknown;
  /** Birth date, personal e-mail and phone: only for those who may read and write them. */
  withSensitive?: boolean;
}) {
  const set = (key: keyof CardValues) => (value: string) => onChange({ ...values, [key]: value });
  const input = (key: keyof CardValues, type = 'text', extra: Record<string, unknown> = {}): ReactNode => (
    <Field key={key} label={personFieldLabels[key]} field={key} error={error}>
      {(props) => (
        <input {...props} {...extra} type={type} value={values[key]} onChange={(e) => set(key)(e.target.value)} />
      )}
    </Field>
  );
  const sensitive = (key: string) => withSensitive || !['birthDate', 'personalEmail', 'personalPhone'].includes(key);
  return (
    <>
      {textFields.slice(0, 3).map((key) => input(key, 'text', { autoComplete: 'off' }))}
      <SelectField
        label={personFieldLabels.category}
        field="category"
        error={error}
        value={values.category}
        onChange={set('category')}
        empty="— не указана —"
        options={labelledOptions(qualificationCategoryLabels)}
      />
      {input('education')}
      {yearFields.map((key) => input(key, 'number', { min: 0, max: 70, inputMode: 'numeric' }))}
      {dateFields.filter(sensitive).map((key) => input(key, 'date'))}
      {contactFields.filter(([key]) => sensitive(key)).map(([key, type]) => input(key, type))}
    </>
  );
}

/** The employment in one organisation: personnel key, positions, subjects and status with its dates. */
export function EmploymentFields({
  values,
  onChange,
  error,
}: {
  values: EmploymentValues;
  onChange: (values: EmploymentValues) => void;
  error?: unknown;
}) {
  const set = (key: keyof EmploymentValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <>
      <Field label={personFieldLabels.personnelKey} field="personnelKey" error={error}>
        {(props) => (
          <input {...props} value={values.personnelKey} onChange={(e) => set('personnelKey')(e.target.value)} />
        )}
      </Field>
      <Field
        label={personFieldLabels.positions}
        field="positions"
        error={error}
        hint="Несколько должностей — через точку с запятой"
      >
        {(props) => <input {...props} value={values.positions} onChange={(e) => set('positions')(e.target.value)} />}
      </Field>
      <Field label={personFieldLabels.subjects} field="subjects" error={error} hint="Через запятую">
        {(props) => <input {...props} value={values.subjects} onChange={(e) => set('subjects')(e.target.value)} />}
      </Field>
      <SelectField
        label={personFieldLabels.status}
        field="status"
        error={error}
        value={values.status}
        onChange={set('status')}
        options={labelledOptions(employmentStatusLabels)}
      />
      {values.status === 'working' ? null : (
        <>
          <Field label={personFieldLabels.statusFrom} field="statusFrom" error={error}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={values.statusFrom}
                onChange={(e) => set('statusFrom')(e.target.value)}
              />
            )}
          </Field>
          <Field label={personFieldLabels.statusTo} field="statusTo" error={error}>
            {(props) => (
              <input {...props} type="date" value={values.statusTo} onChange={(e) => set('statusTo')(e.target.value)} />
            )}
          </Field>
        </>
      )}
    </>
  );
}
