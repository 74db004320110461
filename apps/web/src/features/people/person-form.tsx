import type { ReactNode } from 'react';
import { bindValues } from '../../components/form-values';
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
  const bind = bindValues(values, onChange);
  const input = (key: keyof CardValues, type = 'text', extra: Record<string, unknown> = {}): ReactNode => (
    <InputField key={key} label={personFieldLabels[key]} error={error} {...extra} type={type} {...bind(key)} />
  );
  const sensitive = (key: string) => withSensitive || !['birthDate', 'personalEmail', 'personalPhone'].includes(key);
  return (
    <>
      {textFields.slice(0, 3).map((key) => input(key, 'text', { autoComplete: 'off' }))}
      <SelectField
        label={personFieldLabels.category}
        error={error}
        {...bind('category')}
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
  const bind = bindValues(values, onChange);
  const input = (key: keyof EmploymentValues, props: { type?: string; hint?: string } = {}) => (
    <InputField label={personFieldLabels[key]} error={error} {...props} {...bind(key)} />
  );
  return (
    <>
      {input('personnelKey')}
      {input('positions', { hint: 'Несколько должностей — через точку с запятой' })}
      {input('subjects', { hint: 'Через запятую' })}
      <SelectField
        label={personFieldLabels.status}
        error={error}
        {...bind('status')}
        options={labelledOptions(employmentStatusLabels)}
      />
      {values.status === 'working' ? null : (
        <>
          {input('statusFrom', { type: 'date' })}
          {input('statusTo', { type: 'date' })}
        </>
      )}
    </>
  );
}
