/** The road map's versions side by side (003 §5.2 «корректировка»): rows added, removed and changed, highlighted. */
import { useSession } from '../../auth';
import { DataTable } from '../../components/ui';
import { VersionComparison } from '../../components/VersionComparison';
import { PersonId } from '../../components/people';
import { formatInstant, formatLocalDate } from '../../format';
import { competenceAreaLabels, routeRoadMapSourceLabels } from '../../labels';
import { rowFields } from './road-map-versions';
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

const versionLabel = (v: RoadMapVersion) =>
  `Версия ${v.version}: ${v.origin === 'correction' ? 'корректировка' : (routeRoadMapSourceLabels[v.origin as keyof typeof routeRoadMapSourceLabels] ?? v.origin)}`;

export function RoadMapVersions({ route }: { route: Route }) {
  const session = useSession();
  const zone = session.timeZoneOf(route.organisationId);
  // The route's own people are named on its title page: the versions' authors are among them.
  const nameOf = (id: string) =>
    Object.values(route.titlePagePeople ?? {}).find((p) => p.personId === id)?.fullName ?? undefined;
  const versions = (route.roadMapVersions ?? []).map((v) => ({
    label: versionLabel(v),
    column: `Версия ${v.version}`,
    rows: v.rows,
    about: (
      <>
        {formatInstant(v.at, zone)}, <PersonId id={v.by} name={nameOf(v.by)} />
        {v.reason ? <>: «{v.reason}»</> : null}
      </>
    ),
  }));
  return (
    <VersionComparison
      id="road-map-versions"
      className="road-map-versions"
      title="Версии дорожной карты"
      tableLabel="Сравнение версий дорожной карты"
      versions={versions}
      keyOf={(row) => row.rowId}
      fields={rowFields}
    />
  );
}
