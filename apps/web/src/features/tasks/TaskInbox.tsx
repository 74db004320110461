import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import {
  Badge,
  DoneBox,
  ErrorBox,
  InputField,
  Loading,
  SelectField,
  SubmitButton,
  PAGE_SIZE,
  labelledOptions,
  useDebouncedSearch,
  useLoad,
} from '../../components/ui';
import { PersonPicker } from '../../components/PersonPicker';
import { PersonId } from '../../components/people';
import { useSubmit } from '../../use-submit';
import { formatLocalDate } from '../../format';
import { pendingDeadlineText, pluralRu, roleLabels, taskKindLabels, taskLabel, taskStatusLabels } from '../../labels';
import type { Organisation, PersonListItem, Task, TaskKind } from '../../types';
import { CalendarFeed } from '../notifications/CalendarFeed';
import type { PairAction } from '../pairs/PairForms';

/** Tasks closed by a command on their route rather than by hand: the inbox links to the form that does it. */
const doneOnRoute: Partial<Record<TaskKind, string>> = {
  draftRoute: 'Составить проект ИОМ',
  controlDiagnostics: 'Провести контрольную диагностику',
  repeatedDiagnostics: 'Провести повторную диагностику',
  monthlyControlPointCheck: 'Проверить контрольные точки',
};
/** Where on the route's page the task's form is. */
const routeFormAnchor: Partial<Record<TaskKind, string>> = {
  draftRoute: 'draft',
  monthlyControlPointCheck: 'control-point-check',
};

/** The commission head's reviews are decided on the programme's screens: the meeting form, or the pair's actions. */
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
/**
 * The mentor's and the mentee's pair tasks done by a form on the pair's own page (issue 26): never by a free-text
 * «Результат», which the API refuses for them (the final report's conclusion and proposals are separate fields).
 */
const formOnPairPage: Partial<Record<TaskKind, { label: string; anchor: string }>> = {
  finalControl: { label: 'Написать итоговый отчёт', anchor: 'final-report' },
  periodicReport: { label: 'Написать отчёт', anchor: 'periodic-report' },
};
const pairWorker = (task: Task) => task.assignee.role === 'mentor' || task.assignee.role === 'mentee';
/** The route's page; the pair's own page for its mentor and mentees, else its place on its programme's page. */
const subjectLink = (task: Task): string =>
  task.subject.type === 'route'
    ? `/routes/${task.subject.id}`
    : task.programmeId && !pairWorker(task)
      ? `/programmes/${task.programmeId}/pairs?pair=${task.subject.id}#pair-actions-title`
      : `/pairs/${task.subject.id}`;
const reviewLink = (task: Task, action?: PairAction): string =>
  task.kind === 'candidateReview'
    ? `/programmes/${task.programmeId}/participants#meeting-form-title`
    : task.kind === 'periodicReportReview'
      ? // The pair's own page shows its reports unfolded, each with «Принять» / «Вернуть на доработку».
        `/pairs/${task.subject.id}#periodic-report`
      : `/programmes/${task.programmeId}/pairs?pair=${task.subject.id}${action ? `&action=${action}` : ''}#pair-actions-title`;

const isOverdue = (task: Task) =>
  task.status === 'overdue' || (task.dueAt !== undefined && Date.parse(task.dueAt) < Date.now());

interface InboxPage {
  items: Task[];
  counts: { all: number; overdue: number; week: number; byKind: Partial<Record<TaskKind, number>> };
}
type Chip = 'all' | 'overdue' | 'week';
const chipLabels: Record<Chip, string> = { all: 'Все', overdue: 'Просроченные', week: 'На этой неделе' };
type Sort = 'due' | '-due';
const sortLabels: Record<Sort, string> = { due: 'Сначала ближайший срок', '-due': 'Сначала дальний срок' };
type Scope = 'mine' | 'team';
const scopeLabels: Record<Scope, string> = { mine: 'Мои задачи', team: 'Задачи сотрудников' };

/**
 * The user's open tasks by due date, overdue ones marked, with the working days left on the organisation's
 * production calendar (counted by the API). Filters (kind, organisation, overdue, this week) show how many
 * tasks each holds; the search finds a task by the name of whom it concerns. A curator also sees her staff's
 * tasks («Задачи сотрудников») and passes them on, one or all of someone going on leave.
 */
