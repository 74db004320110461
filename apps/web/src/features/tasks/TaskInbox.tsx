import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, ErrorBox, InputField, Loading, SubmitButton, useLoad } from '../../components/ui';
import { PersonId } from '../../components/people';
import { useSubmit } from '../../use-submit';
import { formatLocalDate } from '../../format';
import { pendingDeadlineText, pluralRu, taskLabel, taskStatusLabels, workingDaysText } from '../../labels';
import type { Task, TaskKind } from '../../types';
import type { PairAction } from '../pairs/PairForms';

interface WorkingDays {
  today: string;
  days: Record<string, number | null>;
  missingYears?: number[];
}

/** Tasks closed by a command on their route rather than by hand: the inbox links to the form that does it. */
const doneOnRoute: Partial<Record<TaskKind, string>> = {
  draftRoute: 'Составить проект ИОМ',
  controlDiagnostics: 'Провести контрольную диагностику',
  repeatedDiagnostics: 'Провести повторную диагностику',
};

/** The commission head's reviews are decided on the programme's page: the meeting form, or the pair's actions. */
const decidedOnProgramme: Partial<Record<TaskKind, string>> = {
  candidateReview: 'Перейти к заседанию комиссии',
  personalProgrammeReview: 'Перейти к программе пары',
  correctionReview: 'Перейти к корректировке программы',
  periodicReportReview: 'Перейти к отчётам пары',
};
/** Controls whose outcome is chosen in a pair's form (a free text cannot say «требуется корректировка»). */
const controlFormOnProgramme: Partial<Record<TaskKind, { label: string; action: PairAction }>> = {
  interimControl: { label: 'Провести промежуточный контроль', action: 'interim' },
  finalControl: { label: 'Провести итоговый контроль', action: 'final' },
};
const reviewLink = (task: Task, action?: PairAction): string =>
  task.kind === 'candidateReview'
    ? `/programmes/${task.programmeId}#meeting-form-title`
    : `/programmes/${task.programmeId}?pair=${task.subject.id}${action ? `&action=${action}` : ''}#pair-actions-title`;

type SessionLike = Pick<ReturnType<typeof useSession>, 'organisations' | 'timeZoneOf'>;
const regionOf = (session: SessionLike, task: Task): string | undefined =>
  task.organisationId ? session.organisations.get(task.organisationId)?.region : undefined;
/** Tasks of organisations sharing a zone and a region count working days on the same calendar. */
const calendarKeyOf = (session: SessionLike, task: Task): string =>
  `${session.timeZoneOf(task.organisationId)}|${regionOf(session, task) ?? ''}`;

const isOverdue = (task: Task) =>
  task.status === 'overdue' || (task.dueAt !== undefined && Date.parse(task.dueAt) < Date.now());

/** The user's open tasks by due date, overdue ones first and marked, with working days left on the production calendar. */
export function TaskInbox() {
  const session = useSession();
  const tasks = useLoad(async () => {
    // The inbox sorts by due date, so it reads every page (100 each, the API's cap; at most 1,000 tasks).
    const list: Task[] = [];
    for (let offset = 0; offset < 1000; offset += 100) {
      const page = await getJson<Task[]>(`/tasks?limit=100&offset=${offset}`);
      list.push(...page);
      if (page.length < 100) break;
    }
    // A deadline waiting for its calendar year has no date yet: it goes last.
    const open = list
      .filter((t) => t.status === 'open' || t.status === 'overdue')
      .sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'));
    // Working days are counted per organisation zone and region (its own holidays) on the API's production calendar, never guessed Mon–Fri.
    const byCalendar = new Map<string, { zone: string; region?: string; dates: Set<string> }>();
    for (const task of open) {
      if (task.dueLocalDate === undefined) continue;
      const key = calendarKeyOf(session, task);
      const entry = byCalendar.get(key) ?? {
        zone: session.timeZoneOf(task.organisationId),
        region: regionOf(session, task),
        dates: new Set<string>(),
      };
      byCalendar.set(key, { ...entry, dates: entry.dates.add(task.dueLocalDate) });
    }
    const left = new Map<string, WorkingDays>();
    await Promise.all(
      [...byCalendar].map(async ([key, { zone, region, dates }]) => {
        const query = new URLSearchParams({
          timeZone: zone,
          dates: [...dates].join(','),
          ...(region ? { region } : {}),
        });
        left.set(
          key,
          await getJson<WorkingDays>(`/calendar/working-days?${query}`).catch(() => ({ today: '', days: {} })),
        );
      }),
    );
    return { open, left };
  }, []);

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">Мои задачи</h1>
        <button type="button" onClick={tasks.reload} disabled={tasks.loading}>
          Обновить
        </button>
      </div>
      <ErrorBox error={tasks.error} />
      {tasks.loading && !tasks.data ? <Loading what="Загрузка задач" /> : null}
      {tasks.data?.open.length === 0 ? <p className="empty">Открытых задач нет.</p> : null}
      {tasks.data?.open.length ? (
        <p className="hint">
          {tasks.data.open.length}{' '}
          {pluralRu(tasks.data.open.length, 'открытая задача', 'открытые задачи', 'открытых задач')}, по сроку;
          просроченные выделены.
        </p>
      ) : null}
      <ul className="task-list">
        {tasks.data?.open.map((task) => {
          const zone = session.timeZoneOf(task.organisationId);
          return (
            <TaskCard
              key={task.taskId}
              task={task}
              zone={zone}
              workingDays={tasks.data?.left.get(calendarKeyOf(session, task))}
              onDone={tasks.reload}
            />
          );
        })}
      </ul>
    </section>
  );
}

