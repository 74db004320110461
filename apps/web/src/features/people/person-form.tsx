import type { ReactNode } from 'react';
import { InputField, labelledOptions, SelectField } from '../../components/ui';
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
    <InputField
      key={key}
      label={personFieldLabels[key]}
      field={key}
      error={error}
      {...extra}
      type={type}
      value={values[key]}
      onChange={set(key)}
    />
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
      <InputField
        label={personFieldLabels.personnelKey}
        field="personnelKey"
        error={error}
        value={values.personnelKey}
        onChange={set('personnelKey')}
      />
      <InputField
        label={personFieldLabels.positions}
        field="positions"
        error={error}
        hint="Несколько должностей — через точку с запятой"
        value={values.positions}
        onChange={set('positions')}
      />
      <InputField
        label={personFieldLabels.subjects}
        field="subjects"
        error={error}
        hint="Через запятую"
        value={values.subjects}
        onChange={set('subjects')}
      />
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
          <InputField
            label={personFieldLabels.statusFrom}
            field="statusFrom"
            error={error}
            type="date"
            value={values.statusFrom}
            onChange={set('statusFrom')}
          />
          <InputField
            label={personFieldLabels.statusTo}
            field="statusTo"
            error={error}
            type="date"
            value={values.statusTo}
            onChange={set('statusTo')}
          />
        </>
      )}
    </>
  );
}
