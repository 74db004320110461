/**
 * The signed scan of a registered document (issue 22): the file's date and the first characters of its
 * SHA-256 (what the audit shows), «Скачать скан», and for those who register documents «Прикрепить скан».
 * The file is checked by its content on the server; a later file replaces the shown one (both stay in the audit).
 */
import { useState, type ChangeEvent } from 'react';
import { download, postJson, saveBlob } from '../../api';
import { DoneBox, ErrorBox } from '../../components/ui';
import { formatInstant } from '../../format';
import { useSubmit } from '../../use-submit';
import { readBase64 } from '../calendar/read-file';
import type { DocumentScanInfo } from '../../types';

/** As the API measures it: checked here first only to spare a 20 MB upload that would be refused. */
const maxScanBytes = 20 * 1024 * 1024;

export function DocumentScan({
  scan: recorded,
  title,
  uploadPath,
  uploadBody = {},
  downloadPath,
  canAttach,
  zone,
}: {
  scan: DocumentScanInfo | undefined;
  /** The document, for the buttons' accessible names: «Прикрепить скан: Приказ о закреплении». */
  title: string;
  uploadPath: string;
  /** What else the upload names (the pair's document kind, the person of a consent). */
  uploadBody?: Record<string, string>;
  downloadPath: string;
  canAttach: boolean;
  zone: string;
}) {
  const [attached, setAttached] = useState<DocumentScanInfo | undefined>(undefined);
  const scan = attached ?? recorded;
  const { submit, busy, error, done } = useSubmit();
  const attach = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void submit(async () => {
      if (file.size > maxScanBytes) throw new Error('Файл скана больше 20 МБ; уменьшите разрешение или разделите скан');
      setAttached(await postJson<DocumentScanInfo>(uploadPath, { ...uploadBody, content: await readBase64(file) }));
      return 'Скан прикреплён';
    });
  };
  const save = () =>
    void submit(async () => saveBlob(await download(downloadPath, () => {}), scan?.fileName ?? 'скан'));
  return (
    <div className="document-scan">
      {scan ? (
        <span>
          Скан от {formatInstant(scan.attachedAt, zone)}, SHA-256 <code>{scan.sha256.slice(0, 12)}…</code>
        </span>
      ) : (
        <span className="hint">Скан не прикреплён</span>
      )}
      <div className="actions">
        {scan ? (
          <button type="button" onClick={save} disabled={busy} aria-label={`Скачать скан: ${title}`}>
            Скачать скан
          </button>
        ) : null}
        {canAttach ? (
          <label className="button">
            Прикрепить скан (PDF, JPEG, PNG до 20 МБ)
            <input
              type="file"
              className="visually-hidden"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              onChange={attach}
              disabled={busy}
              aria-label={`Прикрепить скан (PDF, JPEG, PNG до 20 МБ): ${title}`}
            />
          </label>
        ) : null}
      </div>
      <ErrorBox error={error} title="Скан не принят" />
      <DoneBox done={done} />
    </div>
  );
}
