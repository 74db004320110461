/** The mentor's and the mentee's forms on their pair's page: assignments, periodic reports, the final report. */
import { useState, type FormEvent } from 'react';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { CommandForm, ConfirmDialog, InputField, SelectField, TextAreaField, useLoad } from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatNumericDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { Pair } from '../../types';
import { menteesOf, waitForPair } from './PairForms';

type Done = () => void;

/** The mentor's dated assignment to a mentee (002 §6.1.6), optionally serving an activity of the programme. */
export function AssignmentForm({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const label = usePersonLabel();
  const mentees = menteesOf(pair);
  const { values, set, bind } = useFormValues({
    menteeId: mentees.length === 1 ? mentees[0]!.personId : '',
    title: '',
    dueDate: '',
    activityIndex: '',
  });
  const { menteeId, title, dueDate, activityIndex } = values;
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const before = pair.assignments?.length ?? 0;
      await postJson(`/pairs/${pair.pairId}/assignments`, {
        menteeId,
        title,
        dueDate,
        ...(activityIndex === '' ? {} : { activityIndex: Number(activityIndex) }),
      });
      await waitForPair(pair.pairId, (p) => (p.assignments?.length ?? 0) > before);
      set('title', '');
      set('dueDate', '');
      onDone();
      return 'Задание выдано: оно появилось в задачах наставляемого';
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label="Задание наставляемому"
      className="form-grid"
      submit="Выдать задание"
      busyText="Запись…"
      failed="Задание не выдано"
    >
      <SelectField
        label="Кому"
        {...bind('menteeId')}
        empty={mentees.length === 1 ? undefined : 'Выберите наставляемого'}
        options={mentees.map((m) => [m.personId, label(m.personId, m.name)] as const)}
      />
      <InputField label="Задание" {...bind('title')} />
      <InputField label="Срок" {...bind('dueDate')} required type="date" />
      <SelectField
        label="Мероприятие программы (необязательно)"
        {...bind('activityIndex')}
        empty="Не относится к мероприятию"
        options={(pair.personalProgramme?.activities ?? []).map(
          (a, index) => [String(index), `${a.title} (${formatNumericDate(a.plannedDate)})`] as const,
        )}
      />
    </CommandForm>
  );
}

interface OwnReport {
  taskId: string;
  authorId: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  dueLocalDate?: string;
  comment?: string;
}

/** The author's periodic report (002 §6.1.9, §7.1.6) for the period that waits for it: text and a link to a file. */
export function PeriodicReportForm({ pair, onDone }: { pair: Pair; onDone: Done }) {
  const session = useSession();
  const reports = useLoad(
    () => getJson<{ reports: OwnReport[] }>(`/pairs/${pair.pairId}/periodic-reports`),
    [pair.pairId, pair.version],
  );
  const own = (reports.data?.reports ?? []).filter((r) => r.authorId === session.me.sub);
  // A returned report is reworked under a new task of the same period: that one waits, with the comment.
  const waiting = own.filter((r) => r.status === 'pending' || r.status === 'overdue');
  const returnedComment = (r: OwnReport) =>
    own.filter((x) => x.status === 'returned' && x.periodStart === r.periodStart).at(-1)?.comment;
  const [taskId, setTaskId] = useState('');
  const { values, bind, reset } = useFormValues({ text: '', fileRef: '' });
  const { text, fileRef } = values;
  const command = useSubmit();
  const chosen = waiting.find((r) => r.taskId === taskId) ?? waiting[0];
  if (!chosen) return command.done ? <p className="alert alert-ok">{command.done}</p> : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/pairs/${pair.pairId}/periodic-reports`, {
        taskId: chosen.taskId,
        text,
        ...(fileRef.trim() ? { fileRef: fileRef.trim() } : {}),
      });
      await waitForPair(pair.pairId, (p) => p.tasks?.[chosen.taskId]?.status === 'done');
      reset();
      onDone();
      return 'Отчёт представлен: его рассмотрит руководитель методической комиссии';
    });
  };
  const period = (r: OwnReport) =>
    `${formatNumericDate(r.periodStart)} — ${formatNumericDate(r.periodEnd)}${r.dueLocalDate ? `, срок ${formatNumericDate(r.dueLocalDate)}` : ''}`;
  return (
    <CommandForm
      command={command}
      onSubmit={submit}
      label="Периодический отчёт"
      className="form-grid"
      submit="Представить отчёт"
      busyText="Отправка…"
      failed="Отчёт не представлен"
    >
      {waiting.length > 1 ? (
        <SelectField
          label="Период"
          field="taskId"
          value={chosen.taskId}
          onChange={setTaskId}
          options={waiting.map((r) => [r.taskId, period(r)] as const)}
        />
      ) : (
        <p className="hint">{`Отчёт за период ${period(chosen)}`}</p>
      )}
      {returnedComment(chosen) ? (
        <p className="alert alert-warn">{`Возвращён с комментарием: ${returnedComment(chosen)}`}</p>
      ) : null}
      <TextAreaField label="Текст отчёта" {...bind('text')} rows={4} />
      <InputField label="Ссылка на файл отчёта (необязательно)" {...bind('fileRef')} type="url" />
    </CommandForm>
  );
}

/**
 * The mentor's report on the results of mentoring (002 §6.1.10): the conclusion on the mentee's adaptation and
 * the proposals for further work, each its own field, sent only after the mentor confirms it (it goes to the
 * final control as it is).
 */
export function MentorFinalReportForm({ pair, taskId, onDone }: { pair: Pair; taskId: string; onDone: Done }) {
  const { values, bind } = useFormValues({ conclusion: '', proposals: '' });
  const { conclusion, proposals } = values;
  const [confirming, setConfirming] = useState(false);
  const command = useSubmit();
  const send = () =>
    void command.submit(async () => {
      try {
        await postJson(`/pairs/${pair.pairId}/mentor-report`, {
          taskId,
          conclusion,
          ...(proposals.trim() ? { proposals } : {}),
        });
      } finally {
        setConfirming(false);
      }
      await waitForPair(pair.pairId, (p) => p.mentorFinalReport !== undefined);
      onDone();
      return 'Итоговый отчёт представлен';
    });
  return (
    <>
      <CommandForm
        command={command}
        onSubmit={(event) => {
          event.preventDefault();
          setConfirming(true);
        }}
        label="Итоговый отчёт"
        className="form-grid"
        submit="Представить итоговый отчёт"
        busyText="Отправка…"
        failed="Итоговый отчёт не представлен"
      >
        <TextAreaField label="Заключение об адаптации наставляемого" {...bind('conclusion')} rows={4} />
        <TextAreaField label="Предложения по дальнейшей работе" {...bind('proposals')} rows={3} />
      </CommandForm>
      <ConfirmDialog
        open={confirming}
        title="Представить итоговый отчёт?"
        confirm="Представить"
        busy={command.busy}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p>Отчёт уйдёт на итоговый контроль пары; изменить его после этого нельзя.</p>
      </ConfirmDialog>
    </>
  );
}
