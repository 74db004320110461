import { isIsoDate, notInFutureProblems } from '../shared/dates';
import type { UnmetCondition } from '../shared/refusal';
import { unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import { isOneOf } from '../shared/one-of';

/**
 * Training of mentors, tutors and curators in the preparatory stage (004 slide 44, issue 28): who was
 * trained, in which course (free text or an entry of the further-training catalogue), hours, dates and the
 * certificate. Kept with the staff directory (it names a person), never in Temporal.
 */
export const trainedRoles = ['mentor', 'tutor', 'curator'] as const;
export type TrainedRole = (typeof trainedRoles)[number];
export const isTrainedRole = isOneOf(trainedRoles);

export const trainedRoleLabels: Readonly<Record<TrainedRole, string>> = {
  mentor: 'Наставник',
  tutor: 'Тьютор',
  curator: 'Куратор',
};

/** The fields of a training record as forms, refusals and the person's history («исправлено: часы») name them. */
export const trainingFieldLabels: Readonly<Record<string, string>> = {
  role: 'роль',
  courseTitle: 'курс',
  catalogueEntryId: 'программа из каталога',
  hours: 'часы',
  dateFrom: 'начало обучения',
  dateTo: 'окончание обучения',
  certificateNumber: 'номер удостоверения',
};

export interface TrainingRecord {
  readonly personId: string;
  readonly role: TrainedRole;
  readonly courseTitle?: string;
  readonly catalogueEntryId?: string;
  readonly hours: number;
  readonly dateFrom: string;
  readonly dateTo: string;
  readonly certificateNumber?: string;
}

/**
 * What is wrong with a training record, beyond the fields' own formats (the API's DTO): the course named one
 * way, the period in order, and finished by today — a training is recorded once it took place.
 */
export const trainingRecordProblems = (
  record: TrainingRecord,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => [
  ...unmetIf(
    isUnsetOrBlank(record.courseTitle) && record.catalogueEntryId === undefined,
    'training.course.missing',
    'Не указан курс: выберите программу из каталога или впишите название',
  ),
  ...unmetIf(
    !isUnsetOrBlank(record.courseTitle) && record.catalogueEntryId !== undefined,
    'training.course.both',
    'Укажите курс одним способом: из каталога или названием',
  ),
  ...unmetIf(
    isIsoDate(record.dateFrom) && isIsoDate(record.dateTo) && record.dateTo < record.dateFrom,
    'training.dates.order',
    'Дата окончания обучения раньше даты начала',
  ),
  ...notInFutureProblems(record.dateTo, metadata, 'training.dateTo.future', 'Дата окончания обучения'),
];

/** One row of a further-training catalogue (title, provider, hours, form, optionally the federal registry's id). */
export interface CatalogueRow {
  readonly title: string;
  readonly provider: string;
  readonly hours: string;
  readonly form: string;
  readonly registryId?: string;
}

/** The catalogue file's columns, by their Russian (or English) header. */
export const catalogueColumns = {
  title: ['название', 'наименование', 'title'],
  provider: ['организация', 'провайдер', 'поставщик', 'provider'],
  hours: ['часы', 'объём', 'объем', 'hours'],
  form: ['форма', 'форма обучения', 'form'],
  registryId: ['id', 'id в реестре', 'идентификатор', 'номер в реестре', 'registry id', 'registryid'],
} as const;
export type CatalogueColumn = keyof typeof catalogueColumns;

export const catalogueColumnLabels: Readonly<Record<CatalogueColumn, string>> = {
  title: 'Название',
  provider: 'Организация',
  hours: 'Часы',
  form: 'Форма',
  registryId: 'ID в реестре',
};

/** Which column a header names, if any (case, spaces and ё ignored). */
export const catalogueColumnOf = (header: string): CatalogueColumn | undefined => {
  const key = header.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  return (Object.keys(catalogueColumns) as CatalogueColumn[]).find((column) =>
    (catalogueColumns[column] as readonly string[]).includes(key),
  );
};

/** The columns of a catalogue row that are wrong, with the column's Russian name (the API names the line). */
export const catalogueRowProblems = (row: CatalogueRow): { column: CatalogueColumn; message: string }[] => {
  const hours = Number(row.hours.trim());
  return [
    ...(row.title.trim() === '' ? [{ column: 'title' as const, message: 'не заполнено название' }] : []),
    ...(row.title.length > 500 ? [{ column: 'title' as const, message: 'название длиннее 500 символов' }] : []),
    ...(row.provider.trim() === '' ? [{ column: 'provider' as const, message: 'не указана организация' }] : []),
    ...(row.provider.length > 500
      ? [{ column: 'provider' as const, message: 'организация длиннее 500 символов' }]
      : []),
    ...(!Number.isInteger(hours) || hours < 1 || hours > 10000
      ? [{ column: 'hours' as const, message: 'часы — целое число от 1 до 10000' }]
      : []),
    ...(row.form.trim() === '' ? [{ column: 'form' as const, message: 'не указана форма обучения' }] : []),
    ...(row.form.length > 200 ? [{ column: 'form' as const, message: 'форма длиннее 200 символов' }] : []),
    ...((row.registryId ?? '').length > 100
      ? [{ column: 'registryId' as const, message: 'идентификатор длиннее 100 символов' }]
      : []),
  ];
};
