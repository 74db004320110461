import type { ImportOutcome, UnmetCondition } from '@mentorflow/domain';
import { IsBase64Text } from '../common/base64.validator';
import { TextField } from '../common/fields';

/** base64 of a file of at most 10 MiB (maxImportFileBytes), with room for its padding. */
const maxBase64Length = 14_000_000;

export class PeopleImportFileDto {
  @TextField({ max: 255, description: 'Имя файла, как его выбрал пользователь (для сообщений)', example: 'staff.xlsx' })
  fileName!: string;

  @TextField(
    {
      max: maxBase64Length,
      description:
        'Содержимое файла XLSX или CSV (UTF-8 или Windows-1251, разделитель «;» или «,») в base64; не более 10 МиБ, ' +
        'не более 10 000 строк; заголовки — как в шаблоне (GET …/people/import/template)',
    },
    IsBase64Text(),
  )
  content!: string;
}

/** What preview and apply answer: per row what it does (or why it is refused), and the counts. */
export interface PeopleImportView {
  fileName: string;
  /** true: the valid rows are stored (apply); false: nothing is (preview). */
  applied: boolean;
  counts: Record<ImportOutcome, number>;
  rows: {
    /** The row's line in the file (the header is line 1). */
    line: number;
    personnelKey: string;
    fullName: string;
    outcome: ImportOutcome;
    personId?: string;
    changedFields: string[];
    /** The same fields in Russian, as the preview table shows them. */
    changedFieldLabels: string[];
    problems: readonly UnmetCondition[];
  }[];
}
