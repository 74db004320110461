/** Editing a road map's rows (003 §5.2) and the control points: the methodologist's draft, the tutor's refinement and correction, the teacher's own. */
import { InputField, SelectField } from '../../components/ui';
import { PracticeChoice } from './PracticeChoice';
import { competenceAreaLabels, routeActivityKindLabels } from '../../labels';
import type { CompetenceArea, RoadMapRow, RouteActivityKind } from '../../types';
import { nextRowId } from './road-map-versions';

const areas = Object.keys(competenceAreaLabels) as CompetenceArea[];
const activityKinds = Object.keys(routeActivityKindLabels) as RouteActivityKind[];

/** A row as the form holds it: numbers and dates as typed. */
export interface EditableRow {
  rowId: string;
  competence: CompetenceArea;
  activity: string;
  activityKind: RouteActivityKind;
  tasks: string;
  hours: string;
  deadline: string;
  chosenMark: boolean;
  doneMark?: string;
  practiceId?: string;
}

export const blankRow = (competence: CompetenceArea, rowId: string): EditableRow => ({
  rowId,
  competence,
  activity: '',
  activityKind: 'furtherTrainingProgramme',
  tasks: '',
  hours: '',
  deadline: '',
  chosenMark: false,
});

export const editableRows = (rows: readonly RoadMapRow[]): EditableRow[] =>
  rows.map((row) => ({ ...row, hours: String(row.hours), chosenMark: row.chosenMark ?? false }));

/** The rows as the API takes them: an empty number or date is left out for the server to name. */
export const rowsToSend = (rows: readonly EditableRow[]) =>
  rows.map(({ hours, deadline, chosenMark, practiceId, ...row }) => ({
    ...row,
    // Only an «изучение практики» row links a practice (the domain refuses it on others).
    ...(practiceId && row.activityKind === 'practiceStudy' ? { practiceId } : {}),
    hours: hours === '' ? undefined : Number(hours),
    deadline: deadline || undefined,
    ...(chosenMark ? { chosenMark } : {}),
  }));

/** Every row as a fieldset (one column on a phone), with «Удалить» per row and «Добавить мероприятие». */
export function RoadMapRowsEditor({
  rows,
  onChange,
  error,
  usedIds = [],
}: {
  rows: EditableRow[];
  onChange: (rows: EditableRow[]) => void;
  error?: unknown;
  /** Ids taken by earlier versions, beside the rows shown. */
  usedIds?: readonly string[];
}) {
  const set = (i: number, patch: Partial<EditableRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <>
      {rows.map((row, i) => (
        <fieldset key={row.rowId} className="form-grid">
          <legend>Мероприятие {i + 1}</legend>
          <SelectField
            label="Компетенция"
            field={`rows.${i}.competence`}
            error={error}
            value={row.competence}
            onChange={(competence) => set(i, { competence })}
            options={areas.map((a) => [a, competenceAreaLabels[a]] as const)}
          />
          <InputField
            label="Мероприятие"
            field={`rows.${i}.activity`}
            error={error}
            value={row.activity}
            onChange={(v) => set(i, { activity: v })}
          />
          <SelectField
            label="Вид мероприятия"
            field={`rows.${i}.activityKind`}
            error={error}
            value={row.activityKind}
            onChange={(activityKind) => set(i, { activityKind })}
            options={activityKinds.map((k) => [k, routeActivityKindLabels[k]] as const)}
          />
          {row.activityKind === 'practiceStudy' ? (
            <PracticeChoice
              field={`rows.${i}.practiceId`}
              error={error}
              value={row.practiceId}
              onChange={(practiceId) => set(i, { practiceId })}
            />
          ) : null}
          <InputField
            label="Решаемые задачи"
            field={`rows.${i}.tasks`}
            error={error}
            value={row.tasks}
            onChange={(v) => set(i, { tasks: v })}
          />
          <InputField
            label="Часы"
            field={`rows.${i}.hours`}
            error={error}
            type="number"
            min={1}
            inputMode="numeric"
            value={row.hours}
            onChange={(v) => set(i, { hours: v })}
          />
          <InputField
            label="Срок"
            field={`rows.${i}.deadline`}
            error={error}
            type="date"
            value={row.deadline}
            onChange={(v) => set(i, { deadline: v })}
          />
          <label className="checkbox-line">
            <input
              type="checkbox"
              checked={row.chosenMark}
              onChange={(e) => set(i, { chosenMark: e.target.checked })}
            />{' '}
            Отметка выбора
          </label>
          {rows.length > 1 ? (
            <button type="button" className="button-link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Удалить мероприятие {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            onChange([...rows, blankRow('methodical', nextRowId([...usedIds, ...rows.map((r) => r.rowId)]))])
          }
        >
          Добавить мероприятие
        </button>
      </div>
    </>
  );
}

export interface EditablePoint {
  date: string;
  description: string;
}

/** The control points agreed with the road map (003 §7.1): ids cp-1, cp-2… in the order given. */
export const pointsToSend = (points: readonly EditablePoint[]) =>
  points.map((p, i) => ({ controlPointId: `cp-${i + 1}`, ...p }));

export function ControlPointsEditor({
  points,
  onChange,
  error,
}: {
  points: EditablePoint[];
  onChange: (points: EditablePoint[]) => void;
  error?: unknown;
}) {
  const set = (i: number, patch: Partial<EditablePoint>) =>
    onChange(points.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <>
      {points.map((point, i) => (
        <fieldset key={i} className="form-grid">
          <legend>Контрольная точка {i + 1}</legend>
          <InputField
            label="Дата контрольной точки"
            field={`controlPoints.${i}.date`}
            error={error}
            type="date"
            value={point.date}
            onChange={(v) => set(i, { date: v })}
          />
          <InputField
            label="Что проверяется"
            field={`controlPoints.${i}.description`}
            error={error}
            value={point.description}
            onChange={(v) => set(i, { description: v })}
          />
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" onClick={() => onChange([...points, { date: '', description: '' }])}>
          Добавить контрольную точку
        </button>
      </div>
    </>
  );
}
