/** The road map's versions side by side (003 §5.2 «корректировка»): rows added, removed and changed, highlighted. */
import { useState } from 'react';
import { useSession } from '../../auth';
import { DataTable, SelectField } from '../../components/ui';
import { PersonId } from '../../components/people';
import { formatInstant, formatLocalDate } from '../../format';
import { competenceAreaLabels, routeRoadMapSourceLabels } from '../../labels';
import { compareVersions, rowFields, type Change } from './road-map-versions';
import type { RoadMapRow, RoadMapVersion, Route } from '../../types';

/** A read-only road map (the teacher's proposal the tutor approves). */
export function RoadMapRowsTable({ rows, label }: { rows: readonly RoadMapRow[]; label: string }) {
  return (
    <div className="sticky-first-column">
      <DataTable label={label} columns={['Мероприятие', 'Компетенция', 'Решаемые задачи', 'Часы', 'Срок']}>
        {rows.map((row) => (
          <tr key={row.rowId}>
            <td>
              {row.activity}
              {row.chosenMark ? <small> (выбрано)</small> : null}
            </td>
            <td>{competenceAreaLabels[row.competence]}</td>
            <td>{row.tasks}</td>
            <td>{row.hours}</td>
            <td>{formatLocalDate(row.deadline)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

const changeLabels: Record<Change['kind'], string> = {
  added: 'Добавлено',
  removed: 'Удалено',
  changed: 'Изменено',
  same: 'Без изменений',
};

function RowCell({ row, marked }: { row: RoadMapRow | undefined; marked: readonly (keyof RoadMapRow)[] }) {
  if (row === undefined) return <td className="empty">—</td>;
  return (
    <td>
      {rowFields.map(([key, , show]) => (
        <span key={key} className="version-field">
          {marked.includes(key) ? <mark>{show(row)}</mark> : show(row)}
          {key === 'activity' ? <br /> : ' · '}
        </span>
      ))}
    </td>
  );
}

const versionLabel = (v: RoadMapVersion) =>
  `Версия ${v.version}: ${v.origin === 'correction' ? 'корректировка' : (routeRoadMapSourceLabels[v.origin as keyof typeof routeRoadMapSourceLabels] ?? v.origin)}`;

export function RoadMapVersions({ route }: { route: Route }) {
  const session = useSession();
  const versions = route.roadMapVersions ?? [];
  const last = versions.length - 1;
  const [left, setLeft] = useState(String(Math.max(0, last - 1)));
  const [right, setRight] = useState(String(last));
  if (versions.length < 2) return null;
  const a = versions[Number(left)] ?? versions[0]!;
  const b = versions[Number(right)] ?? versions[last]!;
  const rows = compareVersions(a.rows, b.rows);
  const count = (kind: Change['kind']) => rows.filter((r) => r.change.kind === kind).length;
  const zone = session.timeZoneOf(route.organisationId);
  // The route's own people are named on its title page: the versions' authors are among them.
  const nameOf = (id: string) =>
    Object.values(route.titlePagePeople ?? {}).find((p) => p.personId === id)?.fullName ?? undefined;
  const options = versions.map((v, i) => [String(i), versionLabel(v)] as const);
  const about = (v: RoadMapVersion) => (
    <>
      {formatInstant(v.at, zone)}, <PersonId id={v.by} name={nameOf(v.by)} />
      {v.reason ? <>: «{v.reason}»</> : null}
    </>
  );
  return (
    <section aria-labelledby="road-map-versions" className="road-map-versions">
      <h3 id="road-map-versions">Версии дорожной карты</h3>
      <div className="form-grid">
        <SelectField label="Сравнить версию" field="left" value={left} onChange={setLeft} options={options} />
        <SelectField label="с версией" field="right" value={right} onChange={setRight} options={options} />
      </div>
      <p role="status">
        Добавлено: {count('added')}, удалено: {count('removed')}, изменено: {count('changed')}.
      </p>
      <ul className="version-notes">
        <li>
          {versionLabel(a)} — {about(a)}
        </li>
        <li>
          {versionLabel(b)} — {about(b)}
        </li>
      </ul>
      <div className="sticky-first-column">
        <DataTable
          label="Сравнение версий дорожной карты"
          columns={['Изменение', `Версия ${a.version}`, `Версия ${b.version}`]}
        >
          {rows.map(({ rowId, before, after, change }) => (
            <tr key={rowId} className={`diff-${change.kind}`}>
              <th scope="row">
                {changeLabels[change.kind]}
                {change.kind === 'changed' ? (
                  <small>
                    {' '}
                    (
                    {rowFields
                      .filter(([key]) => change.fields.includes(key))
                      .map(([, label]) => label)
                      .join(', ')}
                    )
                  </small>
                ) : null}
              </th>
              <RowCell row={before} marked={change.fields} />
              <RowCell row={after} marked={change.fields} />
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
