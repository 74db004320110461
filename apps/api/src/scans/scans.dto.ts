import { pairScanKinds, type PairScanKind } from '@mentorflow/domain';
import { IsBase64Text } from '../common/base64.validator';
import { EnumField, TextField, UuidField } from '../common/fields';

/**
 * A 20 MB scan is ≈ 28 MB of base64: longer texts are refused here; the decoded size (at most 20 MB) is checked
 * with the content, so a 21 MB file is told it is too large rather than that its text is too long.
 */
const maxScanBase64Length = 30_000_000;

/** Up to 30 MB of base64 in JSON: the scan routes take that much, every other route 1 MiB. */
export const scanBodyLimit = { bodyLimit: 32 * 1024 * 1024 };

/** The file's bytes as base64; its name is not a field (it may name a person): the file is named after the document. */
const ScanContentField = (): PropertyDecorator =>
  TextField(
    {
      max: maxScanBase64Length,
      description:
        'Скан подписанного документа в base64: PDF, JPEG или PNG (тип определяется по содержимому), не более 20 МБ. ' +
        'Имя файла не передаётся и не хранится: файл получает имя по документу',
    },
    IsBase64Text(),
  );

export class ScanUploadDto {
  @ScanContentField()
  content!: string;
}

/** The pair's document: a consent names its person, a replacement order its replacement. */
export class PairScanQuery {
  @EnumField(pairScanKinds, {
    description:
      'Документ пары: assignmentOrder — приказ о закреплении, consent — согласие (personId), ' +
      'replacementOrder — приказ о замене наставника (replacementId), terminationOrder — приказ о прекращении',
  })
  kind!: PairScanKind;

  @UuidField({ optional: true, description: 'Чьё согласие (для kind=consent)' })
  personId?: string;

  @UuidField({ optional: true, description: 'Какая замена (для kind=replacementOrder)' })
  replacementId?: string;
}

/** An upload names the pair's document in its body, as the download does in its query. */
export class PairScanUploadDto extends PairScanQuery {
  @ScanContentField()
  content!: string;
}
