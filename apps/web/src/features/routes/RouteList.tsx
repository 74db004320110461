import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth';
import { PersonId } from '../../components/people';
import {
  Badge,
  ErrorBox,
  InputField,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  useDebouncedSearch,
  usePaged,
} from '../../components/ui';
import { formatLocalDate } from '../../format';
import { routeStageLabels } from '../../labels';
import type { Route, RouteStage } from '../../types';

/** A route with an overdue task (the draft, a diagnostics, a monthly check). */
const hasOverdueTask = (route: Route) => Object.values(route.tasks ?? {}).some((t) => t.status === 'overdue');

/**
 * The routes the caller may see — the route registry: filters by stage, school and overdue tasks, search by the
 * code (as on the title page) or the teacher's name; `teacherId`: only that teacher's («Мой маршрут»).
 */
export function RouteList({
  teacherId,
  title = 'Индивидуальные образовательные маршруты',
}: { teacherId?: string; title?: string } = {}) {
  const session = useSession();
  const [stage, setStage] = useState<RouteStage | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [text, setText] = useState('');
  const q = useDebouncedSearch(text);
  const filters = new URLSearchParams({
    ...(teacherId ? { teacherId } : {}),
    ...(stage ? { stage } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(overdue ? { overdue: 'true' } : {}),
    ...(q ? { q } : {}),
  }).toString();
  const routes = usePaged<Route>(filters ? `/routes?${filters}` : '/routes', []);
  const creates = !teacherId && session.has('tutor', 'administrator');
  return (
    <section aria-labelledby="routes-title">
      <h1 id="routes-title">{title}</h1>
      {creates ? (
        <p>
          <Link className="button button-primary" to="/routes/new">
            Новый маршрут
          </Link>
        </p>
      ) : null}
      {teacherId ? null : (
        <form
          className="route-filters card"
          role="search"
          aria-label="Поиск маршрутов"
          onSubmit={(e) => e.preventDefault()}
        >
          <InputField label="Код или ФИО педагога" field="q" type="search" value={text} onChange={setText} />
          <SelectField
            label="Этап"
            field="stage"
            value={stage}
            onChange={setStage}
            empty="все этапы"
            options={labelledOptions(routeStageLabels)}
          />
          <SelectField
            label="Организация"
            field="organisationId"
            value={organisationId}
            onChange={setOrganisationId}
            empty="все организации"
            options={[...session.organisations.values()].map((o) => [o.organisationId, o.name] as const)}
          />
          <label className="checkbox-line">
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> Только с
            просроченными задачами
          </label>
        </form>
      )}
      <ErrorBox error={routes.error} />
      {!routes.loaded && !routes.error ? <Loading /> : null}
      {routes.loaded && routes.items.length === 0 ? <p className="empty">Маршрутов нет.</p> : null}
      <ul className="card-list" aria-label="Маршруты">
        {routes.items.map((route) => (
          <li key={route.routeId} className="card">
            <h2>
              <Link to={`/routes/${route.routeId}`}>ИОМ {route.code}</Link>
            </h2>
            <p>
              Педагог: <PersonId id={route.participants.teacherId} name={route.teacherName} />
            </p>
            <p>
              {session.organisations.get(route.organisationId)?.name ?? ''} · этап «{routeStageLabels[route.stage]}»
            </p>
            <p>
              {formatLocalDate(route.titlePage.startDate)} — {formatLocalDate(route.titlePage.endDate)}{' '}
              {route.draft?.overdue && !route.draft.submittedAt ? <Badge tone="danger">Проект просрочен</Badge> : null}
              {hasOverdueTask(route) ? <Badge tone="danger">Есть просроченные задачи</Badge> : null}
            </p>
          </li>
        ))}
      </ul>
      <ShowMore list={routes} what="маршрутов" />
    </section>
  );
}
