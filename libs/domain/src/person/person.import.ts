import type { UnmetCondition } from '../shared/refusal';
import { unmetIf } from '../shared/rules';
import {
  changedPersonFields,
  employmentProblems,
  employmentStatusLabels,
  fullNameOf,
  personCardFacts,
  personCardProblems,
  personFieldLabels,
  personSearchKey,
  qualificationCategoryLabels,
  type PersonCard,
  type PersonCardField,
  type PersonEmployment,
} from './person.card';

/**
 * Staff import from a spreadsheet (issue 18): the columns of the template, how a row's texts become a
 * card and an employment, and what a row does to the directory (created / updated / unchanged / refused).
 * Pure: the API parses the file and reads the organisation's persons, this decides; the problems come
 * from `personCardProblems` and `employmentProblems`, so a row the preview accepts is a card the API accepts.
 */

export type ImportField = PersonCardField | keyof PersonEmployment;

/** The template's columns, in its order; headers are `personFieldLabels`. */
export const personImportFields = [
  'personnelKey',
  'surname',
  'firstName',
  'patronymic',
  'positions',
  'subjects',
  ...personCardFacts,
  'status',
  'statusFrom',
  'statusTo',
] as const satisfies readonly ImportField[];

/** The personnel key identifies a row on re-import; surname and first name make a card. */
export const requiredImportFields = ['personnelKey', 'surname', 'firstName'] as const satisfies readonly ImportField[];

/** At most this many data rows per file: a larger staff list is imported in parts. */
export const maxImportRows = 10_000;

const headerKey = (header: string) => personSearchKey(header.replace(/\*/g, ''));
const fieldByHeader = new Map<string, ImportField>(
  personImportFields.map((field) => [headerKey(personFieldLabels[field]), field]),
);

/** Which field each column holds (undefined for an empty header), or what is wrong with the header row. */
export const importColumns = (
  headers: readonly string[],
): { columns: (ImportField | undefined)[]; problems: UnmetCondition[] } => {
  const columns = headers.map((header) => (header.trim() === '' ? undefined : fieldByHeader.get(headerKey(header))));
  const unknown = headers.filter((header, index) => header.trim() !== '' && columns[index] === undefined);
  const repeated = personImportFields.filter((field) => columns.filter((c) => c === field).length > 1);
  const missing = requiredImportFields.filter((field) => !columns.includes(field));
  return {
    columns,
    problems: [
      ...unmetIf(
        unknown.length > 0,
        'personImport.headers.unknown',
        `Неизвестные столбцы: ${unknown.map((h) => `«${h.trim().slice(0, 60)}»`).join(', ')}; заголовки должны быть как в шаблоне`,
      ),
      ...unmetIf(
        repeated.length > 0,
        'personImport.headers.repeated',
        `Столбцы повторяются: ${repeated.map((f) => `«${personFieldLabels[f]}»`).join(', ')}`,
      ),
      ...unmetIf(
        missing.length > 0,
        'personImport.headers.missing',
        `Нет обязательных столбцов: ${missing.map((f) => `«${personFieldLabels[f]}»`).join(', ')}`,
      ),
    ],
  };
};

/** A row as read from the file: the text of each column present (absent columns leave a field as it is). */
export type ImportCells = Partial<Record<ImportField, string>>;

const russianDate = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** «05.09.2021» → «2021-09-05»; ISO stays; anything else is kept as typed and refused as not existing. */
export const importDate = (text: string): string => {
  const match = russianDate.exec(text);
  return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : text;
};