export function TaskInbox() {
  const session = useSession();
  const manages = session.has('curator', 'administrator');
  const [scope, setScope] = useState<Scope>('mine');
  const [chip, setChip] = useState<Chip>('all');
  const [kind, setKind] = useState<TaskKind | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [sort, setSort] = useState<Sort>('due');
  const [text, setText] = useState('');
  const q = useDebouncedSearch(text);
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: '0',
    sort,
    ...(scope === 'team' ? { scope } : {}),
    ...(chip === 'overdue' ? { overdue: 'true' } : chip === 'week' ? { due: 'week' } : {}),
    ...(kind ? { kind } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(q ? { q } : {}),
  }).toString();
  const tasks = useLoad(() => getJson<InboxPage>(`/tasks/inbox?${query}`), [query]);
  const counts = tasks.data?.counts;
  const shown = tasks.data?.items ?? [];
  const organisations = [...session.organisations.values()];

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">Мои задачи</h1>
        <button type="button" onClick={tasks.reload} disabled={tasks.loading}>
          Обновить
        </button>
      </div>
      {manages ? <Chips label="Чьи задачи" labels={scopeLabels} value={scope} onChange={setScope} /> : null}
      <Chips
        label="Фильтр по сроку"
        labels={chipLabels}
        value={chip}
        onChange={setChip}
        count={(option) => counts?.[option] ?? '…'}
      />
      <div className="filters">
        <InputField label="Поиск по ФИО или коду ИОМ" field="q" value={text} onChange={setText} type="search" />
        <SelectField
          label="Вид задачи"
          field="kind"
          value={kind}
          onChange={setKind}
          empty={`Все виды (${counts?.all ?? '…'})`}
          options={(Object.keys(taskKindLabels) as TaskKind[])
            .filter((k) => (counts?.byKind[k] ?? 0) > 0 || k === kind)
            .map((k) => [k, `${taskKindLabels[k]} (${counts?.byKind[k] ?? 0})`] as const)}
        />
        {organisations.length > 1 ? (
          <OrganisationSelect
            organisations={organisations}
            value={organisationId}
            onChange={setOrganisationId}
            empty="Все организации"
          />
        ) : null}
        <SelectField
          label="Порядок"
          field="sort"
          value={sort}
          onChange={setSort}
          options={labelledOptions(sortLabels)}
        />
      </div>
      {scope === 'team' ? <BulkReassign organisations={organisations} onDone={tasks.reload} /> : null}
      <ErrorBox error={tasks.error} />
      {tasks.loading && !tasks.data ? <Loading what="Загрузка задач" /> : null}
      {tasks.data && shown.length === 0 ? <p className="empty">Открытых задач нет.</p> : null}
      {shown.length ? (
        <p className="hint">
          {shown.length} {pluralRu(shown.length, 'открытая задача', 'открытые задачи', 'открытых задач')}
          {shown.length === PAGE_SIZE ? ` (показаны первые ${PAGE_SIZE}: уточните фильтр или поиск)` : ''}, по сроку;
          просроченные выделены.
        </p>
      ) : null}
      <ul className="task-list">
        {shown.map((task) => (
          <TaskCard
            key={task.taskId}
            task={task}
            zone={session.timeZoneOf(task.organisationId)}
            onDone={tasks.reload}
          />
        ))}
      </ul>
      <CalendarFeed />
    </section>
  );
}

/** Toggle buttons, one pressed: a filter's options, each with how many tasks it holds when `count` is given. */
function Chips<T extends string>({
  label,
  labels,
  value,
  onChange,
  count,
}: {
  label: string;
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
  count?: (option: T) => number | string;
}) {
  return (
    <div className="chips" role="group" aria-label={label}>
      {(Object.keys(labels) as T[]).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          className={value === option ? 'chip chip-active' : 'chip'}
          onClick={() => onChange(option)}
        >
          {labels[option]}
          {count ? ` (${count(option)})` : ''}
        </button>
      ))}
    </div>
  );
}

function TaskCard({ task, zone, onDone }: { task: Task; zone: string; onDone: () => void }) {
  const overdue = isOverdue(task);
  const session = useSession();
  const organisation = session.organisations.get(task.organisationId);
  const routeAction = task.subject.type === 'route' ? doneOnRoute[task.kind] : undefined;
  const reviewAction = task.programmeId === undefined ? undefined : decidedOnProgramme[task.kind];
  // The mentor's final-control task is the final report, written on the pair's page; the controller's opens the control form.
  const controlForm =
    task.programmeId === undefined || task.assignee.role === 'mentor' ? undefined : controlFormOnProgramme[task.kind];
  const pairForm = task.subject.type === 'pair' && pairWorker(task) ? formOnPairPage[task.kind] : undefined;
  const kindLabel = taskLabel({ kind: task.kind, role: task.assignee.role });
  // A colleague's task (the curator's «Задачи сотрудников») is done by its assignee: here it is only passed on.
  const mine = task.assignee.personId === session.me.sub || task.assignee.personId === '';
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
          <dd className="days-left">{task.workingDaysText}</dd>
        </div>
        {task.subjectTitle ? (
          <div>
            <dt>{task.subject.type === 'route' ? 'Маршрут' : 'Пара'}</dt>
            <dd>
              <Link to={subjectLink(task)}>{task.subjectTitle}</Link>
            </dd>
          </div>
        ) : null}
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
          to={`/routes/${task.subject.id}#${routeFormAnchor[task.kind] ?? 'control'}`}
        >
          {routeAction}
        </Link>
      ) : reviewAction ? (
        <Link className="button button-primary" to={reviewLink(task)}>
          {reviewAction}
        </Link>
      ) : pairForm ? (
        <Link className="button button-primary" to={`/pairs/${task.subject.id}#${pairForm.anchor}`}>
          {pairForm.label}
        </Link>
      ) : controlForm ? (
        <Link className="button button-primary" to={reviewLink(task, controlForm.action)}>
          {controlForm.label}
        </Link>
      ) : mine || session.has('administrator') ? (
        <CompleteTask task={task} onDone={onDone} />
      ) : null}
      {task.canReassign ? <ReassignTask task={task} onDone={onDone} /> : null}
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

