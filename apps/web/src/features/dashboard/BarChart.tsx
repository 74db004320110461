import { useId } from 'react';
import { DataTable } from '../../components/ui';
import { formatShare, type CountRow } from './report-types';

/**
 * A breakdown as horizontal bars: each row's label and its count (with its share) are text, so they read in
 * print, on a phone and to a screen reader alike; the bar itself is a drawing (SVG) scaled to the row's width.
 * Bars are drawn against the largest count, or against `of` (e.g. the number of organisations) when given.
 * The figures follow as a table under «Таблица значений» for copying.
 */
export function BarChart({
  title,
  rows,
  of,
  unit,
  note,
}: {
  title: string;
  rows: readonly CountRow[];
  /** The whole the bars are drawn against; the largest count when absent. */
  of?: number;
  /** What is counted, for the table's heading («Организаций», «Пар/групп»). */
  unit: string;
  note?: string;
}) {
  const titleId = useId();
  const max = Math.max(of ?? 0, ...rows.map((r) => r.count), 1);
  return (
    <figure className="card bar-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="bar-chart-title">
        {title}
      </figcaption>
      {note ? <p className="hint">{note}</p> : null}
      <ul className="bars">
        {rows.map((row) => (
          <li key={row.key} className="bar-row">
            <span className="bar-label">{row.label}</span>
            <span className="bar-track">
              <svg viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width="100" height="12" className="bar-back" />
                <rect x="0" y="0" width={(row.count / max) * 100} height="12" className="bar-fill" />
              </svg>
              <span className="bar-figure">
                <strong>{row.count}</strong>
                {row.share === null ? null : <span className="bar-share"> · {formatShare(row.share)}</span>}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <details>
        <summary>Таблица значений</summary>
        <DataTable caption={title} columns={['Показатель', unit, 'Доля']}>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.count}</td>
              <td>{row.share === null ? '—' : formatShare(row.share)}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}

/** The headline figures of 004 slides 17–19 (and the pairs, routes and tasks of issue 27) as a list of facts. */
export function Headline({ items }: { items: readonly (readonly [string, string])[] }) {
  return (
    <dl className="facts facts-grid headline">
      {items.map(([term, value]) => (
        <div key={term} className="card">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
