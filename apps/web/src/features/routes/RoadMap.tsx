/** The road map (003 §5.2) with its «Выполнение» column: the teacher marks an activity done, the tutor confirms. */
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Badge, DataTable, ErrorBox, InputField, SubmitButton, TextAreaField } from '../../components/ui';
import { useSession } from '../../auth';
import { formatLocalDate, formatNumericDate, todayIn } from '../../format';
import { competenceAreaLabels, routeActivityKindLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { RoadMapRow, Route, RoadMapRowProgress } from '../../types';
import { sendRouteCommand } from './route-commands';

/** Marks are taken while the teacher carries the activities out and reflects on them. */
const markingStages: readonly Route['stage'][] = ['implementation', 'reflective'];

export function RoadMapTable({ route, onChanged }: { route: Route; onChanged: () => void }) {
  const session = useSession();
  const isTeacher = session.me.sub === route.participants.teacherId;
  const isTutor = session.me.sub === route.participants.tutorId || session.has('administrator');
  const marking = markingStages.includes(route.stage);
  const progressOf = (rowId: string) => route.roadMapProgress?.find((p) => p.rowId === rowId);
  return (
    // On a phone the table scrolls sideways with the competence column fixed.
    <div className="sticky-first-column">
      <DataTable columns={['Компетенция', 'Мероприятие', 'Решаемые задачи', 'Часы', 'Срок', 'Выполнение']}>
        {(route.roadMap?.rows ?? []).map((row) => {
          const progress = progressOf(row.rowId);
          const confirmed = progress?.status === 'confirmed';
          return (
            <tr key={row.rowId}>
              <td>{competenceAreaLabels[row.competence]}</td>
              <td>
                {row.activity}
                {row.chosenMark ? <small> (выбрано)</small> : null}
                <br />
                <small>{routeActivityKindLabels[row.activityKind]}</small>
                <PracticeLink route={route} practiceId={row.practiceId} />
              </td>
              <td>{row.tasks}</td>
              <td>{row.hours}</td>
              <td>{formatLocalDate(row.deadline)}</td>
              <td>
                <Progress progress={progress} />
                {marking && isTeacher && !confirmed ? (
                  <MarkDoneForm route={route} row={row} onDone={onChanged} />
                ) : null}
                {marking && isTutor && progress?.status === 'awaitingConfirmation' ? (
                  <ConfirmButton route={route} row={row} onDone={onChanged} />
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}

/** The bank's practice an «изучение практики» row studies, by its title (linked to its page) and author. */
function PracticeLink({ route, practiceId }: { route: Route; practiceId?: string }) {
  const practice = route.practiceLinks?.find((p) => p.practiceId === practiceId);
  if (!practice) return null;
  return (
    <>
      <br />
      Практика: <Link to={`/practices/${practice.practiceId}`}>{practice.title}</Link>
      {practice.authorName ? `, автор: ${practice.authorName}` : ''}
    </>
  );
}

/** «Выполнено дд.мм.гггг: результат» with the tutor's confirmation, «просрочено» past the deadline, else «—». */
function Progress({ progress }: { progress: RoadMapRowProgress | undefined }) {
  if (progress?.status === 'confirmed' || progress?.status === 'awaitingConfirmation') {
    const { doneOn, result } = progress.completion;
    return (
      <p>
        Выполнено {formatNumericDate(doneOn)}: {result}{' '}
        {progress.status === 'confirmed' ? (
          <Badge tone="ok">подтверждено тьютором</Badge>
        ) : (
          <Badge tone="info">ожидает подтверждения</Badge>
        )}
      </p>
    );
  }
  if (progress?.status === 'overdue') return <Badge tone="danger">просрочено</Badge>;
  return <>—</>;
}

function MarkDoneForm({ route, row, onDone }: { route: Route; row: RoadMapRow; onDone: () => void }) {
  const session = useSession();
  // A fact: done today or before, in the organisation's zone.
  const today = todayIn(session.timeZoneOf(route.organisationId));
  const { values, bind } = useFormValues({ doneOn: today, result: '' });
  const { doneOn, result } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'mark-activity-done', { rowId: row.rowId, doneOn, result }).then(onDone),
    );
  };
  return (
    <details className="form-details">
      <summary>Отметить выполнение</summary>
      <form onSubmit={submit} noValidate aria-label={`Отметка о выполнении: ${row.activity}`}>
        <InputField
          label="Дата выполнения"
          {...bind('doneOn')}
          error={command.error}
          type="date"
          min={route.titlePage.startDate}
          max={today}
        />
        <TextAreaField label="Результат" {...bind('result')} error={command.error} rows={2} />
        <div className="actions">
          <SubmitButton busy={command.busy}>Отметить выполнение</SubmitButton>
        </div>
        <ErrorBox error={command.error} title="Не отмечено" />
      </form>
    </details>
  );
}

function ConfirmButton({ route, row, onDone }: { route: Route; row: RoadMapRow; onDone: () => void }) {
  const confirm = useSubmit();
  return (
    <>
      <button
        type="button"
        className="button-primary"
        disabled={confirm.busy}
        aria-label={`Подтвердить выполнение: ${row.activity}`}
        onClick={() =>
          void confirm.submit(() => sendRouteCommand(route, 'confirm-activity-done', { rowId: row.rowId }).then(onDone))
        }
      >
        Подтвердить
      </button>
      <ErrorBox error={confirm.error} title="Не подтверждено" />
    </>
  );
}
