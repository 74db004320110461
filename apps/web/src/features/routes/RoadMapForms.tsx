/** The tutor's goal and road-map forms (fix the goal, agree or refine the draft, approve the teacher's own, correct) and the teacher's proposal. */
import { useState, type FormEvent } from 'react';
import { CommandForm, FoldedCommandForm, TextAreaField } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { Route } from '../../types';
import {
  ControlPointsEditor,
  editableRows,
  pointsToSend,
  RoadMapRowsEditor,
  rowsToSend,
  blankRow,
  type EditablePoint,
  type EditableRow,
} from './RoadMapEditor';
import { usedRowIds } from './road-map-versions';
import { RoadMapRowsTable } from './RoadMapVersions';
import { sendRouteCommand } from './route-commands';

interface FormProps {
  route: Route;
  onDone: () => void;
}

/** 003 §5.1: the goal and the tasks, agreed with the teacher (one task a line). */
export function FixGoalForm({ route, onDone }: FormProps) {
  const { values, bind } = useFormValues({
    goal: route.goal?.goal ?? '',
    tasks: (route.goal?.tasks ?? []).join('\n'),
  });
  const { goal, tasks } = values;
  const command = useSubmit();
  const title = route.goal ? 'Изменить цель и задачи ИОМ' : 'Зафиксировать цель и задачи ИОМ';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'fix-goal', {
        goal,
        tasks: tasks
          .split('\n')
          .map((t) => t.trim())
          .filter(Boolean),
      }).then(onDone),
    );
  };
  return (
    <FoldedCommandForm
      title={title}
      details={{ open: route.goal === undefined }}
      command={command}
      onSubmit={submit}
      submit="Зафиксировать цель и задачи"
      busyText="Запись…"
      failed="Не записано"
    >
      <TextAreaField label="Цель ИОМ" {...bind('goal')} rows={2} />
      <TextAreaField label="Задачи ИОМ (каждая с новой строки)" {...bind('tasks')} rows={4} />
    </FoldedCommandForm>
  );
}

const firstPoint = (): EditablePoint[] => [{ date: '', description: '' }];

/** The methodologist's draft, refined by the tutor (edit, add, remove rows, «отметка выбора») and agreed with the control points. */
export function AgreeRoadMapForm({ route, onDone }: FormProps) {
  const [rows, setRows] = useState<EditableRow[]>(() => editableRows(route.roadMap?.rows ?? []));
  const [points, setPoints] = useState(firstPoint);
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'agree-road-map', {
        rows: rowsToSend(rows),
        controlPoints: pointsToSend(points),
      }).then(onDone),
    );
  };
  return (
    <details open>
      <summary>Доработать и согласовать проект методиста</summary>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Согласовать дорожную карту"
        submit="Согласовать дорожную карту"
        busyText="Согласование…"
        failed="Не согласовано"
      >
        <p className="hint">
          Строки проекта методиста можно изменить, удалить или дополнить; изменённая карта сохраняется новой версией.
        </p>
        <RoadMapRowsEditor rows={rows} onChange={setRows} usedIds={usedRowIds(route)} />
        <h3>Контрольные точки</h3>
        <ControlPointsEditor points={points} onChange={setPoints} />
      </CommandForm>
    </details>
  );
}

/**
 * The teacher's own road map (003 §3.1): the tutor reads it and approves it with the control points, or returns it
 * to the teacher with a comment on what to rework.
 */
export function ApproveProposalForm({ route, onDone, onReturned }: FormProps & { onReturned: () => void }) {
  const [points, setPoints] = useState(firstPoint);
  const command = useSubmit();
  if (!route.proposal) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'approve-proposed-road-map', { controlPoints: pointsToSend(points) }).then(onDone),
    );
  };
  return (
    <details open>
      <summary>Дорожная карта, предложенная педагогом</summary>
      <RoadMapRowsTable rows={route.proposal.rows} label="Дорожная карта педагога" />
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Согласовать дорожную карту педагога"
        submit="Согласовать дорожную карту педагога"
        busyText="Согласование…"
        failed="Не согласовано"
      >
        <ControlPointsEditor points={points} onChange={setPoints} />
      </CommandForm>
      <ReturnProposalForm route={route} onDone={onReturned} />
    </details>
  );
}

/** The tutor returns the teacher's proposal with a comment: the teacher reworks it and proposes again. */
function ReturnProposalForm({ route, onDone }: FormProps) {
  const [comment, setComment] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() => sendRouteCommand(route, 'return-proposed-road-map', { comment }).then(onDone));
  };
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label="Вернуть дорожную карту педагогу на доработку"
      submit="Вернуть на доработку"
      busyText="Возврат…"
      variant="plain"
      failed="Не возвращено"
    >
      <TextAreaField
        label="Комментарий для педагога: что доработать"
        field="comment"
        rows={2}
        value={comment}
        onChange={setComment}
      />
    </CommandForm>
  );
}

/** The teacher proposes a road map of her own (design stage); a new proposal replaces the previous one. */
export function ProposeRoadMapForm({ route, onDone }: FormProps) {
  // A returned proposal comes back to the teacher as she wrote it, to rework.
  const last = route.proposal ?? route.returnedProposal;
  const [rows, setRows] = useState<EditableRow[]>(() =>
    last ? editableRows(last.rows) : [blankRow('methodical', 'row-1')],
  );
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() => sendRouteCommand(route, 'propose-own-road-map', { rows: rowsToSend(rows) }).then(onDone));
  };
  return (
    <details
      open={
        route.returnedProposal !== undefined || (route.proposal === undefined && route.draft?.submittedAt === undefined)
      }
    >
      <summary>{route.proposal ? 'Изменить мою дорожную карту' : 'Предложить собственную дорожную карту'}</summary>
      {route.returnedProposal ? (
        <p className="alert alert-warn" role="status">
          Тьютор вернул дорожную карту: {route.returnedProposal.comment}
        </p>
      ) : null}
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Предложить собственную дорожную карту"
        submit="Передать тьютору"
        busyText="Отправка…"
        failed="Не отправлено"
      >
        <RoadMapRowsEditor rows={rows} onChange={setRows} usedIds={usedRowIds(route)} />
      </CommandForm>
    </details>
  );
}

/** A correction during implementation: the whole road map as it should now be, and why; it becomes a new version. */
export function CorrectRoadMapForm({ route, onDone }: FormProps) {
  const [rows, setRows] = useState<EditableRow[]>(() => editableRows(route.roadMap?.rows ?? []));
  const [reason, setReason] = useState('');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'correct-road-map', { reason, rows: rowsToSend(rows) }).then(onDone),
    );
  };
  return (
    <FoldedCommandForm
      title="Скорректировать дорожную карту"
      command={command}
      onSubmit={submit}
      submit="Сохранить корректировку"
      busyText="Сохранение…"
      failed="Не сохранено"
    >
      <RoadMapRowsEditor rows={rows} onChange={setRows} usedIds={usedRowIds(route)} />
      <TextAreaField label="Причина корректировки" field="reason" rows={2} value={reason} onChange={setReason} />
    </FoldedCommandForm>
  );
}
