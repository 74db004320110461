import type { ReactNode } from 'react';
import { Field, labelledOptions, SelectField } from '../../components/ui';
import {
  employmentStatusLabels,
  personFieldLabels,
  qualificationCategoryLabels,
} from '../../../../../libs/domain/src/person/person.card';
import { yearFields, type CardValues, type EmploymentValues } from './person-values';

const textFields = ['surname', 'firstName', 'patronymic', 'education'] as const;
const dateFields = ['birthDate', 'lastAttestationDate'] as const;
const contactFields = [
  ['workEmail', 'email'],
  ['workPhone', 'tel'],
  ['personalEmail', 'email'],
  ['personalPhone', 'tel'],
] as const;

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
