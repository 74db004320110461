import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { isScanMediaType, maxScanBytes, type ScanMediaType } from '@mentorflow/domain';

export type ScanContentCheck =
  | { readonly ok: true; readonly mediaType: ScanMediaType; readonly sha256: string; readonly size: number }
  | { readonly ok: false; readonly constraint: 'maxSize' | 'isEmpty' | 'mediaType'; readonly message: string };

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * What the file is, by its bytes (file-type reads the signature: `%PDF`, JPEG's FFD8FF, PNG's 89 50 4E 47), not
 * by the name or type the browser sent: a renamed program is refused. Its SHA-256 and size come with it.
 */
export async function checkScanContent(bytes: Buffer): Promise<ScanContentCheck> {
  if (bytes.length === 0) return { ok: false, constraint: 'isEmpty', message: 'Файл скана пустой' };
  if (bytes.length > maxScanBytes) {
    return {
      ok: false,
      constraint: 'maxSize',
      message: 'Файл скана больше 20 МБ; уменьшите разрешение или разделите скан',
    };
  }
  const detected = await fromBuffer(bytes);
  if (detected === undefined || !isScanMediaType(detected.mime)) {
    return {
      ok: false,
      constraint: 'mediaType',
      message: 'Скан принимается только в формате PDF, JPEG или PNG (тип определяется по содержимому файла)',
    };
  }
  return { ok: true, mediaType: detected.mime, sha256: sha256Of(bytes), size: bytes.length };
}
