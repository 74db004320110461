import { Link } from 'react-router';
import { getJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, DataTable, ErrorBox, Loading, StageTrack, useLoad, usePaged } from '../../components/ui';
import { formatLocalDate } from '../../format';
import { pairStatusLabels, programmeStageLabels } from '../../labels';
import type { Pair, PairStatus, Programme, Task } from '../../types';
import { NoProgrammes } from '../programmes/ProgrammeList';
import { programmeStages } from '../programmes/ProgrammeStageActions';
import { fixFor, fixPath, screenPath } from '../programmes/programme-screens';

const statuses = Object.keys(pairStatusLabels) as PairStatus[];
/** Enough pages for any school's pairs; the counts say «не менее» past it. */
const PAIR_PAGES = 10;

/**
 * The curator's (and the director's) first screen (issue 26): where each open programme stands and by when the
 * stage is planned to end, what blocks the next stage (each a link to the screen that fixes it), her overdue
 * tasks, the programme's pairs by status.
 */
export function CuratorHome() {
  const programmes = usePaged<Programme>('/programmes', []);
  const open = programmes.items.filter((p) => p.stage !== 'closed');
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Главная</h1>
      <ErrorBox error={programmes.error} />
      {!programmes.loaded && !programmes.error ? <Loading what="Загрузка программ" /> : null}
      {programmes.loaded && programmes.items.length === 0 ? <NoProgrammes /> : null}
      {programmes.loaded && programmes.items.length > 0 && open.length === 0 ? (
        <p className="empty">
          Все программы наставничества завершены: новую начинает руководитель в разделе{' '}
          <Link to="/programmes">Программы</Link>.
        </p>
      ) : null}
      {open.map((programme) => (
        <ProgrammeStanding key={programme.programmeId} listed={programme} />
      ))}
      <OverdueTasks />
    </section>
  );
}

function ProgrammeStanding({ listed }: { listed: Programme }) {
  const session = useSession();
  // The list's row has the stage; the checklist and the stage plans are the programme's own read.
  const read = useLoad(() => getJson<Programme>(`/programmes/${listed.programmeId}`), [listed.programmeId]);
  const programme = read.data ?? listed;
  const organisation = session.organisations.get(programme.organisationId);
  const stage = programme.stage as Exclude<Programme['stage'], 'closed'>;
  const plannedEnd = programme.plannedEnds?.[stage];
  const overdue = programme.overduePlannedEnds?.[stage] !== undefined;
  const checklist = programme.nextStageChecklist ?? [];
  const titleId = `home-programme-${programme.programmeId}`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h2 id={titleId}>
        <Link to={screenPath(programme.programmeId, '')}>{programme.title}</Link>
      </h2>
      {session.organisations.size > 1 ? <p>{organisation?.name ?? 'Организация'}</p> : null}
      <StageTrack
        stages={programmeStages}
        current={programme.stage}
        labels={programmeStageLabels}
        label={`Этапы программы «${programme.title}»`}
      />
      <p>
        Текущий этап: <strong>{programmeStageLabels[programme.stage]}</strong>.{' '}
        {plannedEnd ? (
          <>
            Плановый срок этапа: {formatLocalDate(plannedEnd)}{' '}
            <Badge tone={overdue ? 'danger' : 'ok'}>{overdue ? 'Просрочен' : 'В срок'}</Badge>
          </>
        ) : (
          <>
            Плановый срок этапа не задан
            {/* The curator plans the stages (the director reads them). */}
            {session.has('curator', 'administrator') ? (
              <>
                {' '}
                (<Link to={`${screenPath(programme.programmeId, '')}#plans-title`}>задать</Link>)
              </>
            ) : null}
            .
          </>
        )}
      </p>
      <h3>Что мешает перейти к следующему этапу</h3>
      <ErrorBox error={read.error} />
      {!read.data && !read.error ? (
        <Loading what="Загрузка условий перехода" />
      ) : checklist.length === 0 ? (
        <p className="ok-text">Все условия выполнены: этап можно завершить.</p>
      ) : (
        <ul className="checklist" aria-label="Невыполненные условия">
          {checklist.map((condition) => (
            <li key={condition.code}>
              <span className="unmet" aria-hidden="true">
                ✗
              </span>
              <span>{condition.message}</span>
              <Link to={fixPath(programme.programmeId, condition)}>{fixFor(condition).label}</Link>
            </li>
          ))}
        </ul>
      )}
      <PairsByStatus programmeId={programme.programmeId} />
    </section>
  );
}

function PairsByStatus({ programmeId }: { programmeId: string }) {
  const counts = useLoad(async () => {
    const all: Pair[] = [];
    for (let page = 0; page < PAIR_PAGES; page++) {
      const items = await getJson<Pair[]>(`/pairs?programmeId=${programmeId}&limit=100&offset=${page * 100}`);
      all.push(...items);
      if (items.length < 100) return { all, complete: true };
    }
    return { all, complete: false };
  }, [programmeId]);
  if (counts.error) return <ErrorBox error={counts.error} />;
  if (!counts.data) return <Loading what="Загрузка пар" />;
  const { all, complete } = counts.data;
  const pairsPath = screenPath(programmeId, 'pairs');
  if (all.length === 0)
    return (
      <p className="empty">
        Пары и группы ещё не сформированы (<Link to={pairsPath}>Пары и группы</Link>).
      </p>
    );
  return (
    <DataTable caption="Пары и группы по статусу" columns={['Статус', 'Сколько']}>
      {statuses
        .map((status) => [status, all.filter((p) => p.status === status).length] as const)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => (
          <tr key={status}>
            <td>
              <Link to={`${pairsPath}?status=${status}`}>{pairStatusLabels[status]}</Link>
            </td>
            <td>{complete ? n : `не менее ${n}`}</td>
          </tr>
        ))}
    </DataTable>
  );
}

function OverdueTasks() {
  const session = useSession();
  const tasks = useLoad(() => getJson<{ items: Task[] }>('/tasks/inbox?limit=20&offset=0&sort=due&overdue=true'), []);
  return (
    <section aria-labelledby="home-overdue-title" className="card">
      <h2 id="home-overdue-title">Просроченные задачи</h2>
      <ErrorBox error={tasks.error} />
      {!tasks.data && !tasks.error ? <Loading /> : null}
      {tasks.data?.items.length === 0 ? <p className="ok-text">Просроченных задач нет.</p> : null}
      {tasks.data && tasks.data.items.length > 0 ? (
        <>
          <DataTable caption="Мои просроченные задачи" columns={['Задача', 'Срок', 'Организация']}>
            {tasks.data.items.map((task) => (
              <tr key={task.taskId}>
                <td>{task.displayTitle ?? task.title}</td>
                <td>
                  {formatLocalDate(task.dueLocalDate)}
                  {task.workingDaysText ? <small> ({task.workingDaysText})</small> : null}
                </td>
                <td>{session.organisations.get(task.organisationId)?.name ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
          <p>
            <Link to="/tasks">Все задачи</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
