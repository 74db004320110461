/** Road-map rows across versions: ids that stay, and what changed between two versions (no React here). */
import { compareRows, type Change as RowChange, type VersionField } from '../../components/version-diff';
import { formatLocalDate } from '../../format';
import { competenceAreaLabels, routeActivityKindLabels } from '../../labels';
import type { RoadMapRow, Route } from '../../types';

/**
 * A row id no version of the road map used: rows keep their ids across versions (marks of activities done and
 * the comparison of versions go by them), so a new row must not take a removed row's id.
 */
export const nextRowId = (ids: readonly string[]) =>
  `row-${Math.max(0, ...ids.map((id) => Number(/^row-(\d+)$/.exec(id)?.[1] ?? 0))) + 1}`;

/** Every row id the route's road maps (its versions and the teacher's proposal) have used. */
export const usedRowIds = (route: Route): string[] => [
  ...(route.roadMapVersions ?? []).flatMap((v) => v.rows.map((r) => r.rowId)),
  ...(route.proposal?.rows ?? []).map((r) => r.rowId),
];

/** What a row says, field by field, in the order the road map shows it. */
export const rowFields: readonly VersionField<RoadMapRow, keyof RoadMapRow>[] = [
  ['activity', 'мероприятие', (r) => r.activity],
  ['competence', 'компетенция', (r) => competenceAreaLabels[r.competence]],
  ['activityKind', 'вид', (r) => routeActivityKindLabels[r.activityKind]],
  ['tasks', 'задачи', (r) => r.tasks],
  ['hours', 'часы', (r) => `${r.hours} ч`],
  ['deadline', 'срок', (r) => `до ${formatLocalDate(r.deadline)}`],
  ['chosenMark', 'отметка выбора', (r) => (r.chosenMark ? 'выбрано' : 'не выбрано')],
];

export type Change = RowChange<keyof RoadMapRow>;

/** Rows are matched by their id (kept across versions); a row in one version only is added or removed. */
export const compareVersions = (before: readonly RoadMapRow[], after: readonly RoadMapRow[]) =>
  compareRows(before, after, (r) => r.rowId, rowFields).map((row) => ({ rowId: row.key, ...row }));
