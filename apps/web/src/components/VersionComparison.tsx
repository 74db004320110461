/**
 * Two versions of a document side by side (a route's road map, a pair's personalised programme): rows added,
 * removed and changed, the changed fields highlighted, each version with who made it, when and why.
 */
import { useState, type ReactNode } from 'react';
import { DataTable, SelectField } from './ui';
import { compareRows, type Change, type VersionField } from './version-diff';

export interface ComparedVersion<T> {
  /** «Версия 2: корректировка». */
  label: string;
  /** Who made it, when and why. */
  about: ReactNode;
  /** The column heading of this version in the table. */
  column: string;
  rows: readonly T[];
}

const changeLabels: Record<Change['kind'], string> = {
  added: 'Добавлено',
  removed: 'Удалено',
  changed: 'Изменено',
  same: 'Без изменений',
};

function RowCell<T, K extends string>({
  row,
  fields,
  marked,
}: {
  row: T | undefined;
  fields: readonly VersionField<T, K>[];
  marked: readonly K[];
}) {
  if (row === undefined) return <td className="empty">—</td>;
  const shown = fields.filter(([, , show]) => show(row) !== '');
  return (
    <td>
      {shown.map(([key, , show], i) => (
        <span key={key} className="version-field">
          {marked.includes(key) ? <mark>{show(row)}</mark> : show(row)}
          {i === shown.length - 1 ? null : i === 0 ? <br /> : ' · '}
        </span>
      ))}
    </td>
  );
}

/** Compares the last version with the one before by default; either may be chosen. Nothing below two versions. */
export function VersionComparison<T, K extends string>({
  id,
  title,
  tableLabel,
  versions,
  keyOf,
  fields,
  className,
}: {
  id: string;
  title: string;
  tableLabel: string;
  versions: readonly ComparedVersion<T>[];
  keyOf: (row: T) => string;
  fields: readonly VersionField<T, K>[];
  className?: string;
}) {
  const last = versions.length - 1;
  const [left, setLeft] = useState(String(Math.max(0, last - 1)));
  const [right, setRight] = useState(String(last));
  if (versions.length < 2) return null;
  const a = versions[Number(left)] ?? versions[0]!;
  const b = versions[Number(right)] ?? versions[last]!;
  const rows = compareRows(a.rows, b.rows, keyOf, fields);
  const count = (kind: Change['kind']) => rows.filter((r) => r.change.kind === kind).length;
  const options = versions.map((v, i) => [String(i), v.label] as const);
  return (
    <section aria-labelledby={id} className={`version-comparison ${className ?? ''}`}>
      <h3 id={id}>{title}</h3>
      <div className="form-grid">
        <SelectField label="Сравнить версию" field="left" value={left} onChange={setLeft} options={options} />
        <SelectField label="с версией" field="right" value={right} onChange={setRight} options={options} />
      </div>
      <p role="status">
        Добавлено: {count('added')}, удалено: {count('removed')}, изменено: {count('changed')}.
      </p>
      <ul className="version-notes">
        <li>
          {a.label} — {a.about}
        </li>
        <li>
          {b.label} — {b.about}
        </li>
      </ul>
      <div className="sticky-first-column">
        <DataTable label={tableLabel} columns={['Изменение', a.column, b.column]}>
          {rows.map(({ key, before, after, change }) => (
            <tr key={key} className={`diff-${change.kind}`}>
              <th scope="row">
                {changeLabels[change.kind]}
                {change.kind === 'changed' ? (
                  <small>
                    {' '}
                    (
                    {fields
                      .filter(([field]) => change.fields.includes(field))
                      .map(([, label]) => label)
                      .join(', ')}
                    )
                  </small>
                ) : null}
              </th>
              <RowCell row={before} fields={fields} marked={change.fields} />
              <RowCell row={after} fields={fields} marked={change.fields} />
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