function TaskCard({
  task,
  zone,
  workingDays,
  onDone,
}: {
  task: Task;
  zone: string;
  workingDays?: WorkingDays;
  onDone: () => void;
}) {
  const overdue = isOverdue(task);
  const left = task.dueLocalDate === undefined ? undefined : workingDays?.days[task.dueLocalDate];
  const session = useSession();
  const organisation = session.organisations.get(task.organisationId);
  const routeAction = task.subject.type === 'route' ? doneOnRoute[task.kind] : undefined;
  const reviewAction = task.programmeId === undefined ? undefined : decidedOnProgramme[task.kind];
  // The mentor's final-control task is the final report, written here; the controller's opens the control form.
  const controlForm =
    task.programmeId === undefined || task.assignee.role === 'mentor' ? undefined : controlFormOnProgramme[task.kind];
  const kindLabel = taskLabel({ kind: task.kind, role: task.assignee.role });
  return (
    <li className={`task card${overdue ? ' task-overdue' : ''}`} data-task-id={task.taskId}>
      <div className="task-head">
        <Badge tone={overdue ? 'danger' : 'info'}>{overdue ? taskStatusLabels.overdue : kindLabel}</Badge>
        {overdue ? <Badge tone="neutral">{kindLabel}</Badge> : null}
        <h2 className="task-title">{task.displayTitle ?? task.title}</h2>
      </div>
      <dl className="facts">
        {/* A review addressed to a role (no person) is the reader's own: no «Исполнитель» to name. */}
        {task.assignee.personId === session.me.sub || task.assignee.personId === '' ? null : (
          <div>
            <dt>Исполнитель</dt>
            <dd>
              <PersonId id={task.assignee.personId} name={task.assigneeName} />
            </dd>
          </div>
        )}
        <div>
          <dt>Срок</dt>
          {task.dueLocalDate === undefined ? (
            <dd className="deadline-pending">
              {task.deadlinePendingYear === undefined ? '—' : pendingDeadlineText(task.deadlinePendingYear)}
            </dd>
          ) : (
            <dd>
              до конца дня {formatLocalDate(task.dueLocalDate)} <small>(время организации, {zone})</small>
              {task.deadlinePendingYear !== undefined ? (
                <small className="deadline-pending">
                  {' '}
                  — напоминание будет назначено после загрузки календаря на {task.deadlinePendingYear} год
                </small>
              ) : null}
            </dd>
          )}
        </div>
        <div>
          <dt>Осталось</dt>
          <dd className="days-left">
            {left === undefined
              ? '—'
              : left === null
                ? 'нет производственного календаря на этот год'
                : left > 0
                  ? workingDaysText(left)
                  : left === 0
                    ? 'срок сегодня'
                    : `просрочено на ${workingDaysText(-left)}`}
          </dd>
        </div>
        {organisation ? (
          <div>
            <dt>Организация</dt>
            <dd>{organisation.name}</dd>
          </div>
        ) : null}
      </dl>
      {task.subject.type === 'calendar' ? (
        <Link className="button button-primary" to="/calendar">
          Загрузить календарь
        </Link>
      ) : routeAction ? (
        <Link
          className="button button-primary"
          to={`/routes/${task.subject.id}#${task.kind === 'draftRoute' ? 'draft' : 'control'}`}
        >
          {routeAction}
        </Link>
      ) : reviewAction ? (
        <Link className="button button-primary" to={reviewLink(task)}>
          {reviewAction}
        </Link>
      ) : controlForm ? (
        <Link className="button button-primary" to={reviewLink(task, controlForm.action)}>
          {controlForm.label}
        </Link>
      ) : (
        <CompleteTask task={task} onDone={onDone} />
      )}
    </li>
  );
}

function CompleteTask({ task, onDone }: { task: Task; onDone: () => void }) {
  const [result, setResult] = useState('');
  const { submit: send, busy, error } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/tasks/${task.taskId}/complete`, { result });
      onDone();
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <InputField label="Результат" field="result" error={error} value={result} onChange={setResult} />
      <SubmitButton busy={busy} variant="plain">
        Отметить выполненной
      </SubmitButton>
      <ErrorBox error={error} />
    </form>
  );
}