/** The caller's organisations, by name. */
function OrganisationSelect({
  organisations,
  value,
  onChange,
  empty,
}: {
  organisations: Organisation[];
  value: string;
  onChange: (id: string) => void;
  empty?: string;
}) {
  return (
    <SelectField
      label="Организация"
      field="organisationId"
      value={value}
      onChange={onChange}
      empty={empty}
      options={organisations.map((o) => [o.organisationId, o.name] as const)}
    />
  );
}

/** What a reassignment form sends: whose tasks (the bulk form only), to whom, why. */
interface ReassignBody {
  fromPersonId?: string;
  toPersonId?: string;
  reason: string;
}

/**
 * The form passing tasks on: the new holder chosen by name in the staff picker, the reason (required, kept in
 * the pair's or route's history), and with `withFrom` whose tasks. `send` posts it and says what was done.
 */
function ReassignForm({
  title,
  organisationId,
  withFrom = false,
  submitText,
  send,
}: {
  title: string;
  organisationId: string;
  withFrom?: boolean;
  submitText: string;
  send: (body: ReassignBody) => Promise<string>;
}) {
  const [from, setFrom] = useState<PersonListItem>();
  const [to, setTo] = useState<PersonListItem>();
  const [reason, setReason] = useState('');
  const { submit: run, busy, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => send({ ...(withFrom ? { fromPersonId: from?.personId } : {}), toPersonId: to?.personId, reason }));
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={title}>
      {withFrom ? (
        <PersonPicker
          organisationId={organisationId}
          label="Чьи задачи"
          field="fromPersonId"
          error={error}
          value={from}
          onChange={setFrom}
        />
      ) : null}
      <PersonPicker
        organisationId={organisationId}
        label="Кому передать"
        field="toPersonId"
        error={error}
        value={to}
        onChange={setTo}
      />
      <InputField label="Причина" field="reason" error={error} value={reason} onChange={setReason} />
      <SubmitButton busy={busy} variant={withFrom ? 'primary' : 'plain'}>
        {submitText}
      </SubmitButton>
      <ErrorBox error={error} />
      <DoneBox done={done} />
    </form>
  );
}

/** «Передать»: one task to another holder of its role. */
function ReassignTask({ task, onDone }: { task: Task; onDone: () => void }) {
  return (
    <details className="reassign">
      <summary>Передать</summary>
      <p className="hint">
        Кому: сотруднику с ролью «{roleLabels[task.assignee.role]}» в организации. Пока задача открыта, он выполняет её
        действие по {task.subject.type === 'route' ? 'этому маршруту' : 'этой паре'} от своего имени.
      </p>
      <ReassignForm
        title="Передать задачу"
        organisationId={task.organisationId}
        submitText="Передать задачу"
        send={async (body) => {
          await postJson(`/tasks/${task.taskId}/reassign`, body);
          onDone();
          return 'Задача передана';
        }}
      />
    </details>
  );
}

/** «Передать все задачи сотрудника»: every open task of someone going on leave, to one colleague. */
function BulkReassign({ organisations, onDone }: { organisations: Organisation[]; onDone: () => void }) {
  const [organisationId, setOrganisationId] = useState(organisations[0]?.organisationId ?? '');
  if (!organisationId) return null;
  return (
    <details className="card">
      <summary>Передать все задачи сотрудника</summary>
      {organisations.length > 1 ? (
        <OrganisationSelect organisations={organisations} value={organisationId} onChange={setOrganisationId} />
      ) : null}
      <ReassignForm
        key={organisationId}
        title="Передать все задачи сотрудника"
        organisationId={organisationId}
        withFrom
        submitText="Передать все задачи"
        send={async (body) => {
          const result = await postJson<{ reassigned: string[]; refused: { taskId: string; detail: string }[] }>(
            '/tasks/reassign',
            { ...body, organisationId },
          );
          onDone();
          return [
            `Передано задач: ${result.reassigned.length}`,
            ...result.refused.map((r) => `не передана: ${r.detail}`),
          ].join('; ');
        }}
      />
    </details>
  );
}
