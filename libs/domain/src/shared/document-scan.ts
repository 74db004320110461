import type { UnmetCondition } from './refusal';
import { isOneOf } from './one-of';
import { unmetIf } from './rules';

/** The signed original of a registered document is kept as one of these (issue 22), checked by content. */
export const scanMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanMediaType = (typeof scanMediaTypes)[number];
export const isScanMediaType = isOneOf(scanMediaTypes);

export const scanExtensions: Readonly<Record<ScanMediaType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** 20 MB (MiB): a multi-page scan at 300 dpi fits; larger files are refused before anything is stored. */
export const maxScanBytes = 20 * 1024 * 1024;

/**
 * A stored file as a document's event records it. `fileName` is generated from the document (kind, number or
 * date, extension): the name the user's file had may name a person, and the event outlives erasure requests,
 * so it is not kept.
 */
export interface DocumentScan {
  /** Where the storage holds the bytes: one key per upload, so a replacement never overwrites the file an older event names. */
  readonly storageKey: string;
  /** Lower-case hex SHA-256 of the bytes: a download whose bytes hash differently is reported as damaged. */
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: ScanMediaType;
  readonly fileName: string;
}

/** A scan as the document's state keeps it: the latest one, with who attached it when and the one it replaced. */
export interface AttachedDocumentScan extends DocumentScan {
  readonly attachedAt: string;
  readonly attachedBy: string;
  readonly replacesSha256?: string;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** What the API measured of the file: checked again where it is decided, so no command records a malformed scan. */
export const documentScanProblems = (scan: DocumentScan): UnmetCondition[] => [
  ...unmetIf(
    typeof scan.storageKey !== 'string' || scan.storageKey.trim() === '',
    'scan.storageKey.empty',
    'Не указано, где хранится файл скана',
  ),
  ...unmetIf(
    typeof scan.sha256 !== 'string' || !sha256Pattern.test(scan.sha256),
    'scan.sha256.invalid',
    'Контрольная сумма скана должна быть SHA-256 (64 шестнадцатеричных знака)',
  ),
  ...unmetIf(
    !Number.isInteger(scan.size) || scan.size <= 0 || scan.size > maxScanBytes,
    'scan.size.invalid',
    'Размер скана должен быть от 1 байта до 20 МБ',
  ),
  ...unmetIf(!isScanMediaType(scan.mediaType), 'scan.mediaType.invalid', 'Скан должен быть файлом PDF, JPEG или PNG'),
  ...unmetIf(
    typeof scan.fileName !== 'string' || scan.fileName.trim() === '',
    'scan.fileName.empty',
    'Не указано имя файла скана',
  ),
];

/** The scan's fields only: a command's data may carry more, the event keeps exactly these. */
export const scanFields = ({ storageKey, sha256, size, mediaType, fileName }: DocumentScan): DocumentScan => ({
  storageKey,
  sha256,
  size,
  mediaType,
  fileName,
});

/** The latest scan after `attached`: it replaces the previous one (whose hash the event keeps). */
export const attachedScan = (
  scan: DocumentScan & { readonly attachedAt: string; readonly attachedBy: string; readonly replacesSha256?: string },
): AttachedDocumentScan => ({
  ...scanFields(scan),
  attachedAt: scan.attachedAt,
  attachedBy: scan.attachedBy,
  ...(scan.replacesSha256 === undefined ? {} : { replacesSha256: scan.replacesSha256 }),
});