const byLabel = <K extends string>(labels: Readonly<Record<K, string>>) => {
  const keys = new Map<string, K>();
  for (const [key, label] of Object.entries(labels) as [K, string][]) {
    keys.set(personSearchKey(label), key);
    keys.set(personSearchKey(key), key);
  }
  return (text: string): K | string => keys.get(personSearchKey(text)) ?? text;
};
const categoryOf = byLabel(qualificationCategoryLabels);
const statusOf = byLabel(employmentStatusLabels);

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';
const years = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const list = (text: string) =>
  text
    .split(/[;,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The card and employment a row describes over what the directory holds: a column the file has replaces
 * the field (an empty cell clears it), a column it lacks keeps it.
 */
export const importedPerson = (
  cells: ImportCells,
  before?: { readonly card: PersonCard; readonly employment: PersonEmployment },
): { card: PersonCard; employment: PersonEmployment } => {
  const card: Record<string, unknown> = { ...before?.card };
  const employment: Record<string, unknown> = {
    positions: [],
    subjects: [],
    status: 'working',
    ...before?.employment,
  };
  for (const field of personImportFields) {
    const text = cells[field];
    if (text === undefined) continue;
    const value = text.trim();
    switch (field) {
      case 'positions':
      case 'subjects':
        employment[field] = list(value);
        break;
      case 'status':
        employment.status = present(value) ? statusOf(value) : 'working';
        break;
      case 'statusFrom':
      case 'statusTo':
        employment[field] = present(value) ? importDate(value) : undefined;
        break;
      case 'personnelKey':
        employment.personnelKey = value;
        break;
      case 'category':
        card.category = present(value) ? categoryOf(value) : undefined;
        break;
      case 'teachingExperienceYears':
      case 'subjectExperienceYears':
        card[field] = present(value) ? years(value) : undefined;
        break;
      case 'birthDate':
      case 'lastAttestationDate':
        card[field] = present(value) ? importDate(value) : undefined;
        break;
      default:
        card[field] = present(value) ? value : undefined;
    }
  }
  card.surname ??= '';
  card.firstName ??= '';
  return {
    card: card as unknown as PersonCard,
    employment: employment as unknown as PersonEmployment,
  };
};

/** A person of the organisation as the directory holds them, found by the personnel key. */
export interface ExistingPerson {
  readonly personId: string;
  readonly card: PersonCard;
  readonly employment: PersonEmployment;
  readonly depersonalised?: boolean;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

export interface ImportRowDecision {
  /** The row's line in the file (the header is line 1). */
  readonly line: number;
  readonly personnelKey: string;
  readonly fullName: string;
  readonly outcome: ImportOutcome;
  readonly personId?: string;
  readonly card?: PersonCard;
  readonly employment?: PersonEmployment;
  readonly changedCardFields: readonly PersonCardField[];
  readonly changedEmploymentFields: readonly (keyof PersonEmployment)[];
  readonly problems: readonly UnmetCondition[];
}

const employmentFields = ['positions', 'subjects', 'status', 'statusFrom', 'statusTo'] as const;
const employmentValue = (employment: PersonEmployment | undefined, field: (typeof employmentFields)[number]) => {
  const value = employment?.[field];
  return Array.isArray(value) ? value.join('\n') : ((value as string | undefined) ?? '');
};

/** Which employment fields differ (the personnel key is how the row was found, so it never does). */
export const changedEmploymentFields = (
  before: PersonEmployment | undefined,
  after: PersonEmployment,
): (keyof PersonEmployment)[] =>
  employmentFields.filter((field) => employmentValue(before, field) !== employmentValue(after, field));

/**
 * What each row does. `existing` holds the organisation's persons by personnel key. A key repeated in the
 * file refuses every row after its first (which one is right is the curator's call, not ours).
 */
export const decideImport = (
  rows: readonly { readonly line: number; readonly cells: ImportCells }[],
  existing: ReadonlyMap<string, ExistingPerson>,
  today: string,
): ImportRowDecision[] => {
  const firstLineOfKey = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const personnelKey = (cells.personnelKey ?? '').trim();
    const found = personnelKey === '' ? undefined : existing.get(personnelKey);
    const { card, employment } = importedPerson(cells, found);
    const earlier = firstLineOfKey.get(personnelKey);
    if (personnelKey !== '' && earlier === undefined) firstLineOfKey.set(personnelKey, line);
    const problems = [
      ...unmetIf(
        personnelKey === '',
        'personImport.personnelKey.missing',
        'Не указан табельный номер: по нему строка находит сотрудника при повторном импорте',
      ),
      ...unmetIf(
        earlier !== undefined,
        'personImport.personnelKey.repeated',
        `Табельный номер «${personnelKey}» уже встречается в строке ${earlier}`,
      ),
      ...unmetIf(found?.depersonalised === true, 'personImport.depersonalised', 'Сотрудник с этим номером обезличен'),
      ...personCardProblems(card, today),
      ...employmentProblems(employment),
    ];
    const base = { line, personnelKey, fullName: fullNameOf(card) };
    if (problems.length > 0) {
      return { ...base, outcome: 'refused', changedCardFields: [], changedEmploymentFields: [], problems };
    }
    const changedCard = changedPersonFields(found?.card, card);
    const changedEmployment = changedEmploymentFields(found?.employment, employment);
    const outcome: ImportOutcome = !found
      ? 'created'
      : changedCard.length + changedEmployment.length > 0
        ? 'updated'
        : 'unchanged';
    return {
      ...base,
      outcome,
      ...(found ? { personId: found.personId } : {}),
      card,
      employment,
      changedCardFields: changedCard,
      changedEmploymentFields: changedEmployment,
      problems: [],
    };
  });
};

/** The template's header row. */
export const personImportHeaders = (): string[] => personImportFields.map((field) => personFieldLabels[field]);
