import { Field } from '../../components/ui';

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
