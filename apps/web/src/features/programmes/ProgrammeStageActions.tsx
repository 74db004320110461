import { useEffect, useState, type FormEvent } from 'react';
import { getJson, postJson } from '../../api';
import {
  Badge,
  CommandForm,
  ConfirmDialog,
  DataTable,
  ErrorBox,
  InputField,
  SelectField,
  TextAreaField,
} from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatNumericDate } from '../../format';
import { pairStatusLabels, programmeStageLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { menteesOf } from '../pairs/PairForms';
import type { Pair, Programme } from '../../types';

export const programmeStages = ['preparatory', 'design', 'implementation', 'reflectiveAnalytical', 'results'] as const;
type Stage = (typeof programmeStages)[number];

const stageOptions = (stages: readonly Stage[]) => stages.map((s) => [s, programmeStageLabels[s]] as const);

/** The stages before the programme's current one: where a return may go. */
const earlierStages = (programme: Programme): Stage[] =>
  programme.stage === 'closed' ? [] : programmeStages.slice(0, programmeStages.indexOf(programme.stage));

/** The current stage and those after it: what a plan may be set for. */
const plannableStages = (programme: Programme): Stage[] =>
  programme.stage === 'closed' ? [] : programmeStages.slice(programmeStages.indexOf(programme.stage));

/**
 * The planned end of each stage (a reminder before it, overdue after it) and the form that sets one, opened
 * by its button.
 */
export function StagePlans({
  programme,
  canPlan,
  onChanged,
}: {
  programme: Programme;
  canPlan: boolean;
  onChanged: (version: number) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const { values, bind } = useFormValues({
    stage: plannableStages(programme)[0] ?? 'preparatory',
    plannedEnd: '',
  });
  const { stage, plannedEnd } = values;
  const command = useSubmit();
  const planned = programmeStages.filter((s) => programme.plannedEnds?.[s]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const result = await postJson<{ version: number }>(`/programmes/${programme.programmeId}/stage-plans`, {
        stage,
        plannedEnd,
      });
      await onChanged(result.version);
      setOpen(false);
      return `Плановая дата окончания этапа «${programmeStageLabels[stage]}»: ${formatNumericDate(plannedEnd)}`;
    });
  };
  return (
    <>
      {planned.length === 0 ? (
        <p className="empty">Плановые сроки этапов не заданы.</p>
      ) : (
        <DataTable caption="Плановые сроки этапов" columns={['Этап', 'Плановая дата окончания', 'Состояние']}>
          {planned.map((s) => (
            <tr key={s}>
              <td>{programmeStageLabels[s]}</td>
              <td>{formatNumericDate(programme.plannedEnds?.[s])}</td>
              <td>
                {programme.overduePlannedEnds?.[s] ? (
                  <Badge tone="danger">Просрочен</Badge>
                ) : programmeStages.indexOf(s) < programmeStages.indexOf(programme.stage as Stage) ||
                  programme.stage === 'closed' ? (
                  <Badge tone="ok">Завершён</Badge>
                ) : (
                  <Badge tone="neutral">В срок</Badge>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {command.done && !open ? (
        <p role="status" className="alert alert-ok">
          {command.done}
        </p>
      ) : null}
      {canPlan && programme.stage !== 'closed' && !open ? (
        <p className="actions">
          <button type="button" onClick={() => setOpen(true)}>
            Задать плановый срок этапа
          </button>
        </p>
      ) : null}
      {open ? (
        <CommandForm
          command={command}
          onSubmit={submit}
          label="Плановый срок этапа"
          className="form-grid"
          submit="Сохранить срок"
          busyText="Сохранение…"
          failed="Срок не сохранён"
        >
          <SelectField label="Этап" {...bind('stage')} options={stageOptions(plannableStages(programme))} />
          <InputField label="Плановая дата окончания" {...bind('plannedEnd')} required type="date" />
        </CommandForm>
      ) : null}
    </>
  );
}

/** The curator returns the programme to an earlier stage, giving the reason (kept in its history). */
export function ReturnStage({
  programme,
  onReturned,
}: {
  programme: Programme;
  onReturned: (version: number) => Promise<void>;
}) {
  const earlier = earlierStages(programme);
  const [open, setOpen] = useState(false);
  const { values, set, bind } = useFormValues({
    stage: earlier.at(-1) ?? 'preparatory',
    reason: '',
  });
  const { stage, reason } = values;
  const command = useSubmit();
  if (earlier.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const result = await postJson<{ version: number }>(`/programmes/${programme.programmeId}/return`, {
        stage,
        reason,
      });
      await onReturned(result.version);
      setOpen(false);
      set('reason', '');
      return `Программа возвращена на этап «${programmeStageLabels[stage]}»`;
    });
  };
  if (!open)
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Вернуть на предыдущий этап
        </button>
        {command.done ? (
          <p role="status" className="alert alert-ok">
            {command.done}
          </p>
        ) : null}
      </>
    );
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label="Вернуть на предыдущий этап"
      className="form-grid"
      submit="Вернуть"
      busyText="Возврат…"
      variant="danger"
      failed="Возврат отклонён"
    >
      <SelectField label="Вернуть на этап" {...bind('stage')} options={stageOptions(earlier)} />
      <TextAreaField label="Причина возврата" {...bind('reason')} rows={2} />
    </CommandForm>
  );
}

/** Pairs and groups of the programme still working (formed or active): what closing the programme leaves open. */
export const stillWorking = (pairs: readonly Pair[]) =>
  pairs.filter((p) => p.status === 'formed' || p.status === 'active');

/**
 * Before the last advance closes the programme, the curator sees what is still open — the pairs still working, by
 * names — and confirms.
 */
export function CloseProgrammeDialog({
  programme,
  open,
  busy,
  onConfirm,
  onCancel,
}: {
  programme: Programme;
  open: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const label = usePersonLabel();
  const [pairs, setPairs] = useState<Pair[]>();
  const [error, setError] = useState<unknown>(null);
  // Read when the dialog opens: the pairs as they are at the moment of the decision.
  useEffect(() => {
    if (!open) return;
    setPairs(undefined);
    setError(null);
    getJson<Pair[]>(`/pairs?programmeId=${programme.programmeId}&limit=100`).then(setPairs, setError);
  }, [open, programme.programmeId]);
  const working = stillWorking(pairs ?? []);
  return (
    <ConfirmDialog
      open={open}
      title="Завершить программу наставничества?"
      confirm="Завершить программу"
      busy={busy || (open && pairs === undefined && !error)}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>После завершения этапы программы больше не меняются.</p>
      <ErrorBox error={error} />
      {pairs === undefined ? null : working.length === 0 ? (
        <p>Все пары и группы завершили работу.</p>
      ) : (
        <>
          <p>Ещё работают пары и группы ({working.length}):</p>
          <ul data-testid="pairs-still-working">
            {working.map((p) => (
              <li key={p.pairId}>
                наставник {label(p.mentorId, p.mentorName)}, наставляемые{' '}
                {menteesOf(p)
                  .map((m) => label(m.personId, m.name))
                  .join(', ')}{' '}
                — {pairStatusLabels[p.status]}, срок до {formatNumericDate(p.term.end)}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
