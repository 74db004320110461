import type { ReactNode } from 'react';
import { DoneBox, ErrorBox, Field, Progress } from '../../components/ui';
import type { useXmlUpload } from './read-file';

/** The XML file of a calendar (a federal year or a region's overlay) to load, in the `xml` field. */
export function XmlFileField({
  label,
  hint,
  error,
  onFile,
}: {
  label: string;
  hint?: string;
  error: unknown;
  onFile: (file: File | null) => void;
}) {
  return (
    <Field label={label} field="xml" error={error} hint={hint}>
      {(props) => (
        <input
          {...props}
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}

/** An upload's submit button (`children`, disabled while it runs), its progress, and what came of it. */
export function XmlUploadOutcome({
  upload,
  children,
}: {
  upload: Pick<ReturnType<typeof useXmlUpload>, 'stage' | 'error' | 'done'>;
  children: ReactNode;
}) {
  const { stage, error, done } = upload;
  return (
    <>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={stage !== null}>
          {children}
        </button>
      </div>
      {stage ? <Progress label={stage.label} value={stage.value} max={stage.max} /> : null}
      <ErrorBox error={error} />
      <DoneBox done={done} />
    </>
  );
}
